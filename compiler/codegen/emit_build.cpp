// Values built natively (lists, sets, records, `with`) and list membership. Built bytes
// live in the evaluation arena (ctx->arena), allocated before the parts are evaluated, as
// in the interpreter (eval_collections.cpp, evalRecord, with): rule references memoise by
// value address, so a built record must never share an address with another.
#include "codegen/emitter.h"

namespace gai::codegen {

llvm::Value* Emitter::alloc(uint64_t size, uint64_t align) {
  llvm::Value* p = call("gai_jit_alloc", ptrTy(), {ctx_, b_.getInt64(size), b_.getInt64(align)});
  check(b_.CreateIsNull(p), "out of memory");
  return p;
}

// MakeList / MakeSet: elements stored in order; a set is then canonicalised in place.
llvm::Value* Emitter::emitMakeSeq(const ir::Node& n) {
  const rt::Type& elem = *n.type->element;
  uint64_t count = n.kids.size();
  llvm::Value* data = alloc(elem.size * count, elem.align < 8 ? 8 : elem.align);
  for (uint64_t i = 0; i < count; ++i) {
    GAI_EMIT(v, *n.kids[i]);
    store(elem, v, at(data, i * elem.size));
  }
  llvm::Value* len = b_.getInt64(count);
  if (n.op == ir::Op::MakeSet)
    len = call("gai_jit_canonicalize_set", b_.getInt64Ty(), {constPtr(&elem), data, len});
  return pair(data, len);
}

// Defaults first (rt::applyDefaults), then the given fields in source order.
llvm::Value* Emitter::emitMakeRecord(const ir::Node& n) {
  const rt::Type& rec = *n.type;
  llvm::Value* p = alloc(rec.size, rec.align);
  call("gai_jit_apply_defaults", b_.getVoidTy(), {constPtr(&rec), p});
  for (size_t i = 0; i < n.kids.size(); ++i) {
    GAI_EMIT(v, *n.kids[i]);
    const rt::Field& f = rec.fields[n.fieldIndexes[i]];
    store(*f.type, v, at(p, f.offset));
  }
  return p;
}

// A copy of the base, then each update in order: its value, then its path (offsets are
// static; only passing through an optional is checked: none is the interpreter's error).
llvm::Value* Emitter::emitWith(const ir::Node& n) {
  const rt::Type& rec = *n.type;
  GAI_EMIT(base, *n.kids[0]);
  llvm::Value* copy = alloc(rec.size, rec.align);
  if (rec.size) b_.CreateMemCpy(copy, llvm::MaybeAlign(1), base, llvm::MaybeAlign(1), rec.size);
  for (size_t u = 0; u < n.updates.size(); ++u) {
    const ir::WithUpdate& update = n.updates[u];
    GAI_EMIT(v, *n.kids[u + 1]);
    const rt::Type* cur = &rec;
    llvm::Value* where = copy;
    for (size_t i = 0; i < update.path.size(); ++i) {
      if (cur->kind == rt::Kind::Optional) {
        llvm::Value* absent = b_.CreateICmpEQ(b_.CreateLoad(b_.getInt8Ty(), where), b_.getInt8(0));
        llvm::BasicBlock* none = llvm::BasicBlock::Create(c(), "with_none", fn_);
        llvm::BasicBlock* ok = llvm::BasicBlock::Create(c(), "with_ok", fn_);
        b_.CreateCondBr(absent, none, ok);
        b_.SetInsertPoint(none);
        call("gai_jit_with_none", b_.getVoidTy(), {ctx_, constPtr(&n), b_.getInt32(u), b_.getInt32(i)});
        b_.CreateRet(b_.getInt32(kNativeError));
        b_.SetInsertPoint(ok);
        where = at(where, cur->valueOffset);
        cur = cur->element;
      }
      const rt::Field& f = cur->fields[update.path[i]];
      where = at(where, f.offset);
      cur = f.type;
    }
    store(*cur, v, where);
  }
  return copy;
}

// A linear scan with the element type's equality (rt::valuesEqual).
llvm::Value* Emitter::emitListHas(const ir::Node& n) {
  GAI_EMIT(x, *n.kids[0]);
  GAI_EMIT(list, *n.kids[1]);
  const rt::Type& elem = *n.kids[1]->type->element;
  llvm::Value* xp = addressOf(elem, x);
  llvm::Value* r = call("gai_jit_list_has", b_.getInt32Ty(),
                        {constPtr(&elem), b_.CreateExtractValue(list, 0), b_.CreateExtractValue(list, 1), xp});
  return b_.CreateICmpNE(r, b_.getInt32(0));
}

}  // namespace gai::codegen
