// The native decision function of an entry type, in LLVM IR: per rule `gai_rdec_<i>` and
// per exception `gai_xdec_<j>` (internal, inlined by O2) implement interp::Evaluator::rule
// and ::exception (compiler/interp/eval_rules.cpp) over the states in DecideCtx; a rule
// reference `gai_ref_<r>` answers natively for the decided value itself.
#include "codegen/emit_decide.h"

#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/Instructions.h>

#include "codegen/decide_emitter.h"

namespace gai::codegen {

namespace decide_detail {


// Every native `gai_jit_rule_ref(ctx, <constant rule>, x)`.
void DecideEmitter::collectReferences(std::vector<llvm::CallInst*>& calls) {
  llvm::Function* ref = m_.getFunction("gai_jit_rule_ref");
  if (!ref) return;
  for (llvm::User* u : ref->users()) {
    auto* call = llvm::dyn_cast<llvm::CallInst>(u);
    if (!call || call->getCalledFunction() != ref || call->arg_size() != 3) continue;
    auto* rule = llvm::dyn_cast<llvm::ConstantInt>(call->getArgOperand(1));
    if (!rule || rule->getZExtValue() >= ir_.rules.size()) continue;
    referenced_[rule->getZExtValue()] = true;
    calls.push_back(call);
  }
}

bool DecideEmitter::exceptionsNative(const std::vector<uint32_t>& excs, std::vector<bool>& seen) const {
  for (uint32_t e : excs) {
    if (seen[e]) continue;
    seen[e] = true;
    if (excFns_[e].empty() || !exceptionsNative(ir_.exceptions[e].exceptedBy, seen)) return false;
  }
  return true;
}

bool DecideEmitter::entryNative(uint32_t entry) const {
  std::vector<bool> seen(ir_.exceptions.size(), false);
  bool any = false;
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    any = true;
    if (ruleFns_[i].empty() || !exceptionsNative(ir_.rules[i].exceptedBy, seen)) return false;
  }
  return any;
}

void DecideEmitter::reachable(const std::vector<uint32_t>& excs, std::vector<bool>& seen) const {
  for (uint32_t e : excs) {
    if (seen[e]) continue;
    seen[e] = true;
    reachable(ir_.exceptions[e].exceptedBy, seen);
  }
}

// Not effective at `now` (and `now` given): store the state and return it.
void DecideEmitter::effectiveCheck(const ir::RuleCode& code, llvm::Function* f, llvm::Value* now, llvm::Value* ctx,
                                   llvm::Value* stateAddr, uint8_t notEffective) {
  if (code.fromMicros == INT64_MIN && code.untilMicros == INT64_MAX) return;
  llvm::Value* hasNow = b_.CreateICmpNE(load(b_.getInt64Ty(), ctx, offsetof(NativeCtx, hasNow)), b_.getInt64(0));
  llvm::Value* in = b_.getTrue();
  if (code.fromMicros != INT64_MIN) in = b_.CreateICmpSLE(b_.getInt64(static_cast<uint64_t>(code.fromMicros)), now);
  if (code.untilMicros != INT64_MAX)
    in = b_.CreateAnd(in, b_.CreateICmpSLT(now, b_.getInt64(static_cast<uint64_t>(code.untilMicros))));
  llvm::BasicBlock* out = block(f, "not_effective");
  llvm::BasicBlock* run = block(f, "effective");
  b_.CreateCondBr(b_.CreateAnd(hasNow, b_.CreateNot(in)), out, run);
  b_.SetInsertPoint(out);
  b_.CreateStore(b_.getInt8(notEffective), stateAddr);
  b_.CreateRet(b_.getInt8(notEffective));
  b_.SetInsertPoint(run);
}

// Calls the `when` function `name` with f's arguments (ctx->error cleared first).
llvm::Value* DecideEmitter::callWhen(const std::string& name, llvm::Function* f) {
  llvm::Function* when = m_.getFunction(name);
  b_.CreateStore(llvm::ConstantPointerNull::get(b_.getPtrTy()), fieldAddr(f->getArg(2), offsetof(NativeCtx, error)));
  return b_.CreateCall(when, {f->getArg(0), f->getArg(1), f->getArg(2)});
}

// Returns the memoised state at `stateAddr` when it is already decided.
void DecideEmitter::returnIfDone(llvm::Function* f, llvm::Value* stateAddr) {
  llvm::Value* s = b_.CreateLoad(b_.getInt8Ty(), stateAddr);
  llvm::BasicBlock* done = block(f, "done");
  llvm::BasicBlock* todo = block(f, "todo");
  b_.CreateCondBr(b_.CreateICmpNE(s, b_.getInt8(DecisionStates::kNotDone)), done, todo);
  b_.SetInsertPoint(done);
  b_.CreateRet(s);
  b_.SetInsertPoint(todo);
}

// Calls the `when` function `name`: false stores and returns `notHeld`; an error stores
// ctx->error at `errorAddr` and returns `errored`; continues (insert point) where it held.
void DecideEmitter::whenHeld(const std::string& name, llvm::Function* f, llvm::Value* stateAddr,
                             llvm::Value* errorAddr, uint8_t notHeld, uint8_t errored) {
  llvm::Value* r = callWhen(name, f);
  llvm::BasicBlock* held = block(f, "held");
  llvm::BasicBlock* notHeldBlock = block(f, "not_held");
  llvm::BasicBlock* error = block(f, "error");
  llvm::SwitchInst* sw = b_.CreateSwitch(r, error, 2);
  sw->addCase(b_.getInt32(0), notHeldBlock);
  sw->addCase(b_.getInt32(1), held);
  b_.SetInsertPoint(notHeldBlock);
  b_.CreateStore(b_.getInt8(notHeld), stateAddr);
  b_.CreateRet(b_.getInt8(notHeld));
  b_.SetInsertPoint(error);
  b_.CreateStore(load(ptr(), f->getArg(2), offsetof(NativeCtx, error)), errorAddr);
  b_.CreateStore(b_.getInt8(errored), stateAddr);
  b_.CreateRet(b_.getInt8(errored));
  b_.SetInsertPoint(held);
}

// interp::Evaluator::rule: memo (when referenced), effective, when, then all its
// exceptions; the first in force in declaration order excepts.
llvm::Function* DecideEmitter::ruleDecider(uint32_t i) {
  if (rdec_[i]) return rdec_[i];
  llvm::Function* f = rdec_[i] = newFn(stateFnTy(), "gai_rdec_" + std::to_string(i), true);
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  const ir::RuleCode& code = ir_.rules[i];
  llvm::Value* ctx = f->getArg(2);
  b_.SetInsertPoint(block(f, "entry"));
  llvm::Value* stateAddr = element(b_.getInt8Ty(), ctx, offsetof(DecideCtx, ruleStates), i);
  if (referenced_[i]) returnIfDone(f, stateAddr);
  effectiveCheck(code, f, f->getArg(1), ctx, stateAddr, kRuleNotEffective);
  whenHeld(ruleFns_[i], f, stateAddr, element(ptr(), ctx, offsetof(DecideCtx, ruleErrors), i), kRuleNotFired,
           kRuleErrored);
  llvm::Value* state = b_.getInt8(kRuleFired);
  llvm::Value* by = b_.getInt32(0);
  for (uint32_t e : code.exceptedBy) {
    llvm::Function* x = exceptionDecider(e);
    llvm::Value* es = b_.CreateCall(x, {f->getArg(0), f->getArg(1), ctx});
    llvm::Value* take = b_.CreateAnd(b_.CreateICmpEQ(es, b_.getInt8(kExcInForce)),
                                     b_.CreateICmpEQ(state, b_.getInt8(kRuleFired)));
    state = b_.CreateSelect(take, b_.getInt8(kRuleExcepted), state);
    by = b_.CreateSelect(take, b_.getInt32(e), by);
  }
  if (!code.exceptedBy.empty())
    b_.CreateStore(by, element(b_.getInt32Ty(), ctx, offsetof(DecideCtx, exceptedBy), i));
  b_.CreateStore(state, stateAddr);
  b_.CreateRet(state);
  return f;
}

// interp::Evaluator::exception: in force when effective, its when holds and no exception
// of it is in force (all of them evaluated).
llvm::Function* DecideEmitter::exceptionDecider(uint32_t j) {
  if (xdec_[j]) return xdec_[j];
  llvm::Function* f = xdec_[j] = newFn(stateFnTy(), "gai_xdec_" + std::to_string(j), true);
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  const ir::RuleCode& code = ir_.exceptions[j];
  llvm::Value* ctx = f->getArg(2);
  b_.SetInsertPoint(block(f, "entry"));
  llvm::Value* stateAddr = element(b_.getInt8Ty(), ctx, offsetof(DecideCtx, exceptionStates), j);
  returnIfDone(f, stateAddr);
  effectiveCheck(code, f, f->getArg(1), ctx, stateAddr, kExcNotEffective);
  whenHeld(excFns_[j], f, stateAddr, element(ptr(), ctx, offsetof(DecideCtx, exceptionErrors), j),
           kExcNotInForce, kExcErrored);
  llvm::Value* state = b_.getInt8(kExcInForce);
  for (uint32_t e : code.exceptedBy) {
    llvm::Value* es = b_.CreateCall(exceptionDecider(e), {f->getArg(0), f->getArg(1), ctx});
    state = b_.CreateSelect(b_.CreateICmpEQ(es, b_.getInt8(kExcInForce)), b_.getInt8(kExcNotInForce), state);
  }
  b_.CreateStore(state, stateAddr);
  b_.CreateRet(state);
  return f;
}

// `r(x)` from a native `when`: in a native decision of r's entry type for the decided
// value itself, from the states (memoised); in one for another value, through the
// interpreter's driver (ctx->slowRef); in the interpreter's driver, gai_jit_rule_ref.
llvm::Function* DecideEmitter::refFunction(uint32_t rule) {
  auto* ty = llvm::FunctionType::get(b_.getInt32Ty(), {ptr(), ptr()}, false);
  llvm::Function* f = newFn(ty, "gai_ref_" + std::to_string(rule), true);
  llvm::IRBuilderBase::InsertPointGuard guard(b_);
  llvm::Value* ctx = f->getArg(0);
  llvm::Value* x = f->getArg(1);
  b_.SetInsertPoint(block(f, "entry"));
  llvm::BasicBlock* hook = block(f, "hook");
  llvm::BasicBlock* decide = block(f, "decide");
  llvm::Value* driver = load(ptr(), ctx, offsetof(NativeCtx, driver));
  b_.CreateCondBr(b_.CreateIsNull(driver), decide, hook);
  b_.SetInsertPoint(hook);
  llvm::FunctionCallee ref = m_.getOrInsertFunction("gai_jit_rule_ref", b_.getInt32Ty(), ptr(), b_.getInt32Ty(), ptr());
  b_.CreateRet(b_.CreateCall(ref, {ctx, b_.getInt32(rule), x}));
  b_.SetInsertPoint(decide);
  llvm::BasicBlock* slow = block(f, "slow");
  uint32_t entry = ir_.rules[rule].entry;
  if (native_[entry]) {
    llvm::BasicBlock* here = block(f, "native");
    llvm::Value* sameEntry = b_.CreateICmpEQ(load(b_.getInt32Ty(), ctx, offsetof(DecideCtx, entryIndex)), b_.getInt32(entry));
    llvm::Value* sameValue = b_.CreateICmpEQ(load(ptr(), ctx, offsetof(DecideCtx, entry)), x);
    b_.CreateCondBr(b_.CreateAnd(sameEntry, sameValue), here, slow);
    b_.SetInsertPoint(here);
    llvm::Value* now = load(b_.getInt64Ty(), ctx, offsetof(DecideCtx, now));
    llvm::Value* s = b_.CreateCall(ruleDecider(rule), {x, now, ctx});
    llvm::BasicBlock* error = block(f, "error");
    llvm::BasicBlock* ok = block(f, "ok");
    b_.CreateCondBr(b_.CreateICmpEQ(s, b_.getInt8(kRuleErrored)), error, ok);
    b_.SetInsertPoint(error);
    b_.CreateStore(b_.CreateLoad(ptr(), element(ptr(), ctx, offsetof(DecideCtx, ruleErrors), rule)),
                   fieldAddr(ctx, offsetof(NativeCtx, error)));
    b_.CreateRet(b_.getInt32(kNativeError));
    b_.SetInsertPoint(ok);
    b_.CreateRet(b_.CreateZExt(b_.CreateICmpEQ(s, b_.getInt8(kRuleFired)), b_.getInt32Ty()));
  } else {
    b_.CreateBr(slow);
  }
  b_.SetInsertPoint(slow);
  auto* slowTy = llvm::FunctionType::get(b_.getInt32Ty(), {ptr(), b_.getInt32Ty(), ptr()}, false);
  llvm::Value* fn = load(ptr(), ctx, offsetof(DecideCtx, slowRef));
  b_.CreateRet(b_.CreateCall(slowTy, fn, {ctx, b_.getInt32(rule), x}));
  return f;
}

// gai_decide_<entry>: marks the memoised states not done, decides every rule of the entry
// type, returns the kDecide* bits.
void DecideEmitter::decideFunction(uint32_t entry, const std::string& name) {
  llvm::Function* f = entryFn(name);
  llvm::Value* ctx = f->getArg(2);
  b_.SetInsertPoint(block(f, "entry"));
  std::vector<bool> excs(ir_.exceptions.size(), false);
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    reachable(ir_.rules[i].exceptedBy, excs);
    if (referenced_[i])
      b_.CreateStore(b_.getInt8(DecisionStates::kNotDone), element(b_.getInt8Ty(), ctx, offsetof(DecideCtx, ruleStates), i));
  }
  for (uint32_t j = 0; j < excs.size(); ++j)
    if (excs[j])
      b_.CreateStore(b_.getInt8(DecisionStates::kNotDone),
                     element(b_.getInt8Ty(), ctx, offsetof(DecideCtx, exceptionStates), j));
  Summary sum = emptySummary();
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    llvm::Value* s = b_.CreateCall(ruleDecider(i), {f->getArg(0), f->getArg(1), ctx});
    addRuleState(sum, s, ir_.table.rules[i].hasDeny());
  }
  for (uint32_t j = 0; j < excs.size(); ++j) {
    if (!excs[j]) continue;
    llvm::Value* es = b_.CreateLoad(b_.getInt8Ty(), element(b_.getInt8Ty(), ctx, offsetof(DecideCtx, exceptionStates), j));
    sum.errors = b_.CreateAdd(sum.errors, b_.CreateZExt(b_.CreateICmpEQ(es, b_.getInt8(kExcErrored)), b_.getInt32Ty()));
  }
  returnSummary(ctx, sum);
}

// Whether a verdict of `entry` needs no states: at most 64 rules, none with exceptions,
// none referenced by `r(x)` (whose memo lives in the states).
bool DecideEmitter::statelessVerdict(uint32_t entry) const {
  uint32_t count = 0;
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    if (++count > 64 || !ir_.rules[i].exceptedBy.empty() || referenced_[i]) return false;
  }
  return count > 0;
}

// True when `code` is effective at `now` (or no `now` was given).
llvm::Value* DecideEmitter::effectiveValue(const ir::RuleCode& code, llvm::Value* now, llvm::Value* ctx) {
  llvm::Value* in = b_.getTrue();
  if (code.fromMicros != INT64_MIN) in = b_.CreateICmpSLE(b_.getInt64(static_cast<uint64_t>(code.fromMicros)), now);
  if (code.untilMicros != INT64_MAX)
    in = b_.CreateAnd(in, b_.CreateICmpSLT(now, b_.getInt64(static_cast<uint64_t>(code.untilMicros))));
  llvm::Value* noNow = b_.CreateICmpEQ(load(b_.getInt64Ty(), ctx, offsetof(NativeCtx, hasNow)), b_.getInt64(0));
  return b_.CreateOr(noNow, in);
}

// The `when` of `rule` in a verdict function: 0 not held, 1 held, else an error; 0 when the
// rule is not effective (its `when` is then not evaluated, as in the decision).
llvm::Value* DecideEmitter::verdictWhen(uint32_t rule, llvm::Function* f) {
  const ir::RuleCode& code = ir_.rules[rule];
  if (code.fromMicros == INT64_MIN && code.untilMicros == INT64_MAX) return callWhen(ruleFns_[rule], f);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* run = block(f, "effective");
  llvm::BasicBlock* done = block(f, "decided");
  b_.CreateCondBr(effectiveValue(code, f->getArg(1), f->getArg(2)), run, done);
  b_.SetInsertPoint(run);
  llvm::Value* r = callWhen(ruleFns_[rule], f);
  llvm::BasicBlock* ran = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(b_.getInt32Ty(), 2);
  phi->addIncoming(b_.getInt32(0), from);
  phi->addIncoming(r, ran);
  return phi;
}

// gai_verdict_<entry> (statelessVerdict entry types): what gai_decide_<entry> returns and
// writes to the summary (firedMask, excepted = 0, errors), with no states: each rule's
// state is a value, so the optimiser can combine the rules without a branch per rule.
void DecideEmitter::verdictFunction(uint32_t entry, const std::string& name) {
  llvm::Function* f = entryFn(name);
  llvm::Value* ctx = f->getArg(2);
  b_.SetInsertPoint(block(f, "entry"));
  llvm::Value* bits = b_.getInt32(0);
  llvm::Value* mask = b_.getInt64(0);
  llvm::Value* errors = b_.getInt32(0);
  uint32_t k = 0;
  for (uint32_t i = 0; i < ir_.rules.size(); ++i) {
    if (ir_.rules[i].entry != entry) continue;
    llvm::Value* r = verdictWhen(i, f);
    llvm::Value* fired = b_.CreateZExt(b_.CreateICmpEQ(r, b_.getInt32(1)), b_.getInt32Ty());
    llvm::Value* errored = b_.CreateZExt(b_.CreateICmpUGT(r, b_.getInt32(1)), b_.getInt32Ty());
    mask = b_.CreateOr(mask, b_.CreateShl(b_.CreateZExt(fired, b_.getInt64Ty()), k++));
    errors = b_.CreateAdd(errors, errored);
    if (ir_.table.rules[i].hasDeny())
      bits = withDenyBits(bits, fired, errored);
  }
  returnSummary(ctx, mask, b_.getInt32(0), errors, bits);
}

std::vector<std::string> DecideEmitter::run() {
  std::vector<llvm::CallInst*> calls;
  collectReferences(calls);
  std::vector<std::string> names(ir_.entries.size());
  native_.assign(ir_.entries.size(), false);
  for (uint32_t e = 0; e < ir_.entries.size(); ++e) native_[e] = entryNative(e);
  std::vector<llvm::Function*> refs(ir_.rules.size(), nullptr);
  for (llvm::CallInst* call : calls) {
    auto rule = static_cast<uint32_t>(llvm::cast<llvm::ConstantInt>(call->getArgOperand(1))->getZExtValue());
    if (!refs[rule]) refs[rule] = refFunction(rule);
    llvm::IRBuilder<> at(call);
    llvm::CallInst* direct = at.CreateCall(refs[rule], {call->getArgOperand(0), call->getArgOperand(2)});
    call->replaceAllUsesWith(direct);
    call->eraseFromParent();
  }
  for (uint32_t e = 0; e < ir_.entries.size(); ++e) {
    if (!native_[e]) continue;
    names[e] = decideSymbol(e);
    if (ssaDecision(e)) ssaDecideFunction(e, names[e]);
    else decideFunction(e, names[e]);
    if (statelessVerdict(e)) verdictFunction(e, verdictSymbol(e));
  }
  return names;
}

}  // namespace decide_detail

std::vector<std::string> emitDecisions(const ir::Module& ir, llvm::Module& module,
                                       const std::vector<std::string>& ruleFns,
                                       const std::vector<std::string>& exceptionFns) {
  if (ruleFns.size() != ir.rules.size() || exceptionFns.size() != ir.exceptions.size())
    return std::vector<std::string>(ir.entries.size());
  return decide_detail::DecideEmitter(ir, module, ruleFns, exceptionFns).run();
}

std::unique_ptr<Decisions> resolveDecisions(llvm::orc::LLJIT& jit, llvm::orc::JITDylib& dylib, const ir::Module& ir,
                                            const std::vector<NativeWhen>& rules,
                                            const std::vector<NativeWhen>& exceptions,
                                            const std::vector<std::string>& symbols, std::string& error) {
  std::vector<NativeDecide> fns(ir.entries.size(), nullptr), verdictFns(ir.entries.size(), nullptr);
  for (uint32_t e = 0; e < symbols.size() && e < fns.size(); ++e) {
    if (symbols[e].empty()) continue;
    auto sym = jit.lookup(dylib, symbols[e]);
    if (!sym) {  // e.g. object code cached without it: that entry type keeps the driver
      error = "jit: " + llvm::toString(sym.takeError());
      continue;
    }
    fns[e] = sym->toPtr<NativeDecide>();
    // Emitted beside the decision when statelessVerdict (none: verdicts use the decision).
    auto verdict = jit.lookup(dylib, verdictSymbol(e));
    if (verdict) verdictFns[e] = verdict->toPtr<NativeDecide>();
    else llvm::consumeError(verdict.takeError());
  }
  return std::make_unique<Decisions>(ir, rules, exceptions, std::move(fns), std::move(verdictFns));
}

}  // namespace gai::codegen
