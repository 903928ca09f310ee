// Internal to the emit*.cpp files: the expression emitter of one native function.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "codegen/emit.h"
#include "core/layout.h"

namespace gai::codegen {

// A none value of any optional type up to this size: all zero bytes (layout.h).
extern const char kZeros[4096];

#define GAI_EMIT(var, node)      \
  llvm::Value* var = emit(node); \
  if (!var) return nullptr

// Lowers IR expressions into `fn` (arguments: entry or given value, now, NativeCtx*, ...),
// one case per operation in the interpreter's order and laziness; null (with `reason`) for
// what it cannot lower. Values: see native.h.
class Emitter {
 public:
  Emitter(const ir::Module& ir, llvm::Function* fn, AddressTable& addrs)
      : ir_(ir), addrs_(addrs), fn_(fn), b_(fn->getContext()), ctx_(fn->getArg(2)), now_(fn->getArg(1)) {
    b_.SetInsertPoint(llvm::BasicBlock::Create(fn->getContext(), "entry", fn));
  }

  llvm::IRBuilder<>& builder() { return b_; }
  void bind(uint32_t slot, llvm::Value* v) { locals_[slot] = v; }
  std::string reason;
  // False where no decision is in progress (test expressions): `r(x)` is not lowered.
  bool ruleRefs = true;

  llvm::Value* emit(const ir::Node& n);
  // Writes `v` (of type `t`) to `addr` (t.size bytes; records and optionals copied).
  void store(const rt::Type& t, llvm::Value* v, llvm::Value* addr);

 private:
  llvm::Value* unsupported(const ir::Node& n) {
    if (reason.empty()) reason = ir::opName(n.op);
    return nullptr;
  }
  llvm::LLVMContext& c() { return fn_->getContext(); }
  llvm::Type* ptrTy() { return b_.getPtrTy(); }
  llvm::StructType* pairTy() { return llvm::StructType::get(c(), {ptrTy(), b_.getInt64Ty()}); }
  llvm::Value* constPtr(const void* p) { return addrs_.get(p); }
  llvm::Value* at(llvm::Value* base, uint64_t offset) { return offset ? b_.CreateConstInBoundsGEP1_64(b_.getInt8Ty(), base, offset) : base; }
  llvm::Value* pair(llvm::Value* data, llvm::Value* len);
  // A call of the external function `name` (a helper or std symbol).
  llvm::Value* call(const char* name, llvm::Type* result, const std::vector<llvm::Value*>& args);

  llvm::Type* typeOf(const rt::Type& t);
  llvm::Value* load(const rt::Type& t, llvm::Value* addr);
  llvm::Value* constant(const rt::Type& t, const void* bytes);
  // Continues only when `bad` is false; otherwise the function returns the error `message`
  // (null: a callee already wrote ctx->error).
  void check(llvm::Value* bad, const char* message);
  // Continues when the std status is 0; otherwise the error is gai_std_error_message(status).
  void checkStd(llvm::Value* status);
  llvm::Value* branch(llvm::Value* cond, const ir::Node* thenNode, llvm::Value* thenValue, const ir::Node* elseNode,
                      llvm::Value* elseValue, llvm::Type* type);
  // Zeroed bytes in the evaluation arena (ctx->arena); "out of memory" when exhausted.
  llvm::Value* alloc(uint64_t size, uint64_t align);

  llvm::Value* emitControl(const ir::Node& n);
  llvm::Value* eagerly(llvm::Value* a, const ir::Node& b, llvm::Instruction::BinaryOps op);
  llvm::Value* emitOptional(const ir::Node& n);
  llvm::Value* emitCompare(const ir::Node& n);
  llvm::Value* emitInt(const ir::Node& n, llvm::Value* a, llvm::Value* b);
  llvm::Value* emitArith(const ir::Node& n);
  llvm::Value* emitCollection(const ir::Node& n);
  llvm::Value* emitTime(const ir::Node& n);
  llvm::Value* emitCall(const ir::Node& n);
  llvm::Value* emitQuant(const ir::Node& n);
  llvm::Value* emitEqValue(const ir::Node& n);
  llvm::Value* emitEqOptional(const rt::Type& optional, llvm::Value* pa, llvm::Value* pb);
  // Equality of two values of `t` is one icmp (or, for strings, gai_jit_str_eq).
  static bool inlineEq(const rt::Type& t) {
    switch (t.kind) {
      case rt::Kind::String: case rt::Kind::Int: case rt::Kind::Enum: case rt::Kind::Bool: case rt::Kind::Date:
      case rt::Kind::Timestamp: case rt::Kind::Duration: return true;
      default: return false;
    }
  }
  llvm::Value* emitStd(const ir::Node& n);                                     // emit_std.cpp
  llvm::Value* emitMakeSeq(const ir::Node& n);                                 // emit_build.cpp
  llvm::Value* emitMakeRecord(const ir::Node& n);                              // emit_build.cpp
  llvm::Value* emitWith(const ir::Node& n);                                    // emit_build.cpp
  llvm::Value* emitListHas(const ir::Node& n);                                 // emit_build.cpp
  // The layout address of `v` (of type `t`): records/optionals are addresses already,
  // other values are stored in stack bytes.
  llvm::Value* addressOf(const rt::Type& t, llvm::Value* v);
  // Stack bytes for a value built by this function that only it reads.
  llvm::Value* stackBytes(const rt::Type& t);
  llvm::Value* wrap(const rt::Type& optional, llvm::Value* v);

  const ir::Module& ir_;
  AddressTable& addrs_;
  llvm::Function* fn_;
  llvm::IRBuilder<> b_;
  llvm::Value* ctx_;
  llvm::Value* now_;
  std::map<uint32_t, llvm::Value*> locals_;
  std::map<const char*, llvm::BasicBlock*> errorBlocks_;
  int depth_ = 0;
};

}  // namespace gai::codegen
