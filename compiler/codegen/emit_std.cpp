// std calls from native code: the same C symbols the interpreter calls (stdlib/std.h), with
// its conventions (stdlib.def STD_ABI): strings as (ptr, i64), prepared terms/regexes as
// table addresses, a run-time keyword list as (gai_str*, count); Status functions through
// an out-pointer with the error gai_std_error_message(status); AllocStatus ones allocate in
// the evaluation arena (gai_jit_std_alloc, ctx->arena) like the interpreter's stdAlloc.
#include <llvm/IR/Module.h>

#include "codegen/emitter.h"
#include "std.h"

namespace gai::codegen {

namespace {

enum class StdId : uint32_t {
#define STD_FN(Id, module, name, Result, ...) Id,
#include "stdlib.def"
#undef STD_FN
};

}  // namespace

llvm::Value* Emitter::emitStd(const ir::Node& n) {
  std::vector<llvm::Value*> args;
  for (const ir::Node* k : n.kids) {
    GAI_EMIT(arg, *k);
    args.push_back(arg);
  }
  auto str = [&](size_t i, std::vector<llvm::Value*>& out) {
    out.push_back(b_.CreateExtractValue(args[i], 0));
    out.push_back(b_.CreateExtractValue(args[i], 1));
  };
  llvm::Type* i1 = b_.getInt1Ty();
  llvm::Type* i32 = b_.getInt32Ty();
  llvm::Type* i64 = b_.getInt64Ty();
  llvm::Type* f64 = b_.getDoubleTy();
  bool prepared = n.prepared >= 0;
  std::vector<llvm::Value*> a;
  // Status convention: the result through an out-pointer of type `t`.
  auto status = [&](const char* name, llvm::Type* t) -> llvm::Value* {
    llvm::IRBuilder<> entry(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    llvm::Value* out = entry.CreateAlloca(t);
    a.push_back(out);
    checkStd(call(name, i32, a));
    return b_.CreateLoad(t, out);
  };
  switch (static_cast<StdId>(n.index)) {
    case StdId::TextLength: str(0, a); return call("gai_std_text_length", i64, a);
    case StdId::TextLower:
    case StdId::TextUpper: {
      str(0, a);
      a.push_back(fn_->getParent()->getOrInsertFunction("gai_jit_std_alloc", ptrTy(), ptrTy(), i64).getCallee());
      a.push_back(b_.CreateLoad(ptrTy(), at(ctx_, offsetof(NativeCtx, arena))));
      bool lower = static_cast<StdId>(n.index) == StdId::TextLower;
      return status(lower ? "gai_std_text_lower" : "gai_std_text_upper", pairTy());
    }
    case StdId::TextContains: str(0, a), str(1, a); return call("gai_std_text_contains", i1, a);
    case StdId::TextStartsWith: str(0, a), str(1, a); return call("gai_std_text_starts_with", i1, a);
    case StdId::TextEndsWith: str(0, a), str(1, a); return call("gai_std_text_ends_with", i1, a);
    case StdId::TextMatches:
      if (!prepared || static_cast<size_t>(n.prepared) >= ir_.regexes.size()) return unsupported(n);
      str(0, a), a.push_back(constPtr(ir_.regexes[n.prepared]));
      return call("gai_std_text_matches", i1, a);
    case StdId::TextContainsAny:
    case StdId::TextCountTerms: {
      bool any = static_cast<StdId>(n.index) == StdId::TextContainsAny;
      str(0, a);
      if (prepared) {
        if (static_cast<size_t>(n.prepared) >= ir_.terms.size()) return unsupported(n);
        a.push_back(constPtr(ir_.terms[n.prepared]));
        return call(any ? "gai_std_text_contains_any" : "gai_std_text_count_terms", any ? i1 : i64, a);
      }
      if (args.size() < 2) return unsupported(n);
      str(1, a);  // list<string>: (gai_str*, count)
      return call(any ? "gai_std_text_contains_any_list" : "gai_std_text_count_terms_list", any ? i1 : i64, a);
    }
    case StdId::TimeDays: return call("gai_std_time_days", i64, {args[0]});
    case StdId::TimeHours: return call("gai_std_time_hours", i64, {args[0]});
    case StdId::TimeMinutes: return call("gai_std_time_minutes", i64, {args[0]});
    case StdId::TimeDateOf: return call("gai_std_time_date_of", i32, {args[0]});
    case StdId::TimeDateOfOffset: a = {args[0], args[1]}; return status("gai_std_time_date_of_offset", i32);
    case StdId::MathAbsInt: a = {args[0]}; return status("gai_std_math_abs_int", i64);
    case StdId::MathAbsFloat: return call("gai_std_math_abs_float", f64, {args[0]});
    case StdId::MathMinInt: return call("gai_std_math_min_int", i64, {args[0], args[1]});
    case StdId::MathMaxInt: return call("gai_std_math_max_int", i64, {args[0], args[1]});
    case StdId::MathMinFloat: return call("gai_std_math_min_float", f64, {args[0], args[1]});
    case StdId::MathMaxFloat: return call("gai_std_math_max_float", f64, {args[0], args[1]});
  }
  return unsupported(n);
}

std::vector<std::pair<const char*, void*>> stdSymbols() {
#define GAI_SYM(f) {#f, reinterpret_cast<void*>(&f)}
  return {GAI_SYM(gai_std_text_length),      GAI_SYM(gai_std_text_lower),
          GAI_SYM(gai_std_text_upper),       GAI_SYM(gai_std_text_contains),
          GAI_SYM(gai_std_text_starts_with), GAI_SYM(gai_std_text_ends_with),
          GAI_SYM(gai_std_text_matches),     GAI_SYM(gai_std_text_contains_any),
          GAI_SYM(gai_std_text_count_terms), GAI_SYM(gai_std_text_contains_any_list),
          GAI_SYM(gai_std_text_count_terms_list), GAI_SYM(gai_std_time_days),
          GAI_SYM(gai_std_time_hours),       GAI_SYM(gai_std_time_minutes),
          GAI_SYM(gai_std_time_date_of),     GAI_SYM(gai_std_time_date_of_offset),
          GAI_SYM(gai_std_math_abs_int),     GAI_SYM(gai_std_math_abs_float),
          GAI_SYM(gai_std_math_min_int),     GAI_SYM(gai_std_math_max_int),
          GAI_SYM(gai_std_math_min_float),   GAI_SYM(gai_std_math_max_float),
          GAI_SYM(gai_std_error_message)};
#undef GAI_SYM
}

}  // namespace gai::codegen
