// IR expression -> LLVM IR, one case per lowered operation, in the interpreter's order and
// laziness (compiler/interp/eval_expr.cpp; a right operand that evaluatesEagerly() is
// computed unconditionally, which cannot change a result). Unlowered operations make the whole `when` fall
// back to the interpreter. Float operations carry no fast-math flags (never fused).
#include "codegen/emitter.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>

#include <cstring>
#include <map>

#include "codegen/eager.h"
#include "core/layout.h"
#include "core/ops.h"
#include "interp/interp.h"

namespace gai::codegen {

using ir::Op;
using rt::Kind;

namespace {
constexpr int kMaxInlineDepth = 32;
}  // namespace

alignas(16) const char kZeros[4096] = {};

llvm::Type* Emitter::typeOf(const rt::Type& t) {
  switch (t.kind) {
    case Kind::Bool: return b_.getInt1Ty();
    case Kind::Int: case Kind::Duration: case Kind::Timestamp: return b_.getInt64Ty();
    case Kind::Float: return b_.getDoubleTy();
    case Kind::Date: case Kind::Enum: return b_.getInt32Ty();
    case Kind::String: case Kind::List: return pairTy();
    case Kind::Set: return t.isBitSet() ? b_.getInt64Ty() : static_cast<llvm::Type*>(pairTy());
    default: return ptrTy();  // Record, Optional: addresses
  }
}

llvm::Value* Emitter::load(const rt::Type& t, llvm::Value* addr) {
  llvm::Type* ty = typeOf(t);
  if (ty->isPointerTy()) return addr;
  if (t.kind == Kind::Bool) return b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), addr), b_.getInt8(0));
  if (!ty->isStructTy()) return b_.CreateAlignedLoad(ty, addr, llvm::MaybeAlign(t.align));
  llvm::Value* data = b_.CreateAlignedLoad(ptrTy(), addr, llvm::MaybeAlign(8));
  llvm::Value* len = b_.CreateAlignedLoad(b_.getInt64Ty(), at(addr, 8), llvm::MaybeAlign(8));
  return b_.CreateInsertValue(b_.CreateInsertValue(llvm::PoisonValue::get(ty), data, 0), len, 1);
}

llvm::Value* Emitter::constant(const rt::Type& t, const void* bytes) {
  llvm::Type* ty = typeOf(t);
  if (ty->isPointerTy()) return constPtr(bytes);
  if (ty->isStructTy()) {
    rt::Str s;  // Str and Slice share the layout
    std::memcpy(&s, bytes, sizeof s);
    return b_.CreateInsertValue(b_.CreateInsertValue(llvm::PoisonValue::get(ty), constPtr(s.data), 0),
                                b_.getInt64(static_cast<uint64_t>(s.len)), 1);
  }
  if (t.kind == Kind::Bool) return b_.getInt1(*static_cast<const uint8_t*>(bytes) != 0);
  if (t.kind == Kind::Float) {
    double d;
    std::memcpy(&d, bytes, 8);
    return llvm::ConstantFP::get(b_.getDoubleTy(), d);
  }
  if (ty->isIntegerTy(32)) {
    uint32_t v;
    std::memcpy(&v, bytes, 4);
    return b_.getInt32(v);
  }
  uint64_t v;
  std::memcpy(&v, bytes, 8);
  return b_.getInt64(v);
}

llvm::Value* Emitter::pair(llvm::Value* data, llvm::Value* len) {
  return b_.CreateInsertValue(b_.CreateInsertValue(llvm::PoisonValue::get(pairTy()), data, 0), len, 1);
}

llvm::Value* Emitter::call(const char* name, llvm::Type* result, const std::vector<llvm::Value*>& args) {
  std::vector<llvm::Type*> types;
  for (llvm::Value* a : args) types.push_back(a->getType());
  llvm::FunctionCallee f = fn_->getParent()->getOrInsertFunction(name, llvm::FunctionType::get(result, types, false));
  return b_.CreateCall(f, args);
}

llvm::Value* Emitter::stackBytes(const rt::Type& t) {
  llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
  llvm::AllocaInst* a = entry.CreateAlloca(llvm::ArrayType::get(b_.getInt8Ty(), t.size ? t.size : 1));
  a->setAlignment(llvm::Align(8));
  return a;
}

llvm::Value* Emitter::addressOf(const rt::Type& t, llvm::Value* v) {
  if (v->getType()->isPointerTy()) return v;
  llvm::Value* p = stackBytes(t);
  store(t, v, p);
  return p;
}

void Emitter::checkStd(llvm::Value* status) {
  llvm::BasicBlock* err = llvm::BasicBlock::Create(c(), "std_error", fn_);
  llvm::BasicBlock* cont = llvm::BasicBlock::Create(c(), "ok", fn_);
  b_.CreateCondBr(b_.CreateICmpNE(status, b_.getInt32(0)), err, cont, llvm::MDBuilder(c()).createBranchWeights(1, 1000));
  b_.SetInsertPoint(err);
  b_.CreateStore(call("gai_std_error_message", ptrTy(), {status}), ctx_);
  b_.CreateRet(b_.getInt32(kNativeError));
  b_.SetInsertPoint(cont);
}

void Emitter::check(llvm::Value* bad, const char* message) {
  llvm::BasicBlock*& err = errorBlocks_[message];
  if (!err) {
    llvm::IRBuilder<> eb(c());
    err = llvm::BasicBlock::Create(c(), "error", fn_);
    eb.SetInsertPoint(err);
    if (message) eb.CreateStore(constPtr(message), ctx_);
    eb.CreateRet(eb.getInt32(kNativeError));
  }
  llvm::BasicBlock* cont = llvm::BasicBlock::Create(c(), "ok", fn_);
  b_.CreateCondBr(bad, err, cont, llvm::MDBuilder(c()).createBranchWeights(1, 1000));
  b_.SetInsertPoint(cont);
}

// cond ? then : else, each side either a node emitted lazily in its block or a value.
llvm::Value* Emitter::branch(llvm::Value* cond, const ir::Node* thenNode, llvm::Value* thenValue,
                             const ir::Node* elseNode, llvm::Value* elseValue, llvm::Type* type) {
  llvm::BasicBlock* thenBB = llvm::BasicBlock::Create(c(), "then", fn_);
  llvm::BasicBlock* elseBB = llvm::BasicBlock::Create(c(), "else", fn_);
  llvm::BasicBlock* merge = llvm::BasicBlock::Create(c(), "merge", fn_);
  b_.CreateCondBr(cond, thenBB, elseBB);
  b_.SetInsertPoint(thenBB);
  llvm::Value* t = thenNode ? emit(*thenNode) : thenValue;
  if (!t) return nullptr;
  llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(elseBB);
  llvm::Value* e = elseNode ? emit(*elseNode) : elseValue;
  if (!e) return nullptr;
  llvm::BasicBlock* elseEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(type, 2);
  phi->addIncoming(t, thenEnd);
  phi->addIncoming(e, elseEnd);
  return phi;
}

llvm::Value* Emitter::emit(const ir::Node& n) {
  switch (n.op) {
    case Op::Const: return constant(*n.type, ir_.constants[n.index].bytes);
    case Op::NoneOf:
      if (n.type->size > sizeof kZeros) return unsupported(n);
      return constPtr(kZeros);
    case Op::Now: {
      llvm::Value* has = b_.CreateLoad(b_.getInt64Ty(), at(ctx_, 8));
      check(b_.CreateICmpEQ(has, b_.getInt64(0)), interp::kNoNowError);
      return now_;
    }
    case Op::Local: {
      auto it = locals_.find(n.slot);
      return it == locals_.end() ? unsupported(n) : it->second;
    }
    case Op::Let: case Op::If: case Op::Not: case Op::And: case Op::Or: case Op::Implies: return emitControl(n);
    case Op::OptPresent: case Op::Coalesce: case Op::OptField: return emitOptional(n);
    case Op::Field: {
      GAI_EMIT(base, *n.kids[0]);
      return load(*n.kids[0]->type->fields[n.index].type, at(base, n.offset));
    }
    case Op::EqBool: case Op::EqInt: case Op::EqFloat: case Op::EqStr: case Op::EqDate: case Op::EqEnum:
    case Op::EqBitSet: case Op::CmpInt: case Op::CmpFloat: case Op::CmpStr: case Op::CmpDate: return emitCompare(n);
    case Op::IntAdd: case Op::IntSub: case Op::IntMul: case Op::IntDiv: case Op::IntMod: case Op::IntNeg:
    case Op::FloatAdd: case Op::FloatSub: case Op::FloatMul: case Op::FloatDiv: case Op::FloatNeg:
    case Op::IntToFloat: case Op::FloatToInt: case Op::DurAdd: case Op::DurSub: case Op::DurNeg:
    case Op::DurMul: case Op::DateDiff: return emitArith(n);
    case Op::MakeBitSet: case Op::BitSetHas: case Op::BitSetSize: case Op::ListSize: case Op::SetSize:
    case Op::SetHas: return emitCollection(n);
    case Op::TsAddDur: case Op::TsSubDur: case Op::DurAddTs: case Op::TsDiff: case Op::DateAddDur:
    case Op::DateSubDur: case Op::DurAddDate: return emitTime(n);
    case Op::CallFn: return emitCall(n);
    case Op::CallStd: return emitStd(n);
    case Op::MakeList: case Op::MakeSet: return emitMakeSeq(n);
    case Op::MakeRecord: return emitMakeRecord(n);
    case Op::With: return emitWith(n);
    case Op::ListHas: return emitListHas(n);
    case Op::Any: case Op::All: case Op::Count: case Op::SumInt: case Op::SumFloat: return emitQuant(n);
    case Op::EqValue: return emitEqValue(n);
    case Op::RuleRef: {
      if (!ruleRefs) return unsupported(n);
      GAI_EMIT(x, *n.kids[0]);
      llvm::FunctionCallee ref = fn_->getParent()->getOrInsertFunction("gai_jit_rule_ref", b_.getInt32Ty(), ptrTy(),
                                                                      b_.getInt32Ty(), ptrTy());
      llvm::Value* r = b_.CreateCall(ref, {ctx_, b_.getInt32(n.index), x});
      check(b_.CreateICmpEQ(r, b_.getInt32(kNativeError)), nullptr);  // ctx->error already set
      return b_.CreateICmpEQ(r, b_.getInt32(1));
    }
    case Op::OptWrap: {
      GAI_EMIT(x, *n.kids[0]);
      return wrap(*n.type, x);
    }
    default: return unsupported(n);
  }
}

llvm::Value* Emitter::emitControl(const ir::Node& n) {
  const auto& k = n.kids;
  switch (n.op) {
    case Op::Let: {
      GAI_EMIT(init, *k[0]);
      auto saved = locals_.find(n.slot) == locals_.end() ? nullptr : locals_[n.slot];
      locals_[n.slot] = init;
      llvm::Value* body = emit(*k[1]);
      if (saved) locals_[n.slot] = saved; else locals_.erase(n.slot);
      return body;
    }
    case Op::If: {
      GAI_EMIT(cond, *k[0]);
      return branch(cond, k[1], nullptr, k[2], nullptr, typeOf(*n.type));
    }
    case Op::Not: {
      GAI_EMIT(x, *k[0]);
      return b_.CreateNot(x);
    }
    case Op::And: {
      GAI_EMIT(a, *k[0]);
      if (evaluatesEagerly(*k[1])) return eagerly(a, *k[1], llvm::Instruction::And);
      return branch(a, k[1], nullptr, nullptr, b_.getFalse(), b_.getInt1Ty());
    }
    case Op::Or: {
      GAI_EMIT(a, *k[0]);
      if (evaluatesEagerly(*k[1])) return eagerly(a, *k[1], llvm::Instruction::Or);
      return branch(a, nullptr, b_.getTrue(), k[1], nullptr, b_.getInt1Ty());
    }
    default: {  // Implies
      GAI_EMIT(a, *k[0]);
      if (evaluatesEagerly(*k[1])) return eagerly(b_.CreateNot(a), *k[1], llvm::Instruction::Or);
      return branch(a, k[1], nullptr, nullptr, b_.getTrue(), b_.getInt1Ty());
    }
  }
}

// `a op b` with `b` computed whether needed or not (evaluatesEagerly(b) holds): no branch.
llvm::Value* Emitter::eagerly(llvm::Value* a, const ir::Node& b, llvm::Instruction::BinaryOps op) {
  GAI_EMIT(rhs, b);
  return b_.CreateBinOp(op, a, rhs);
}

llvm::Value* Emitter::emitOptional(const ir::Node& n) {
  const auto& k = n.kids;
  GAI_EMIT(x, *k[0]);
  llvm::Value* present = b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), x), b_.getInt8(0));
  const rt::Type& ot = *k[0]->type;
  if (n.op == Op::OptPresent) return present;
  if (n.op == Op::Coalesce) {
    if (n.type->kind == Kind::Optional) return branch(present, nullptr, x, k[1], nullptr, ptrTy());
    llvm::Value* value = nullptr;
    // The present side loads inside its own block (the value bytes are meaningful only then).
    llvm::BasicBlock* thenBB = llvm::BasicBlock::Create(c(), "present", fn_);
    llvm::BasicBlock* elseBB = llvm::BasicBlock::Create(c(), "none", fn_);
    llvm::BasicBlock* merge = llvm::BasicBlock::Create(c(), "merge", fn_);
    b_.CreateCondBr(present, thenBB, elseBB);
    b_.SetInsertPoint(thenBB);
    value = load(*ot.element, at(x, ot.valueOffset));
    llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
    b_.CreateBr(merge);
    b_.SetInsertPoint(elseBB);
    GAI_EMIT(d, *k[1]);
    llvm::BasicBlock* elseEnd = b_.GetInsertBlock();
    b_.CreateBr(merge);
    b_.SetInsertPoint(merge);
    llvm::PHINode* phi = b_.CreatePHI(typeOf(*n.type), 2);
    phi->addIncoming(value, thenEnd);
    phi->addIncoming(d, elseEnd);
    return phi;
  }
  // OptField of an optional field: no new bytes needed.
  const rt::Type& ft = *ot.element->fields[n.index].type;
  if (n.type->size > sizeof kZeros) return unsupported(n);
  if (ft.kind == Kind::Optional) return b_.CreateSelect(present, at(x, ot.valueOffset + n.offset), constPtr(kZeros));
  // A present field is wrapped in the present block only (its bytes mean nothing otherwise).
  llvm::BasicBlock* thenBB = llvm::BasicBlock::Create(c(), "present", fn_);
  llvm::BasicBlock* merge = llvm::BasicBlock::Create(c(), "merge", fn_);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  b_.CreateCondBr(present, thenBB, merge);
  b_.SetInsertPoint(thenBB);
  llvm::Value* wrapped = wrap(*n.type, load(ft, at(x, ot.valueOffset + n.offset)));
  llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
  b_.CreateBr(merge);
  b_.SetInsertPoint(merge);
  llvm::PHINode* phi = b_.CreatePHI(ptrTy(), 2);
  phi->addIncoming(constPtr(kZeros), from);
  phi->addIncoming(wrapped, thenEnd);
  return phi;
}

llvm::Value* Emitter::emitCompare(const ir::Node& n) {
  GAI_EMIT(a, *n.kids[0]);
  GAI_EMIT(b, *n.kids[1]);
  using P = llvm::CmpInst::Predicate;
  switch (n.op) {
    case Op::EqFloat: return b_.CreateFCmpOEQ(a, b);
    case Op::EqStr: case Op::CmpStr: {
      bool eq = n.op == Op::EqStr;
      llvm::Value* r = call(eq ? "gai_jit_str_eq" : "gai_jit_str_cmp", b_.getInt32Ty(),
                            {b_.CreateExtractValue(a, 0), b_.CreateExtractValue(a, 1), b_.CreateExtractValue(b, 0),
                             b_.CreateExtractValue(b, 1)});
      if (eq) return b_.CreateICmpNE(r, b_.getInt32(0));
      static const P preds[] = {P::ICMP_SLT, P::ICMP_SLE, P::ICMP_SGT, P::ICMP_SGE};
      return b_.CreateICmp(preds[static_cast<int>(n.cmp)], r, b_.getInt32(0));  // rt::stringCompare
    }
    case Op::CmpInt: case Op::CmpDate: {
      static const P preds[] = {P::ICMP_SLT, P::ICMP_SLE, P::ICMP_SGT, P::ICMP_SGE};
      return b_.CreateICmp(preds[static_cast<int>(n.cmp)], a, b);
    }
    case Op::CmpFloat: {
      static const P preds[] = {P::FCMP_OLT, P::FCMP_OLE, P::FCMP_OGT, P::FCMP_OGE};
      return b_.CreateFCmp(preds[static_cast<int>(n.cmp)], a, b);
    }
    default: return b_.CreateICmpEQ(a, b);  // bool, int, date, enum, bit set
  }
}

llvm::Value* Emitter::emitInt(const ir::Node& n, llvm::Value* a, llvm::Value* b) {
  const char* overflow = rt::opStatusMessage(rt::OpStatus::IntOverflow);
  llvm::Value* min = b_.getInt64(static_cast<uint64_t>(INT64_MIN));
  llvm::Intrinsic::ID id = llvm::Intrinsic::not_intrinsic;
  switch (n.op) {
    case Op::IntAdd: case Op::DurAdd: id = llvm::Intrinsic::sadd_with_overflow; break;
    case Op::IntSub: case Op::DurSub: id = llvm::Intrinsic::ssub_with_overflow; break;
    case Op::IntMul: case Op::DurMul: id = llvm::Intrinsic::smul_with_overflow; break;
    case Op::IntNeg: case Op::DurNeg:
      check(b_.CreateICmpEQ(a, min), overflow);
      return b_.CreateNeg(a);
    case Op::IntDiv:
      check(b_.CreateICmpEQ(b, b_.getInt64(0)), rt::opStatusMessage(rt::OpStatus::DivisionByZero));
      check(b_.CreateAnd(b_.CreateICmpEQ(a, min), b_.CreateICmpEQ(b, b_.getInt64(-1))), overflow);
      return b_.CreateSDiv(a, b);
    default: {  // IntMod: INT64_MIN % -1 is 0
      check(b_.CreateICmpEQ(b, b_.getInt64(0)), rt::opStatusMessage(rt::OpStatus::DivisionByZero));
      llvm::Value* minusOne = b_.CreateICmpEQ(b, b_.getInt64(-1));
      llvm::Value* safeB = b_.CreateSelect(minusOne, b_.getInt64(1), b);
      return b_.CreateSelect(minusOne, b_.getInt64(0), b_.CreateSRem(a, safeB));
    }
  }
  llvm::Value* r = b_.CreateBinaryIntrinsic(id, a, b);
  check(b_.CreateExtractValue(r, 1), overflow);
  return b_.CreateExtractValue(r, 0);
}

llvm::Value* Emitter::emitArith(const ir::Node& n) {
  GAI_EMIT(a, *n.kids[0]);
  llvm::Value* b = nullptr;
  if (n.kids.size() > 1) {
    b = emit(*n.kids[1]);
    if (!b) return nullptr;
  }
  switch (n.op) {
    case Op::FloatAdd: return b_.CreateFAdd(a, b);
    case Op::FloatSub: return b_.CreateFSub(a, b);
    case Op::FloatMul: return b_.CreateFMul(a, b);
    case Op::FloatDiv: return b_.CreateFDiv(a, b);
    case Op::FloatNeg: return b_.CreateFNeg(a);
    case Op::IntToFloat: return b_.CreateSIToFP(a, b_.getDoubleTy());
    case Op::FloatToInt: {
      llvm::Value* lo = b_.CreateFCmpOGE(a, llvm::ConstantFP::get(b_.getDoubleTy(), -9223372036854775808.0));
      llvm::Value* hi = b_.CreateFCmpOLT(a, llvm::ConstantFP::get(b_.getDoubleTy(), 9223372036854775808.0));
      check(b_.CreateNot(b_.CreateAnd(lo, hi)), rt::opStatusMessage(rt::OpStatus::IntConversion));
      return b_.CreateFPToSI(a, b_.getInt64Ty());
    }
    case Op::DateDiff:
      return b_.CreateMul(b_.CreateSub(b_.CreateSExt(a, b_.getInt64Ty()), b_.CreateSExt(b, b_.getInt64Ty())),
                          b_.getInt64(rt::kOpSecondsPerDay));
    default: return emitInt(n, a, b);
  }
}

llvm::Value* Emitter::emitCollection(const ir::Node& n) {
  if (n.op == Op::MakeBitSet) {
    llvm::Value* mask = b_.getInt64(0);
    for (const ir::Node* k : n.kids) {
      GAI_EMIT(e, *k);
      mask = b_.CreateOr(mask, b_.CreateShl(b_.getInt64(1), b_.CreateZExt(e, b_.getInt64Ty())));
    }
    return mask;
  }
  GAI_EMIT(x, *n.kids[0]);
  if (n.op == Op::ListSize || n.op == Op::SetSize) return b_.CreateExtractValue(x, 1);
  if (n.op == Op::BitSetSize) return b_.CreateUnaryIntrinsic(llvm::Intrinsic::ctpop, x);
  if (n.op == Op::SetHas) {
    GAI_EMIT(set, *n.kids[1]);
    const rt::Type& elem = *n.kids[1]->type->element;
    llvm::Value* xp = stackBytes(elem);
    store(elem, x, xp);
    llvm::FunctionCallee has = fn_->getParent()->getOrInsertFunction(
        "gai_jit_set_has", b_.getInt32Ty(), ptrTy(), ptrTy(), b_.getInt64Ty(), ptrTy());
    llvm::Value* r = b_.CreateCall(has, {constPtr(&elem), b_.CreateExtractValue(set, 0), b_.CreateExtractValue(set, 1), xp});
    return b_.CreateICmpNE(r, b_.getInt32(0));
  }
  GAI_EMIT(mask, *n.kids[1]);  // BitSetHas
  llvm::Value* bit = b_.CreateLShr(mask, b_.CreateZExt(x, b_.getInt64Ty()));
  return b_.CreateICmpNE(b_.CreateAnd(bit, b_.getInt64(1)), b_.getInt64(0));
}

llvm::Value* Emitter::emitTime(const ir::Node& n) {
  GAI_EMIT(a, *n.kids[0]);
  GAI_EMIT(b, *n.kids[1]);
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::FunctionCallee op = fn_->getParent()->getOrInsertFunction("gai_jit_time_op", b_.getInt32Ty(),
                                                                  b_.getInt32Ty(), i64, i64, ptrTy());
  llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
  llvm::Value* out = entry.CreateAlloca(i64);
  auto widen = [&](llvm::Value* v) { return v->getType()->isIntegerTy(32) ? b_.CreateSExt(v, i64) : v; };
  llvm::Value* status = b_.CreateCall(op, {b_.getInt32(static_cast<uint32_t>(n.op)), widen(a), widen(b), out});
  check(b_.CreateICmpNE(status, b_.getInt32(0)), rt::opStatusMessage(rt::OpStatus::TimeRange));
  llvm::Value* r = b_.CreateLoad(i64, out);
  return n.type->kind == Kind::Date ? b_.CreateTrunc(r, b_.getInt32Ty()) : r;
}

// A fn call is inlined: arguments left to right, then the body in a fresh frame.
llvm::Value* Emitter::emitCall(const ir::Node& n) {
  const ir::Fn& fn = ir_.fns[n.index];
  if (depth_ >= kMaxInlineDepth || !fn.body) return unsupported(n);
  std::map<uint32_t, llvm::Value*> callee;
  for (size_t i = 0; i < n.kids.size() && i < fn.paramSlots.size(); ++i) {
    GAI_EMIT(arg, *n.kids[i]);
    callee[fn.paramSlots[i]] = arg;
  }
  std::swap(locals_, callee);
  ++depth_;
  llvm::Value* r = emit(*fn.body);
  --depth_;
  std::swap(locals_, callee);
  return r;
}

void Emitter::store(const rt::Type& t, llvm::Value* v, llvm::Value* addr) {
  if (t.size == 0) return;
  if (v->getType()->isPointerTy()) {
    b_.CreateMemCpy(addr, llvm::MaybeAlign(1), v, llvm::MaybeAlign(1), t.size);
  } else if (t.kind == Kind::Bool) {
    b_.CreateStore(b_.CreateZExt(v, b_.getInt8Ty()), addr);
  } else if (v->getType()->isStructTy()) {
    b_.CreateStore(b_.CreateExtractValue(v, 0), addr);
    b_.CreateStore(b_.CreateExtractValue(v, 1), at(addr, 8));
  } else {
    b_.CreateStore(v, addr);
  }
}

llvm::Value* Emitter::wrap(const rt::Type& optional, llvm::Value* v) {
  llvm::Value* p = stackBytes(optional);
  b_.CreateMemSet(p, b_.getInt8(0), optional.size, llvm::MaybeAlign(8));
  b_.CreateStore(b_.getInt8(1), p);
  store(*optional.element, v, at(p, optional.valueOffset));
  return p;
}

// An optional string or integer-like scalar, inline (rt::valuesEqual's answer): both absent,
// or both present with equal values. Absent strings compare as empty (no bytes are read).
llvm::Value* Emitter::emitEqOptional(const rt::Type& t, llvm::Value* pa, llvm::Value* pb) {
  const rt::Type& e = *t.element;
  llvm::Value* ha = b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), pa), b_.getInt8(0));
  llvm::Value* hb = b_.CreateICmpNE(b_.CreateLoad(b_.getInt8Ty(), pb), b_.getInt8(0));
  llvm::Value* both = b_.CreateAnd(ha, hb);
  llvm::Value* va = load(e, at(pa, t.valueOffset));
  llvm::Value* vb = load(e, at(pb, t.valueOffset));
  llvm::Value* same;
  if (e.kind == Kind::String) {
    llvm::Value* zero = b_.getInt64(0);
    llvm::Value* la = b_.CreateSelect(both, b_.CreateExtractValue(va, 1), zero);
    llvm::Value* lb = b_.CreateSelect(both, b_.CreateExtractValue(vb, 1), zero);
    llvm::Value* r = call("gai_jit_str_eq", b_.getInt32Ty(),
                          {b_.CreateExtractValue(va, 0), la, b_.CreateExtractValue(vb, 0), lb});
    same = b_.CreateICmpNE(r, b_.getInt32(0));
  } else {
    same = b_.CreateICmpEQ(va, vb);
  }
  return b_.CreateSelect(both, same, b_.CreateICmpEQ(ha, hb));
}

llvm::Value* Emitter::emitEqValue(const ir::Node& n) {
  GAI_EMIT(a, *n.kids[0]);
  GAI_EMIT(b, *n.kids[1]);
  const rt::Type& t = *n.kids[0]->type;
  llvm::Value* pa = addressOf(t, a);
  llvm::Value* pb = addressOf(t, b);
  if (t.kind == Kind::Optional && inlineEq(*t.element)) return emitEqOptional(t, pa, pb);
  llvm::FunctionCallee eq = fn_->getParent()->getOrInsertFunction("gai_jit_values_equal", b_.getInt32Ty(), ptrTy(),
                                                                 ptrTy(), ptrTy());
  return b_.CreateICmpNE(b_.CreateCall(eq, {constPtr(&t), pa, pb}), b_.getInt32(0));
}

// Quantifiers: a loop over the slice, or over the set bits of a mask in ordinal order (the
// lowest left, cttz, then cleared); Any/All leave at the first decisive element.
llvm::Value* Emitter::emitQuant(const ir::Node& n) {
  GAI_EMIT(coll, *n.kids[0]);
  const rt::Type& elem = *n.kids[0]->type->element;
  bool bits = n.iter == ir::Iter::BitSet;
  bool early = n.op == Op::Any || n.op == Op::All;
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* accTy = n.op == Op::SumFloat ? b_.getDoubleTy() : i64;
  llvm::Value* init = n.op == Op::SumFloat ? llvm::ConstantFP::get(accTy, 0.0) : b_.getInt64(0);
  llvm::Value* limit = bits ? nullptr : b_.CreateExtractValue(coll, 1);
  llvm::BasicBlock* pre = b_.GetInsertBlock();
  llvm::BasicBlock* header = llvm::BasicBlock::Create(c(), "loop", fn_);
  llvm::BasicBlock* body = llvm::BasicBlock::Create(c(), "body", fn_);
  llvm::BasicBlock* latch = llvm::BasicBlock::Create(c(), "next", fn_);
  llvm::BasicBlock* exit = llvm::BasicBlock::Create(c(), "done", fn_);
  llvm::BasicBlock* decided = early ? llvm::BasicBlock::Create(c(), "decided", fn_) : nullptr;
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::PHINode* i = b_.CreatePHI(i64, 2);  // the index, or the mask's bits not yet visited
  llvm::PHINode* acc = b_.CreatePHI(accTy, 2);
  i->addIncoming(bits ? coll : b_.getInt64(0), pre);
  acc->addIncoming(init, pre);
  b_.CreateCondBr(bits ? b_.CreateICmpNE(i, b_.getInt64(0)) : b_.CreateICmpSLT(i, limit), body, exit);
  b_.SetInsertPoint(body);
  llvm::Value* x = nullptr;
  if (bits) {
    x = b_.CreateTrunc(b_.CreateBinaryIntrinsic(llvm::Intrinsic::cttz, i, b_.getTrue()), b_.getInt32Ty());
  } else {
    llvm::Value* offset = b_.CreateMul(i, b_.getInt64(elem.size));
    x = load(elem, b_.CreateInBoundsGEP(b_.getInt8Ty(), b_.CreateExtractValue(coll, 0), offset));
  }
  auto saved = locals_.find(n.slot) == locals_.end() ? nullptr : locals_[n.slot];
  locals_[n.slot] = x;
  llvm::Value* v = emit(*n.kids[1]);
  if (saved) locals_[n.slot] = saved; else locals_.erase(n.slot);
  if (!v) return nullptr;
  llvm::Value* next = acc;
  switch (n.op) {
    case Op::Any: b_.CreateCondBr(v, decided, latch); break;
    case Op::All: b_.CreateCondBr(v, latch, decided); break;
    case Op::Count: next = b_.CreateAdd(acc, b_.CreateZExt(v, i64)); break;
    case Op::SumInt: {
      llvm::Value* r = b_.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, acc, v);
      check(b_.CreateExtractValue(r, 1), rt::opStatusMessage(rt::OpStatus::IntOverflow));
      next = b_.CreateExtractValue(r, 0);
      break;
    }
    default: next = b_.CreateFAdd(acc, v); break;
  }
  llvm::BasicBlock* bodyEnd = b_.GetInsertBlock();
  if (!early) b_.CreateBr(latch);
  b_.SetInsertPoint(latch);
  llvm::PHINode* accNext = b_.CreatePHI(accTy, 1);
  accNext->addIncoming(next, bodyEnd);
  llvm::Value* iNext = bits ? b_.CreateAnd(i, b_.CreateSub(i, b_.getInt64(1))) : b_.CreateAdd(i, b_.getInt64(1));
  b_.CreateBr(header);
  i->addIncoming(iNext, latch);
  acc->addIncoming(accNext, latch);
  if (early) {
    b_.SetInsertPoint(decided);
    b_.CreateBr(exit);
  }
  b_.SetInsertPoint(exit);
  if (!early) return acc;
  llvm::PHINode* r = b_.CreatePHI(b_.getInt1Ty(), 2);
  r->addIncoming(b_.getInt1(n.op == Op::All), header);
  r->addIncoming(b_.getInt1(n.op == Op::Any), decided);
  return r;
}

bool emitWhen(const ir::Module& ir, const ir::RuleCode& code, llvm::Module& module, AddressTable& addrs,
              const std::string& name, std::string& reason) {
  llvm::LLVMContext& c = module.getContext();
  llvm::Type* ptr = llvm::PointerType::getUnqual(c);
  auto* type = llvm::FunctionType::get(llvm::Type::getInt32Ty(c), {ptr, llvm::Type::getInt64Ty(c), ptr}, false);
  llvm::Function* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  Emitter e(ir, fn, addrs);
  e.bind(code.paramSlot, fn->getArg(0));
  llvm::Value* held = code.when ? e.emit(*code.when) : nullptr;
  if (!held) {
    reason = e.reason.empty() ? "no when" : e.reason;
    fn->eraseFromParent();
    return false;
  }
  e.builder().CreateRet(e.builder().CreateZExt(held, e.builder().getInt32Ty()));
  return true;
}

bool emitValue(const ir::Module& ir, const ir::Node& node, uint32_t paramSlot, llvm::Module& module,
               AddressTable& addrs, const std::string& name, std::string& reason, bool ruleRefs) {
  llvm::LLVMContext& c = module.getContext();
  llvm::Type* ptr = llvm::PointerType::getUnqual(c);
  auto* type = llvm::FunctionType::get(llvm::Type::getInt32Ty(c), {ptr, llvm::Type::getInt64Ty(c), ptr, ptr}, false);
  llvm::Function* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  Emitter e(ir, fn, addrs);
  e.bind(paramSlot, fn->getArg(0));
  e.ruleRefs = ruleRefs;
  llvm::Value* v = e.emit(node);
  if (!v) {
    reason = e.reason;
    fn->eraseFromParent();
    return false;
  }
  e.store(*node.type, v, fn->getArg(3));
  e.builder().CreateRet(e.builder().getInt32(0));
  return true;
}

}  // namespace gai::codegen
