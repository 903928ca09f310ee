// The meaning of a decision (LANGUAGE.md §5): effective ranges, exceptions in force,
// firing, errors, rule references, and the slots of fired rules.
#include <algorithm>

#include "interp/evaluator.h"

namespace gai::interp {

const char* const kNoNowError = "'now' is not available (the test gives no 'now')";

Evaluator::Memo& Evaluator::memoFor(const void* entry, const rt::Type* type) {
  for (Memo& m : memos_)
    if (m.entry == entry && m.type == type) return m;
  memos_.push_back(Memo{entry, type, std::vector<uint8_t>(mod_.rules.size(), 0),
                        std::vector<uint8_t>(mod_.exceptions.size(), 0),
                        std::vector<rt::RuleOutcome>(mod_.rules.size(), rt::RuleOutcome{rt::RuleState::NotEffective, 0, nullptr, nullptr}),
                        std::vector<rt::ExceptionOutcome>(mod_.exceptions.size(), rt::ExceptionOutcome{rt::ExceptionState::NotEffective, nullptr})});
  return memos_.back();
}

bool Evaluator::effective(const ir::RuleCode& code) const {
  if (!options_.hasNow) return true;
  return code.fromMicros <= now_ && now_ < code.untilMicros;
}

bool Evaluator::when(bool isException, uint32_t index, const void* entry, const char*& error) {
  if (hook_) {
    int32_t decided = hook_->when(isException, index, entry, now_, options_.hasNow, *this, error);
    if (decided == 2 && !error) error = "runtime error";
    if (decided >= 0) return decided == 1 && !error;
  }
  const ir::RuleCode& code = isException ? mod_.exceptions[index] : mod_.rules[index];
  std::vector<Val> frame(code.frameSize, zeroVal());
  frame[code.paramSlot] = ofPtr(entry);
  try {
    return eval(*code.when, frame.data()).b;
  } catch (const EvalError& e) {
    error = e.message;
    return false;
  }
}

// Exceptions are evaluated only for a rule whose `when` held; all of them are evaluated (so
// each one's error is reported), and the first in force in declaration order excepts it.
const rt::RuleOutcome& Evaluator::rule(Memo& memo, uint32_t index) {
  if (memo.ruleDone[index]) return memo.rules[index];
  const ir::RuleCode& code = mod_.rules[index];
  rt::RuleOutcome out{rt::RuleState::NotEffective, 0, nullptr, nullptr};
  if (effective(code)) {
    const char* error = nullptr;
    bool held = when(false, index, memo.entry, error);
    if (error) {
      out.state = rt::RuleState::Errored;
      out.error = error;
    } else if (!held) {
      out.state = rt::RuleState::NotFired;
    } else {
      out.state = rt::RuleState::Fired;
      for (uint32_t e : code.exceptedBy) {
        if (exception(memo, e).state != rt::ExceptionState::InForce || out.state != rt::RuleState::Fired) continue;
        out.state = rt::RuleState::Excepted;
        out.exceptedBy = e;
      }
    }
  }
  memo.rules[index] = out;
  memo.ruleDone[index] = 1;
  return memo.rules[index];
}

const rt::ExceptionOutcome& Evaluator::exception(Memo& memo, uint32_t index) {
  if (memo.exceptionDone[index]) return memo.exceptions[index];
  const ir::RuleCode& code = mod_.exceptions[index];
  rt::ExceptionOutcome out{rt::ExceptionState::NotEffective, nullptr};
  if (effective(code)) {
    const char* error = nullptr;
    bool held = when(true, index, memo.entry, error);
    if (error) {
      out = {rt::ExceptionState::Errored, error};
    } else if (!held) {
      out.state = rt::ExceptionState::NotInForce;
    } else {
      out.state = rt::ExceptionState::InForce;
      for (uint32_t e : code.exceptedBy)
        if (exception(memo, e).state == rt::ExceptionState::InForce) out.state = rt::ExceptionState::NotInForce;
    }
  }
  memo.exceptions[index] = out;
  memo.exceptionDone[index] = 1;
  return memo.exceptions[index];
}

// `r(x)`: true when r fires for x; an error of r is an error of the referring rule.
Val Evaluator::evalRuleRef(const ir::Node& n, Val* frame) {
  Val x = eval(*n.kids[0], frame);
  const ir::RuleCode& code = mod_.rules[n.index];
  Memo& memo = memoFor(x.p, mod_.entries[code.entry]);
  const rt::RuleOutcome& o = rule(memo, n.index);
  if (o.state == rt::RuleState::Errored) raise(o.error);
  return ofBool(o.state == rt::RuleState::Fired);
}

// A slot by the hook; false when the interpreter is to evaluate it.
bool Evaluator::hookSlot(uint32_t rule, uint32_t slot, const void* entry, rt::SlotValue& out) {
  if (!hook_) return false;
  const rt::Type& t = *mod_.rules[rule].slots[slot]->type;
  void* bytes = arena_.allocateZeroed(t.size ? t.size : 1, t.align);
  if (!bytes) return false;
  const char* error = nullptr;
  int32_t r = hook_->slot(rule, slot, entry, now_, options_.hasNow, *this, bytes, error);
  if (r == 0) out = rt::SlotValue{bytes, nullptr};
  if (r == 2) out = rt::SlotValue{nullptr, error ? error : "runtime error"};
  return r == 0 || r == 2;
}

rt::Arena& arenaOf(Evaluator& decider) { return decider.arena(); }

const rt::SlotValue* Evaluator::slots(uint32_t index, const void* entry) {
  const ir::RuleCode& code = mod_.rules[index];
  size_t n = code.slots.size();
  if (n == 0) return nullptr;
  auto* out = static_cast<rt::SlotValue*>(arena_.allocate(n * sizeof(rt::SlotValue), alignof(rt::SlotValue)));
  if (!out) return nullptr;
  for (size_t i = 0; i < n; ++i) out[i] = rt::SlotValue{nullptr, "not evaluated"};
  std::vector<Val> frame(code.frameSize, zeroVal());
  for (uint32_t s : mod_.table.neededSlots(index, options_.lang)) {
    if (s >= n) continue;
    if (hookSlot(index, s, entry, out[s])) continue;
    frame.assign(code.frameSize, zeroVal());
    frame[code.paramSlot] = ofPtr(entry);
    try {
      const rt::Type& t = *code.slots[s]->type;
      Val v = eval(*code.slots[s], frame.data());
      void* bytes = alloc(t.size, t.align);
      store(t, v, bytes);
      out[s] = rt::SlotValue{bytes, nullptr};
    } catch (const EvalError& e) {
      out[s] = rt::SlotValue{nullptr, e.message};
    }
  }
  return out;
}

int32_t ruleFires(Evaluator& decider, uint32_t rule, const void* entry, const char*& error) {
  try {
    const ir::Module& m = decider.module();
    Evaluator::Memo& memo = decider.memoFor(entry, m.entries[m.rules[rule].entry]);
    const rt::RuleOutcome& o = decider.rule(memo, rule);
    if (o.state == rt::RuleState::Errored) {
      error = o.error;
      return 2;
    }
    return o.state == rt::RuleState::Fired ? 1 : 0;
  } catch (...) {
    error = "out of memory";
    return 2;
  }
}

rt::Outcome evaluate(const ir::Module& module, uint32_t entry, const void* boundEntry, int64_t nowMicros,
                     const EvalOptions& options, rt::Arena& scratch, const WhenHook* hook) {
  rt::Outcome outcome;
  outcome.reset(module.table);
  if (entry >= module.entries.size() || !boundEntry) return outcome;
  try {
    Evaluator ev(module, nowMicros, options, scratch, hook);
    Evaluator::Memo& memo = ev.memoFor(boundEntry, module.entries[entry]);
    for (uint32_t i = 0; i < module.rules.size(); ++i) {
      if (module.rules[i].entry != entry) continue;
      outcome.rules[i] = ev.rule(memo, i);
      if (options.slots && outcome.rules[i].state == rt::RuleState::Fired) outcome.rules[i].slots = ev.slots(i, boundEntry);
    }
    for (uint32_t i = 0; i < module.exceptions.size(); ++i) {
      if (module.exceptions[i].entry == entry) outcome.exceptions[i] = memo.exceptions[i];
    }
  } catch (...) {
    // Only allocation failure of the std containers can get here; report every rule errored.
    for (uint32_t i = 0; i < module.rules.size(); ++i)
      if (module.rules[i].entry == entry) outcome.rules[i] = {rt::RuleState::Errored, 0, "out of memory", nullptr};
  }
  return outcome;
}

const char* withEvaluation(const ir::Module& module, int64_t nowMicros, const EvalOptions& options,
                           rt::Arena& scratch, const WhenHook* hook,
                           const std::function<const char*(Evaluator&)>& fn) {
  try {
    Evaluator ev(module, nowMicros, options, scratch, hook);
    return fn(ev);
  } catch (...) {
    return "out of memory";
  }
}

const char* evaluateExpr(const ir::Module& module, const ir::Node& node, uint32_t frameSize, uint32_t givenSlot,
                         const void* given, int64_t nowMicros, const EvalOptions& options, rt::Arena& scratch,
                         void* out) {
  try {
    Evaluator ev(module, nowMicros, options, scratch);
    std::vector<Val> frame(std::max(frameSize, givenSlot + 1), zeroVal());
    frame[givenSlot] = ofPtr(given);
    Val v = ev.eval(node, frame.data());
    store(*node.type, v, out);
    return nullptr;
  } catch (const EvalError& e) {
    return e.message;
  } catch (...) {
    return "out of memory";
  }
}

}  // namespace gai::interp
