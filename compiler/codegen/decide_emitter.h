// Internal to emit_decide*.cpp: the emitter of the native decision and verdict functions
// (emit_decide.h). emit_decide.cpp: the per-rule/per-exception functions over the states
// in DecideCtx and the verdict of entry types without exceptions; emit_decide_ssa.cpp: the
// decision of entry types no `r(x)` refers into, emitted inline with every state a value.
// Includes LLVM headers: only for those two files.
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include <array>
#include <cstddef>
#include <utility>
#include <string>
#include <vector>

#include "codegen/decide.h"

namespace gai::codegen::decide_detail {

constexpr uint8_t kRuleNotEffective = static_cast<uint8_t>(rt::RuleState::NotEffective);
constexpr uint8_t kRuleNotFired = static_cast<uint8_t>(rt::RuleState::NotFired);
constexpr uint8_t kRuleFired = static_cast<uint8_t>(rt::RuleState::Fired);
constexpr uint8_t kRuleExcepted = static_cast<uint8_t>(rt::RuleState::Excepted);
constexpr uint8_t kRuleErrored = static_cast<uint8_t>(rt::RuleState::Errored);
constexpr uint8_t kExcNotEffective = static_cast<uint8_t>(rt::ExceptionState::NotEffective);
constexpr uint8_t kExcNotInForce = static_cast<uint8_t>(rt::ExceptionState::NotInForce);
constexpr uint8_t kExcInForce = static_cast<uint8_t>(rt::ExceptionState::InForce);
constexpr uint8_t kExcErrored = static_cast<uint8_t>(rt::ExceptionState::Errored);

class DecideEmitter {
 public:
  DecideEmitter(const ir::Module& ir, llvm::Module& m, const std::vector<std::string>& ruleFns,
                const std::vector<std::string>& excFns)
      : ir_(ir), m_(m), c_(m.getContext()), b_(c_), ruleFns_(ruleFns), excFns_(excFns),
        rdec_(ir.rules.size(), nullptr), xdec_(ir.exceptions.size(), nullptr),
        referenced_(ir.rules.size(), false) {}

  std::vector<std::string> run();

 private:
  llvm::Type* ptr() { return b_.getPtrTy(); }
  llvm::FunctionType* stateFnTy() { return llvm::FunctionType::get(b_.getInt8Ty(), {ptr(), b_.getInt64Ty(), ptr()}, false); }
  llvm::Function* newFn(llvm::FunctionType* ty, const std::string& name, bool internal) {
    auto* f = llvm::Function::Create(ty, internal ? llvm::Function::InternalLinkage : llvm::Function::ExternalLinkage,
                                     name, m_);
    f->addFnAttr(llvm::Attribute::NoUnwind);
    return f;
  }
  // An exported `int32 (entry, now, ctx)` function. The decided value is immutable, and
  // nothing but the function reaches the context while it runs: so a state store cannot
  // clobber a field of either (the loads of a shared condition and of the context's
  // arrays are then made once).
  llvm::Function* entryFn(const std::string& name) {
    auto* ty = llvm::FunctionType::get(b_.getInt32Ty(), {ptr(), b_.getInt64Ty(), ptr()}, false);
    llvm::Function* f = newFn(ty, name, false);
    f->addParamAttr(0, llvm::Attribute::NoAlias);
    f->addParamAttr(0, llvm::Attribute::ReadOnly);
    f->addParamAttr(2, llvm::Attribute::NoAlias);
    return f;
  }
  // `bits` with the kDecideDeny* bits of a `deny` rule that fired or errored (i32 0 or 1).
  llvm::Value* withDenyBits(llvm::Value* bits, llvm::Value* fired, llvm::Value* errored) {
    return b_.CreateOr(bits, b_.CreateOr(b_.CreateMul(fired, b_.getInt32(kDecideDenyFired)),
                                         b_.CreateMul(errored, b_.getInt32(kDecideDenyErrored))));
  }
  // A decision's summary as its rules are decided: the fired mask (the entry type's first
  // 64 rules), the excepted and errored counts, and the deny bits.
  struct Summary {
    llvm::Value *mask, *excepted, *errors, *bits;
    uint32_t rules = 0;  // rules added so far (the next one's mask bit)
  };
  Summary emptySummary() { return {b_.getInt64(0), b_.getInt32(0), b_.getInt32(0), b_.getInt32(0)}; }
  // Adds the next rule, of i8 RuleState `state`, to `sum`.
  void addRuleState(Summary& sum, llvm::Value* state, bool deny) {
    auto is = [&](uint8_t s) { return b_.CreateZExt(b_.CreateICmpEQ(state, b_.getInt8(s)), b_.getInt32Ty()); };
    llvm::Value* fired = is(kRuleFired);
    llvm::Value* errored = is(kRuleErrored);
    if (sum.rules < 64) sum.mask = b_.CreateOr(sum.mask, b_.CreateShl(b_.CreateZExt(fired, b_.getInt64Ty()), sum.rules));
    ++sum.rules;
    sum.excepted = b_.CreateAdd(sum.excepted, is(kRuleExcepted));
    sum.errors = b_.CreateAdd(sum.errors, errored);
    if (deny) sum.bits = withDenyBits(sum.bits, fired, errored);
  }
  // The decision's summary into the context, and its bits returned.
  void returnSummary(llvm::Value* ctx, const Summary& sum) {
    returnSummary(ctx, sum.mask, sum.excepted, sum.errors, sum.bits);
  }
  void returnSummary(llvm::Value* ctx, llvm::Value* mask, llvm::Value* excepted, llvm::Value* errors,
                     llvm::Value* bits) {
    b_.CreateStore(mask, fieldAddr(ctx, offsetof(DecideCtx, firedMask)));
    b_.CreateStore(excepted, fieldAddr(ctx, offsetof(DecideCtx, excepted)));
    b_.CreateStore(errors, fieldAddr(ctx, offsetof(DecideCtx, errors)));
    b_.CreateRet(bits);
  }
  llvm::BasicBlock* block(llvm::Function* f, const char* name) { return llvm::BasicBlock::Create(c_, name, f); }
  llvm::Value* fieldAddr(llvm::Value* ctx, size_t offset) { return b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), ctx, offset); }
  llvm::Value* load(llvm::Type* t, llvm::Value* ctx, size_t offset) { return b_.CreateLoad(t, fieldAddr(ctx, offset)); }
  // &array[index] where `array` is the pointer at `offset` in the context.
  llvm::Value* element(llvm::Type* t, llvm::Value* ctx, size_t offset, uint32_t index) {
    return b_.CreateConstInBoundsGEP1_64(t, load(ptr(), ctx, offset), index);
  }

  void collectReferences(std::vector<llvm::CallInst*>& calls);
  bool entryNative(uint32_t entry) const;
  bool exceptionsNative(const std::vector<uint32_t>& excs, std::vector<bool>& seen) const;
  void effectiveCheck(const ir::RuleCode& code, llvm::Function* f, llvm::Value* now, llvm::Value* ctx,
                      llvm::Value* stateAddr, uint8_t notEffective);
  llvm::Value* callWhen(const std::string& name, llvm::Function* f);
  void returnIfDone(llvm::Function* f, llvm::Value* stateAddr);
  void whenHeld(const std::string& name, llvm::Function* f, llvm::Value* stateAddr, llvm::Value* errorAddr,
                uint8_t notHeld, uint8_t errored);
  llvm::Function* ruleDecider(uint32_t i);
  llvm::Function* exceptionDecider(uint32_t j);
  llvm::Function* refFunction(uint32_t rule);
  void decideFunction(uint32_t entry, const std::string& name);
  bool statelessVerdict(uint32_t entry) const;
  llvm::Value* effectiveValue(const ir::RuleCode& code, llvm::Value* now, llvm::Value* ctx);
  llvm::Value* verdictWhen(uint32_t rule, llvm::Function* f);
  void verdictFunction(uint32_t entry, const std::string& name);
  void reachable(const std::vector<uint32_t>& excs, std::vector<bool>& seen) const;

  // emit_decide_ssa.cpp: the decision with every state a value. What is known of an
  // exception's state on the path being emitted (state null: evaluated on no path yet).
  struct Known {
    llvm::Value* state = nullptr;  // i8 ExceptionState, or kNotDone where not evaluated
    llvm::Value* error = nullptr;  // ctx->error after its `when` (read only when Errored)
  };
  // {state (i8), error, excepting exception (i32)} of a rule or exception; error: for an
  // exception ctx->error after its `when` (read only when Errored), for a rule null (its
  // message is stored where it fails).
  using Values = std::array<llvm::Value*, 3>;
  bool ssaDecision(uint32_t entry) const;
  bool acyclic(uint32_t exception, std::vector<uint8_t>& mark) const;
  void ssaDecideFunction(uint32_t entry, const std::string& name);
  template <typename Body>
  std::pair<llvm::BasicBlock*, llvm::BasicBlock*> onlyWhere(llvm::Value* cond, llvm::Function* f, Body body);
  llvm::Value* phi(llvm::Value* a, llvm::BasicBlock* from, llvm::Value* b, llvm::BasicBlock* end);
  llvm::Value* effectiveOr(const ir::RuleCode& code, llvm::Value* now);
  template <typename Decide>
  Values effectiveThen(const ir::RuleCode& code, llvm::Function* f, uint8_t notEffective, Decide decide);
  llvm::Value* exceptionState(uint32_t e, llvm::Function* f);
  void computeException(uint32_t e, llvm::Function* f);
  llvm::Value* anyInForce(const std::vector<uint32_t>& excs, llvm::Function* f, llvm::Value* held, llvm::Value** by);
  Values ssaRule(uint32_t i, llvm::Function* f);
  struct StateArrays {
    llvm::Value *ruleStates, *ruleErrors, *exceptedBy, *exceptionStates, *exceptionErrors;
  };
  StateArrays stateArrays(llvm::Value* ctx);
  void storeRule(uint32_t i, const Values& v);

  const ir::Module& ir_;
  llvm::Module& m_;
  llvm::LLVMContext& c_;
  llvm::IRBuilder<> b_;
  const std::vector<std::string>& ruleFns_;
  const std::vector<std::string>& excFns_;
  std::vector<llvm::Function*> rdec_, xdec_;
  std::vector<bool> referenced_, native_;
  std::vector<Known> known_;  // per exception (ssaDecideFunction)
  llvm::Value* noNow_ = nullptr;  // i1: no `now` given (ssaDecideFunction)
  StateArrays arrays_{};  // the context's state arrays (ssaDecideFunction)
};

}  // namespace gai::codegen::decide_detail
