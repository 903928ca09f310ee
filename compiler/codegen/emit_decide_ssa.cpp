// gai_decide_<e> of an entry type that no `r(x)` refers into (DecideEmitter::ssaDecision):
// the same states, summary and bits as the decision over gai_rdec_/gai_xdec_
// (emit_decide.cpp), but emitted inline with each rule's and exception's state a value
// (an exception's memo is what is known of it on the path being emitted; its state is
// stored at the end), the context's arrays loaded once, and a rule's error message stored
// only where its `when` failed. Over the per-rule functions, the optimiser could not tell
// the state arrays from the context: it reloaded the arrays' pointers and `hasNow` after
// every state store, and checked each rule's effective dates afresh.
#include <llvm/IR/Instructions.h>

#include <array>
#include <utility>

#include "codegen/decide_emitter.h"

namespace gai::codegen::decide_detail {

bool DecideEmitter::acyclic(uint32_t exception, std::vector<uint8_t>& mark) const {
  if (mark[exception] == 2) return true;
  if (mark[exception] == 1) return false;
  mark[exception] = 1;
  for (uint32_t e : ir_.exceptions[exception].exceptedBy)
    if (!acyclic(e, mark)) return false;
  mark[exception] = 2;
  return true;
}

// No rule of the type is referenced by `r(x)` (the memo of a reference is the states,
// read while the decision runs) and its exceptions reach no cycle.
bool DecideEmitter::ssaDecision(uint32_t entry) const {
  std::vector<uint8_t> mark(ir_.exceptions.size(), 0);
  bool any = false;
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    if (referenced_[i]) return false;
    for (uint32_t e : ir_.rules[i].exceptedBy)
      if (!acyclic(e, mark)) return false;
    any = true;
  }
  return any;
}

llvm::Value* DecideEmitter::phi(llvm::Value* a, llvm::BasicBlock* from, llvm::Value* b, llvm::BasicBlock* end) {
  llvm::PHINode* p = b_.CreatePHI(a->getType(), 2);
  p->addIncoming(a, from);
  p->addIncoming(b, end);
  return p;
}

// Emits body() where `cond` holds and continues after it (the insert point); exception
// states body() learnt become phis with what was known before. Returns the blocks that
// reach the join: {not taken, end of body}.
template <typename Body>
std::pair<llvm::BasicBlock*, llvm::BasicBlock*> DecideEmitter::onlyWhere(llvm::Value* cond, llvm::Function* f,
                                                                         Body body) {
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* then = block(f, "then");
  llvm::BasicBlock* join = block(f, "join");
  b_.CreateCondBr(cond, then, join);
  b_.SetInsertPoint(then);
  std::vector<Known> before = known_;
  body();
  llvm::BasicBlock* end = b_.GetInsertBlock();
  b_.CreateBr(join);
  b_.SetInsertPoint(join);
  llvm::Value* noError = llvm::ConstantPointerNull::get(b_.getPtrTy());
  for (size_t j = 0; j < known_.size(); ++j) {
    if (known_[j].state == before[j].state) continue;
    known_[j].state = phi(before[j].state ? before[j].state : b_.getInt8(DecisionStates::kNotDone), from,
                          known_[j].state, end);
    known_[j].error = phi(before[j].error ? before[j].error : noError, from, known_[j].error, end);
  }
  return {from, end};
}

// i1: `code` is effective at `now` or no `now` was given; null when always effective.
llvm::Value* DecideEmitter::effectiveOr(const ir::RuleCode& code, llvm::Value* now) {
  if (code.fromMicros == INT64_MIN && code.untilMicros == INT64_MAX) return nullptr;
  llvm::Value* in = b_.getTrue();
  if (code.fromMicros != INT64_MIN) in = b_.CreateICmpSLE(b_.getInt64(static_cast<uint64_t>(code.fromMicros)), now);
  if (code.untilMicros != INT64_MAX)
    in = b_.CreateAnd(in, b_.CreateICmpSLT(now, b_.getInt64(static_cast<uint64_t>(code.untilMicros))));
  return b_.CreateOr(noNow_, in);
}

// A rule's or exception's {state, error, by}: {notEffective, null, 0} where `code` is not
// effective, else what decide() makes of its `when`.
template <typename Decide>
DecideEmitter::Values DecideEmitter::effectiveThen(const ir::RuleCode& code, llvm::Function* f, uint8_t notEffective,
                                                   Decide decide) {
  llvm::Value* eff = effectiveOr(code, f->getArg(1));
  if (!eff) return decide();
  Values made;
  auto [from, end] = onlyWhere(eff, f, [&] { made = decide(); });
  Values none = {b_.getInt8(notEffective), llvm::ConstantPointerNull::get(b_.getPtrTy()), b_.getInt32(0)};
  for (size_t k = 0; k < made.size(); ++k) made[k] = phi(none[k], from, made[k], end);
  return made;
}

// The state of exception `e` where it is next needed: evaluated there unless it already
// was on every path that gets there.
llvm::Value* DecideEmitter::exceptionState(uint32_t e, llvm::Function* f) {
  if (!known_[e].state) {
    computeException(e, f);
    return known_[e].state;
  }
  llvm::Value* notDone = b_.CreateICmpEQ(known_[e].state, b_.getInt8(DecisionStates::kNotDone));
  onlyWhere(notDone, f, [&] { computeException(e, f); });
  return known_[e].state;
}

// interp::Evaluator::exception: in force when effective, its `when` holds and none of its
// exceptions (all evaluated) is in force.
void DecideEmitter::computeException(uint32_t e, llvm::Function* f) {
  const ir::RuleCode& code = ir_.exceptions[e];
  Values v = effectiveThen(code, f, kExcNotEffective, [&] {
    llvm::Value* r = callWhen(excFns_[e], f);
    llvm::Value* error = load(ptr(), f->getArg(2), offsetof(NativeCtx, error));
    llvm::Value* held = b_.CreateICmpEQ(r, b_.getInt32(1));
    llvm::Value* defeated = anyInForce(code.exceptedBy, f, held, nullptr);
    llvm::Value* s = b_.CreateSelect(b_.CreateAnd(held, b_.CreateNot(defeated)), b_.getInt8(kExcInForce),
                                     b_.getInt8(kExcNotInForce));
    s = b_.CreateSelect(b_.CreateICmpUGT(r, b_.getInt32(1)), b_.getInt8(kExcErrored), s);
    return Values{s, error, b_.getInt32(0)};
  });
  known_[e] = {v[0], v[1]};
}

// i1: one of `excs` is in force, all of them evaluated in order where `held` (false
// elsewhere); *by (when given): the first in force (0 when none).
llvm::Value* DecideEmitter::anyInForce(const std::vector<uint32_t>& excs, llvm::Function* f, llvm::Value* held,
                                       llvm::Value** by) {
  if (by) *by = b_.getInt32(0);
  if (excs.empty()) return b_.getFalse();
  llvm::Value* any = b_.getFalse();
  llvm::Value* first = b_.getInt32(0);
  auto [from, end] = onlyWhere(held, f, [&] {
    for (uint32_t e : excs) {
      llvm::Value* in = b_.CreateICmpEQ(exceptionState(e, f), b_.getInt8(kExcInForce));
      first = b_.CreateSelect(b_.CreateAnd(in, b_.CreateNot(any)), b_.getInt32(e), first);
      any = b_.CreateOr(any, in);
    }
  });
  if (by) *by = phi(b_.getInt32(0), from, first, end);
  return phi(b_.getFalse(), from, any, end);
}

// interp::Evaluator::rule: effective, `when`, then all its exceptions; the first in force
// in declaration order excepts.
DecideEmitter::Values DecideEmitter::ssaRule(uint32_t i, llvm::Function* f) {
  const ir::RuleCode& code = ir_.rules[i];
  return effectiveThen(code, f, kRuleNotEffective, [&] {
    llvm::Value* r = callWhen(ruleFns_[i], f);
    // Its message only where it errored (no branch at all for a `when` that cannot fail).
    llvm::Value* failed = b_.CreateICmpUGT(r, b_.getInt32(1));
    onlyWhere(failed, f, [&] {
      b_.CreateStore(load(ptr(), f->getArg(2), offsetof(NativeCtx, error)),
                     b_.CreateConstInBoundsGEP1_64(ptr(), arrays_.ruleErrors, i));
    });
    llvm::Value* held = b_.CreateICmpEQ(r, b_.getInt32(1));
    llvm::Value* by = nullptr;
    llvm::Value* excepted = anyInForce(code.exceptedBy, f, held, &by);
    llvm::Value* s = b_.CreateSelect(excepted, b_.getInt8(kRuleExcepted), b_.getInt8(kRuleFired));
    s = b_.CreateSelect(held, s, b_.getInt8(kRuleNotFired));
    s = b_.CreateSelect(b_.CreateICmpUGT(r, b_.getInt32(1)), b_.getInt8(kRuleErrored), s);
    return Values{s, llvm::ConstantPointerNull::get(b_.getPtrTy()), by};
  });
}

// The decision: every rule in declaration order, each rule's state stored as soon as it is
// known, the summary as gai_decide_<e> over the per-rule functions computes it, the
// reached exceptions' states last.
void DecideEmitter::ssaDecideFunction(uint32_t entry, const std::string& name) {
  llvm::Function* f = entryFn(name);
  llvm::Value* ctx = f->getArg(2);
  b_.SetInsertPoint(block(f, "entry"));
  known_.assign(ir_.exceptions.size(), Known{});
  noNow_ = b_.CreateICmpEQ(load(b_.getInt64Ty(), ctx, offsetof(NativeCtx, hasNow)), b_.getInt64(0));
  arrays_ = stateArrays(ctx);
  std::vector<bool> excs(ir_.exceptions.size(), false);
  Summary sum = emptySummary();
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    reachable(ir_.rules[i].exceptedBy, excs);
    Values v = ssaRule(i, f);
    storeRule(i, v);
    addRuleState(sum, v[0], ir_.table.rules[i].hasDeny());
  }
  for (uint32_t j = 0; j < excs.size(); ++j) {
    if (!excs[j]) continue;
    const Known& known = known_[j];
    b_.CreateStore(known.state ? known.state : b_.getInt8(DecisionStates::kNotDone),
                   b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), arrays_.exceptionStates, j));
    if (!known.state) continue;
    b_.CreateStore(known.error, b_.CreateConstInBoundsGEP1_64(ptr(), arrays_.exceptionErrors, j));
    sum.errors = b_.CreateAdd(sum.errors, b_.CreateZExt(b_.CreateICmpEQ(known.state, b_.getInt8(kExcErrored)), b_.getInt32Ty()));
  }
  returnSummary(ctx, sum);
}

DecideEmitter::StateArrays DecideEmitter::stateArrays(llvm::Value* ctx) {
  return {load(ptr(), ctx, offsetof(DecideCtx, ruleStates)), load(ptr(), ctx, offsetof(DecideCtx, ruleErrors)),
          load(ptr(), ctx, offsetof(DecideCtx, exceptedBy)), load(ptr(), ctx, offsetof(DecideCtx, exceptionStates)),
          load(ptr(), ctx, offsetof(DecideCtx, exceptionErrors))};
}

// Rule i's state and (rules with exceptions) excepting exception into the arrays.
void DecideEmitter::storeRule(uint32_t i, const Values& v) {
  b_.CreateStore(v[0], b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), arrays_.ruleStates, i));
  if (!ir_.rules[i].exceptedBy.empty())
    b_.CreateStore(v[2], b_.CreateConstInBoundsGEP1_64(b_.getInt32Ty(), arrays_.exceptedBy, i));
}

}  // namespace gai::codegen::decide_detail
