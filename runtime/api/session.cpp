// Session: per-thread evaluation (bind or build, engine, decide). Nothing escapes as an
// exception; failures become EvalResult::error.
#include <exception>
#include <new>
#include <optional>
#include <string>

#include "api/input_limits.h"
#include "api/session_impl.h"

namespace gai {

namespace {

void convert(const rt::Decision& in, Decision& out) {
  const rt::RuleTable& table = *in.table;
  out.effect = in.effect == rt::Effect::Deny ? Effect::Deny : Effect::Allow;
  for (const rt::Finding& f : in.findings) {
    const rt::RuleInfo& rule = table.rules[f.rule];
    out.findings.push_back(Finding{rule.name, f.title, static_cast<RuleSeverity>(rule.severity), rule.cites,
                                   f.effects, f.message});
  }
  for (const rt::ExceptedEntry& e : in.excepted)
    out.excepted.push_back(Excepted{table.rules[e.rule].name, table.exceptions[e.by].name});
  for (const rt::ErrorEntry& e : in.errors) {
    const std::string& name = e.isException ? table.exceptions[e.index].name : table.rules[e.index].name;
    out.errors.push_back(RuleError{name, e.error});
  }
}

}  // namespace

const rt::Type* Session::Impl::entryType(const EntryType& entry, std::string& error) const {
  if (!evaluator) {
    error = "the session has no policy";
    return nullptr;
  }
  const std::vector<const rt::Type*>& entries = module->entries;
  if (entry.index() < entries.size()) {
    const rt::Type* type = entries[entry.index()];
    const std::string& qualified = type->qualifiedName.empty() ? type->name : type->qualifiedName;
    if (qualified == entry.qualifiedName()) return type;
  }
  error = "entry type " + entry.qualifiedName() + " does not belong to this policy";
  return nullptr;
}

bool Session::Impl::run(uint32_t entry, const void* value, const EvalOptions& options, std::string& json,
                        Decision* decision, std::string& error) {
  const rt::RuleTable& table = module->table;
  outcome.reset(table);
  rt::Lang lang = options.lang == Lang::Zh ? rt::Lang::Zh : rt::Lang::En;
  std::string engineError;
  if (!evaluator->evaluate(entry, value, options.nowMicros, lang, arena, outcome, engineError)) {
    error = "evaluation failed: " + engineError;
    return false;
  }
  rt::DecideOptions decideOptions;
  decideOptions.lang = lang;
  decideOptions.failOpen = options.failOpen;
  rt::Decision result = rt::decide(table, outcome, decideOptions);
  result.appendJson(json);
  if (decision) convert(result, *decision);
  return true;
}

// A null policy (or an allocation failure here) leaves a session whose evaluations all
// report an error, since a constructor cannot return one.
Session::Session(std::shared_ptr<const Policy> policy) {
  try {
    impl_ = std::make_unique<Impl>();
    impl_->policy = std::move(policy);
    if (!impl_->policy) return;
    const Policy::Impl& p = impl_->policy->impl();
    impl_->module = p.module.get();
    impl_->evaluator = p.engineProgram->newEvaluator();
    for (const rt::RuleInfo& rule : impl_->module->table.rules) impl_->ruleDenies.push_back(rule.hasDeny());
  } catch (...) {
    if (impl_) impl_->evaluator.reset();
  }
}

Session::~Session() = default;

const Policy* Session::policy() const { return impl_ ? impl_->policy.get() : nullptr; }

void Session::Impl::setStrict(bool strict) {
  rt::BindLimits limits = binder.limits();
  if (limits.strict == strict) return;
  limits.strict = strict;
  binder.setLimits(limits);
}

namespace {

// Session::Impl::evaluateJson for a document read in place when padded (PaddedJson).
bool evaluatePadded(Session::Impl& s, const EntryType& entry, const PaddedJson& json, const EvalOptions& options,
                    std::string& out, Decision* decision, std::string& error) {
  size_t mark = out.size();
  bool ok = guard(error, [&] {
    const rt::Type* type = s.entryType(entry, error);
    if (!type) return false;
    s.arena.reset();
    api::applyInputLimits(s.binder, options);
    rt::BindError bindError;
    const void* value = s.binder.bind(json.text, json.capacity, *type, s.arena, bindError);
    if (!value) {
      error = bindError.toString();
      return false;
    }
    return s.run(entry.index(), value, options, out, decision, error);
  });
  if (!ok) out.resize(mark);
  return ok;
}

}  // namespace

bool Session::Impl::evaluateJson(const EntryType& entry, std::string_view json, const EvalOptions& options,
                                 std::string& out, Decision* decision, std::string& error) {
  return evaluatePadded(*this, entry, PaddedJson{json, json.size()}, options, out, decision, error);
}

bool Session::evaluateJsonTo(const EntryType& entry, std::string_view json, const EvalOptions& options,
                             std::string& out, std::string& error) {
  return evaluateJsonTo(entry, PaddedJson{json, json.size()}, options, out, error);
}

bool Session::evaluateJsonTo(const EntryType& entry, const PaddedJson& json, const EvalOptions& options,
                             std::string& out, std::string& error) {
  if (!impl_) {
    error = "the session has no policy";
    return false;
  }
  return evaluatePadded(*impl_, entry, json, options, out, nullptr, error);
}

EvalResult Session::evaluateJson(const EntryType& entry, std::string_view json, const EvalOptions& options) {
  EvalResult result;
  if (!impl_) {
    result.error = "the session has no policy";
    return result;
  }
  if (!impl_->evaluateJson(entry, json, options, result.decision.json, &result.decision, result.error)) {
    result.decision = Decision();
    if (result.error.empty()) result.error = "internal error";
  }
  return result;
}

Input Session::input(const EntryType& entry) {
  auto impl = std::make_unique<Input::Impl>();
  impl->session = impl_.get();
  impl->entry = entry.index();
  guard(impl->error, [&] {
    if (!impl_) {
      impl->error = "the session has no policy";
      return false;
    }
    const rt::Type* type = impl_->entryType(entry, impl->error);
    if (!type) return false;
    impl->arena = std::make_unique<rt::Arena>();
    impl->builder.emplace(*type, *impl->arena);
    return true;
  });
  return Input(std::move(impl));
}

EvalResult Session::evaluate(Input& input, const EvalOptions& options) {
  EvalResult result;
  if (!input.impl_ || !impl_) {
    result.error = "no input or no policy";
    return result;
  }
  Input::Impl& in = *input.impl_;
  if (in.session != impl_.get()) {
    result.error = "input was made by another session";
    return result;
  }
  if (!in.builder) {
    result.error = in.error.empty() ? "input was not built" : in.error;
    return result;
  }
  bool ok = guard(result.error, [&] {
    const void* value = in.builder->finish();
    if (!value) {
      result.error = in.builder->error();
      return false;
    }
    impl_->arena.reset();
    return impl_->run(in.entry, value, options, result.decision.json, &result.decision, result.error);
  });
  if (!ok) {
    result.decision = Decision();
    if (result.error.empty()) result.error = "internal error";
  }
  return result;
}

// ---- Input

Input::Input(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Input::~Input() = default;
Input::Input(Input&&) noexcept = default;
Input& Input::operator=(Input&&) noexcept = default;

namespace {

template <typename Set>
bool setField(Input::Impl* in, Set set) {
  if (!in || !in->builder) return false;
  try {
    return set(*in->builder);
  } catch (...) {
    if (in->error.empty()) in->error = "out of memory";
    in->builder.reset();
    return false;
  }
}

}  // namespace

bool Input::setBool(std::string_view path, bool value) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setBool(path, value); });
}
bool Input::setInt(std::string_view path, int64_t value) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setInt(path, value); });
}
bool Input::setFloat(std::string_view path, double value) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setFloat(path, value); });
}
bool Input::setString(std::string_view path, std::string_view value) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setString(path, value); });
}
bool Input::setDate(std::string_view path, int32_t days) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setDate(path, days); });
}
bool Input::setTimestamp(std::string_view path, int64_t micros) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setTimestamp(path, micros); });
}
bool Input::setDuration(std::string_view path, int64_t seconds) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setDuration(path, seconds); });
}
bool Input::setEnum(std::string_view path, std::string_view member) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setEnum(path, member); });
}
bool Input::setNone(std::string_view path) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setNone(path); });
}
bool Input::setStrings(std::string_view path, const std::vector<std::string_view>& values) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setStrings(path, values); });
}
bool Input::setInts(std::string_view path, const std::vector<int64_t>& values) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setInts(path, values); });
}
bool Input::setEnums(std::string_view path, const std::vector<std::string_view>& members) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setEnums(path, members); });
}
bool Input::setJson(std::string_view path, std::string_view json) {
  return setField(impl_.get(), [&](rt::Builder& b) { return b.setJson(path, json); });
}

bool Input::ok() const { return impl_ && impl_->builder && impl_->builder->ok(); }

std::string Input::error() const {
  if (!impl_) return "moved-from input";
  if (!impl_->builder) return impl_->error.empty() ? "input was not built" : impl_->error;
  return impl_->builder->error();
}

}  // namespace gai
