// The fast path of a Session: values bound once (BoundInput), verdicts without messages or
// JSON, batches. Nothing escapes as an exception.
#include <cstddef>
#include <exception>
#include <new>
#include <string>

#include "api/direct_verdict.h"
#include "api/session_impl.h"

namespace gai {

namespace {

const char* const kNoSession = "the session has no policy";

// The verdict from a full outcome (engines without a native decision for the entry type).
void reduce(const rt::Outcome& outcome, const std::vector<uint8_t>& ruleDenies, api::Verdict& out) {
  for (uint32_t i = 0; i < outcome.rules.size(); ++i) {
    switch (outcome.rules[i].state) {
      case rt::RuleState::Fired:
        out.fired->push_back(i);
        out.denyFired = out.denyFired || ruleDenies[i];
        break;
      case rt::RuleState::Excepted: ++out.excepted; break;
      case rt::RuleState::Errored:
        ++out.errors;
        out.denyErrored = out.denyErrored || ruleDenies[i];
        break;
      default: break;
    }
  }
  for (const rt::ExceptionOutcome& e : outcome.exceptions) out.errors += e.state == rt::ExceptionState::Errored;
}

// Why `input` cannot be decided by a session of `policy` (null when it can).
const char* inputUnusable(const BoundInput::Impl* input, const std::shared_ptr<const Policy>& policy) {
  if (!policy) return kNoSession;
  if (!input) return "empty bound input";
  if (!input->value) return nullptr;  // its own error is reported
  if (input->policy != policy) return "the input was bound for another policy";
  return nullptr;
}

__attribute__((noinline)) bool noSession(Verdict& out) {
  failVerdict(out, kNoSession);
  return false;
}

}  // namespace

void failVerdict(Verdict& out, const char* why) {
  out.effect = Effect::Allow;
  out.fired.clear();
  out.firedSet = FiredSet();
  out.excepted = out.errors = 0;
  out.error = why;
}

namespace {

// How many inputs ahead a batch asks the memory for (each bound input is an allocation of
// its own, so the hardware prefetcher cannot guess them).
constexpr size_t kPrefetch = 6;
// The head of a bound input: the value pointer, the policy and the inline record.
constexpr size_t kPrefetchBytes = 32 + BoundInput::Impl::kInlineBytes;

void prefetch(const BoundInput::Impl* input, const Verdict& out) {
  if (input) {
    const char* p = reinterpret_cast<const char*>(input);
    for (size_t at = 0; at < kPrefetchBytes; at += 64)
      __builtin_prefetch(p + at);
  }
  __builtin_prefetch(out.fired.data(), 1);
}

}  // namespace

// Engines without a native decision for the entry type, and every error.
bool Session::Impl::slowVerdict(const BoundInput::Impl* input, const EvalOptions& options, Verdict& out) {
  if (const char* why = inputUnusable(input, policy); why || !evaluator) {
    failVerdict(out, why ? why : kNoSession);
    return false;
  }
  if (!input->value) {
    failVerdict(out, input->error.c_str());
    return false;
  }
  return valueVerdict(input->entry, input->value, options, out);
}

bool Session::Impl::valueVerdict(uint32_t entry, const void* value, const EvalOptions& options, Verdict& out) {
  out.effect = Effect::Allow;
  out.fired.clear();
  out.excepted = out.errors = 0;
  out.error.clear();
  api::Verdict raw;
  raw.fired = &out.fired;
  bool ok = guard(out.error, [&] {
    if (arena.bytesUsed() != 0) arena.reset();
    outcome.reset(module->table);
    std::string engineError;
    if (!evaluator->evaluateForVerdict(entry, value, options.nowMicros, arena, outcome, engineError)) {
      out.error = "evaluation failed: " + engineError;
      return false;
    }
    reduce(outcome, ruleDenies, raw);
    return true;
  });
  if (!ok) {
    out.fired.clear();
    out.firedSet = FiredSet();
    if (out.error.empty()) out.error = "internal error";
    return false;
  }
  out.excepted = raw.excepted;
  out.errors = raw.errors;
  out.effect = raw.denyFired || (raw.denyErrored && !options.failOpen) ? Effect::Deny : Effect::Allow;
  setFiredSet(entry, options, out);
  return true;
}

// Verdict::firedSet from Verdict::fired (entry types of at most 64 rules).
void Session::Impl::setFiredSet(uint32_t entry, const EvalOptions& options, Verdict& out) const {
  const Policy::Impl& p = policy->impl();
  out.firedSet = FiredSet();
  if (entry >= p.entryRules.size() || p.entryRules[entry].size() > 64) return;
  uint64_t bits = 0;
  for (uint32_t rule : out.fired) bits |= uint64_t(1) << p.ruleBit[rule];
  out.firedSet = FiredSet(bits, p.entryRules[entry].data());
  if (!options.firedList) out.fired.clear();
}

bool Session::Impl::evaluateBound(const BoundInput::Impl* input, const EvalOptions& options, std::string& json,
                                  Decision* decision, std::string& error) {
  if (const char* why = inputUnusable(input, policy); why || !evaluator) {
    error = why ? why : kNoSession;
    return false;
  }
  if (!input->value) {
    error = input->error;
    return false;
  }
  return evaluateValue(input->entry, input->value, options, json, decision, error);
}

bool Session::Impl::evaluateValue(uint32_t entry, const void* value, const EvalOptions& options, std::string& json,
                                  Decision* decision, std::string& error) {
  size_t mark = json.size();
  bool ok = guard(error, [&] {
    arena.reset();
    return run(entry, value, options, json, decision, error);
  });
  if (!ok) json.resize(mark);
  return ok;
}

BoundInput Session::bind(const EntryType& entry, std::string_view json, bool strictInput) {
  return bind(entry, PaddedJson{json, json.size()}, strictInput);
}

BoundInput Session::bind(Input&& input) {
  std::unique_ptr<BoundInput::Impl> impl;
  try {
    impl = std::make_unique<BoundInput::Impl>();
  } catch (...) {
    return BoundInput();
  }
  BoundInput::Impl& out = *impl;
  Input::Impl* in = input.impl_.get();
  bool ok = guard(out.error, [&] {
    if (!impl_ || !in || in->session != impl_.get()) {
      out.error = !impl_ ? kNoSession : "input was made by another session";
      return false;
    }
    if (!in->builder) {
      out.error = in->error.empty() ? "input was not built" : in->error;
      return false;
    }
    const void* value = in->builder->finish();
    if (!value) {
      out.error = in->builder->error();
      return false;
    }
    out.policy = impl_->policy;
    out.entry = in->entry;
    out.keep(value, impl_->module->entries[in->entry]->size);
    in->builder.reset();
    out.arena = std::move(in->arena);
    return true;
  });
  if (!ok) {
    out.drop();
    if (out.error.empty()) out.error = "internal error";
  }
  input.impl_.reset();
  return BoundInput(std::move(impl));
}

void Session::Impl::prepare(uint32_t entry) {
  kernel = evaluator->verdictKernel(entry, arena);
  direct = evaluator->directVerdict(entry, arena);
  uint64_t key = directKeyOf(policy.get(), entry);
  directKey = direct.fn && key ? key | kInlineKey : kNoDirectKey;
  kernelEntry = entry;
}

bool Session::Impl::listFired(Verdict& out) {
  try {
    for (uint32_t rule : out.firedSet) out.fired.push_back(rule);
    return true;
  } catch (...) {
    failVerdict(out, "out of memory");
    return false;
  }
}

bool Session::Impl::verdictOf(const BoundInput::Impl* in, const EvalOptions& options, Verdict& out) {
  if (usable(in)) {
    const api::VerdictKernel& k = kernelFor(in->entry);
    if ((in->key | kInlineKey) == directKey) return directVerdict(in->value, options, out);
    if (k.one) return k.one(k.self, in->value, options, out);
  }
  return slowVerdict(in, options, out);
}

// The hot path: one compare of the input's key, then the native verdict.
bool Session::verdict(const BoundInput& input, const EvalOptions& options, Verdict& out) {
  Impl* s = impl_.get();
  const BoundInput::Impl* in = input.impl();
  if (s && in && s->takesDirect(in->key)) return s->directVerdict(in->inlineValue, options, out);
  return s ? s->verdictOf(in, options, out) : noSession(out);
}

size_t Session::verdicts(const BoundInput* inputs, size_t count, const EvalOptions& options, Verdict* out) {
  if (!inputs || !out) return 0;
  if (!impl_) {
    for (size_t i = 0; i < count; ++i) failVerdict(out[i], kNoSession);
    return 0;
  }
  Impl& s = *impl_;
  size_t ok = 0;
  for (size_t i = 0; i < count; ++i) {
    if (i + kPrefetch < count) prefetch(inputs[i + kPrefetch].impl(), out[i + kPrefetch]);
    const BoundInput::Impl* in = inputs[i].impl();
    ok += in && s.takesDirect(in->key) ? s.directVerdict(in->inlineValue, options, out[i])
                                       : s.verdictOf(in, options, out[i]);
  }
  return ok;
}

EvalResult Session::evaluate(const BoundInput& input, const EvalOptions& options) {
  EvalResult result;
  bool ok = impl_ ? impl_->evaluateBound(input.impl(), options, result.decision.json, &result.decision, result.error)
                  : (result.error = kNoSession, false);
  if (!ok) {
    result.decision = Decision();
    if (result.error.empty()) result.error = "internal error";
  }
  return result;
}

size_t Session::evaluateBatch(const BoundInput* inputs, size_t count, const EvalOptions& options, EvalResult* out) {
  if (!inputs || !out) return 0;
  size_t ok = 0;
  for (size_t i = 0; i < count; ++i) {
    try {
      out[i] = evaluate(inputs[i], options);
    } catch (...) {
      out[i].error = "out of memory";
    }
    ok += out[i].ok();
  }
  return ok;
}

bool Session::evaluateTo(const BoundInput& input, const EvalOptions& options, std::string& out, std::string& error) {
  if (!impl_) {
    error = kNoSession;
    return false;
  }
  return impl_->evaluateBound(input.impl(), options, out, nullptr, error);
}

// ---- BoundInput

BoundInput::BoundInput() = default;
BoundInput::BoundInput(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoundInput::~BoundInput() = default;
BoundInput::BoundInput(BoundInput&&) noexcept = default;
BoundInput& BoundInput::operator=(BoundInput&&) noexcept = default;

bool BoundInput::ok() const { return impl_ && impl_->value; }

const std::string& BoundInput::error() const {
  static const std::string kEmpty = "empty bound input";
  return impl_ ? impl_->error : kEmpty;
}

}  // namespace gai
