// The decision driver with native `when`s (see driver.h); mirrors interp/eval_rules.cpp.
#include "codegen/driver.h"

#include <algorithm>
#include <deque>

namespace gai::codegen {

namespace {

class Driver;
// Every entry value decided in one evaluation (r(x) may name another value), like the
// interpreter's memos keyed by value and type.
using Drivers = std::deque<Driver>;

class Driver {
 public:
  Driver(const ir::Module& m, const std::vector<NativeWhen>& rules, const std::vector<NativeWhen>& exceptions,
         const void* entry, const rt::Type* type, int64_t now, const interp::EvalOptions& options, rt::Arena& arena,
         Drivers& all)
      : mod_(m), nativeRules_(rules), nativeExceptions_(exceptions), entry_(entry), type_(type), now_(now),
        options_(options), arena_(arena), all_(all), ruleDone_(m.rules.size(), 0), excDone_(m.exceptions.size(), 0),
        rules_(m.rules.size(), rt::RuleOutcome{rt::RuleState::NotEffective, 0, nullptr, nullptr}),
        exceptions_(m.exceptions.size(), rt::ExceptionOutcome{rt::ExceptionState::NotEffective, nullptr}) {}

  const rt::RuleOutcome& rule(uint32_t index);
  const rt::ExceptionOutcome& exception(uint32_t index);
  const rt::SlotValue* slots(uint32_t index);
  // As evaluated so far (exceptions are evaluated only for rules whose `when` held).
  const rt::ExceptionOutcome& exceptionState(uint32_t index) const { return exceptions_[index]; }
  Driver& forEntry(const void* entry, const rt::Type* type) {
    for (Driver& d : all_)
      if (d.entry_ == entry && d.type_ == type) return d;
    all_.emplace_back(mod_, nativeRules_, nativeExceptions_, entry, type, now_, options_, arena_, all_);
    return all_.back();
  }
  const ir::Module& module() const { return mod_; }

 private:
  bool effective(const ir::RuleCode& code) const {
    return !options_.hasNow || (code.fromMicros <= now_ && now_ < code.untilMicros);
  }
  bool when(const ir::RuleCode& code, NativeWhen native, const char*& error);

  const ir::Module& mod_;
  const std::vector<NativeWhen>& nativeRules_;
  const std::vector<NativeWhen>& nativeExceptions_;
  const void* entry_;
  const rt::Type* type_;
  int64_t now_;
  interp::EvalOptions options_;
  rt::Arena& arena_;
  Drivers& all_;
  std::vector<uint8_t> ruleDone_, excDone_;
  std::vector<rt::RuleOutcome> rules_;
  std::vector<rt::ExceptionOutcome> exceptions_;
};

bool Driver::when(const ir::RuleCode& code, NativeWhen native, const char*& error) {
  if (native) {
    NativeCtx ctx{nullptr, options_.hasNow ? 1 : 0, this};
    int32_t r = native(entry_, now_, &ctx);
    if (r == kNativeError) error = ctx.error;
    return r == 1;
  }
  bool held = false;
  error = interp::evaluateExpr(mod_, *code.when, code.frameSize, code.paramSlot, entry_, now_, options_, arena_,
                               &held);
  return !error && held;
}

const rt::RuleOutcome& Driver::rule(uint32_t index) {
  if (ruleDone_[index]) return rules_[index];
  const ir::RuleCode& code = mod_.rules[index];
  rt::RuleOutcome out{rt::RuleState::NotEffective, 0, nullptr, nullptr};
  if (effective(code)) {
    const char* error = nullptr;
    bool held = when(code, nativeRules_[index], error);
    if (error) {
      out.state = rt::RuleState::Errored;
      out.error = error;
    } else if (!held) {
      out.state = rt::RuleState::NotFired;
    } else {
      out.state = rt::RuleState::Fired;
      for (uint32_t e : code.exceptedBy) {
        if (exception(e).state != rt::ExceptionState::InForce || out.state != rt::RuleState::Fired) continue;
        out.state = rt::RuleState::Excepted;
        out.exceptedBy = e;
      }
    }
  }
  rules_[index] = out;
  ruleDone_[index] = 1;
  return rules_[index];
}

const rt::ExceptionOutcome& Driver::exception(uint32_t index) {
  if (excDone_[index]) return exceptions_[index];
  const ir::RuleCode& code = mod_.exceptions[index];
  rt::ExceptionOutcome out{rt::ExceptionState::NotEffective, nullptr};
  if (effective(code)) {
    const char* error = nullptr;
    bool held = when(code, nativeExceptions_[index], error);
    if (error) {
      out = {rt::ExceptionState::Errored, error};
    } else if (!held) {
      out.state = rt::ExceptionState::NotInForce;
    } else {
      out.state = rt::ExceptionState::InForce;
      for (uint32_t e : code.exceptedBy)
        if (exception(e).state == rt::ExceptionState::InForce) out.state = rt::ExceptionState::NotInForce;
    }
  }
  exceptions_[index] = out;
  excDone_[index] = 1;
  return exceptions_[index];
}

const rt::SlotValue* Driver::slots(uint32_t index) {
  const ir::RuleCode& code = mod_.rules[index];
  size_t n = code.slots.size();
  if (n == 0) return nullptr;
  auto* out = static_cast<rt::SlotValue*>(arena_.allocate(n * sizeof(rt::SlotValue), alignof(rt::SlotValue)));
  if (!out) return nullptr;
  for (size_t i = 0; i < n; ++i) out[i] = rt::SlotValue{nullptr, "not evaluated"};
  for (uint32_t s : mod_.table.neededSlots(index, options_.lang)) {
    if (s >= n) continue;
    const rt::Type& t = *code.slots[s]->type;
    void* bytes = arena_.allocateZeroed(t.size ? t.size : 1, t.align);
    if (!bytes) {
      out[s] = rt::SlotValue{nullptr, "out of memory"};
      continue;
    }
    const char* error = interp::evaluateExpr(mod_, *code.slots[s], code.frameSize, code.paramSlot, entry_, now_,
                                             options_, arena_, bytes);
    out[s] = error ? rt::SlotValue{nullptr, error} : rt::SlotValue{bytes, nullptr};
  }
  return out;
}

}  // namespace

extern "C" int32_t gai_jit_rule_ref(NativeCtx* ctx, uint32_t rule, const void* entry) {
  try {
    auto* from = static_cast<Driver*>(ctx->driver);
    const ir::Module& m = from->module();
    Driver& target = from->forEntry(entry, m.entries[m.rules[rule].entry]);
    const rt::RuleOutcome& o = target.rule(rule);
    if (o.state == rt::RuleState::Errored) {
      ctx->error = o.error;
      return kNativeError;
    }
    return o.state == rt::RuleState::Fired ? 1 : 0;
  } catch (...) {
    ctx->error = "out of memory";
    return kNativeError;
  }
}

rt::Outcome runDecision(const ir::Module& module, const std::vector<NativeWhen>& rules,
                        const std::vector<NativeWhen>& exceptions, uint32_t entry, const void* boundEntry,
                        int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch) {
  rt::Outcome outcome;
  outcome.reset(module.table);
  if (entry >= module.entries.size() || !boundEntry) return outcome;
  try {
    Drivers all;
    all.emplace_back(module, rules, exceptions, boundEntry, module.entries[entry], nowMicros, options, scratch, all);
    Driver& d = all.front();
    for (uint32_t i = 0; i < module.rules.size(); ++i) {
      if (module.rules[i].entry != entry) continue;
      outcome.rules[i] = d.rule(i);
      if (outcome.rules[i].state == rt::RuleState::Fired) outcome.rules[i].slots = d.slots(i);
    }
    for (uint32_t i = 0; i < module.exceptions.size(); ++i)
      if (module.exceptions[i].entry == entry) outcome.exceptions[i] = d.exceptionState(i);
  } catch (...) {
    for (uint32_t i = 0; i < module.rules.size(); ++i)
      if (module.rules[i].entry == entry) outcome.rules[i] = {rt::RuleState::Errored, 0, "out of memory", nullptr};
  }
  return outcome;
}

}  // namespace gai::codegen
