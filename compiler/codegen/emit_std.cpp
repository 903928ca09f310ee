// std calls from native code: the same C symbols the interpreter calls (stdlib/std.h),
// strings as (ptr, i64), prepared terms/regexes as constant addresses. Only functions that
// neither fail nor allocate are lowered so far; the others fall back to the interpreter.
#include <llvm/IR/Module.h>

#include "codegen/emit.h"
#include "std.h"

namespace gai::codegen {

namespace {

enum class StdId : uint32_t {
#define STD_FN(Id, module, name, Result, ...) Id,
#include "stdlib.def"
#undef STD_FN
};

llvm::Value* call(llvm::IRBuilder<>& b, const char* name, llvm::Type* result, std::vector<llvm::Value*> args) {
  std::vector<llvm::Type*> types;
  for (llvm::Value* a : args) types.push_back(a->getType());
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::FunctionCallee fn = m.getOrInsertFunction(name, llvm::FunctionType::get(result, types, false));
  return b.CreateCall(fn, args);
}

}  // namespace

llvm::Value* emitStdCall(llvm::IRBuilder<>& b, const ir::Module& ir, const ir::Node& n,
                         const std::vector<llvm::Value*>& args, AddressTable& addrs) {
  auto str = [&](size_t i, std::vector<llvm::Value*>& out) {
    out.push_back(b.CreateExtractValue(args[i], 0));
    out.push_back(b.CreateExtractValue(args[i], 1));
  };
  llvm::Type* i1 = b.getInt1Ty();
  llvm::Type* i64 = b.getInt64Ty();
  std::vector<llvm::Value*> a;
  switch (static_cast<StdId>(n.index)) {
    case StdId::TextLength: str(0, a); return call(b, "gai_std_text_length", i64, a);
    case StdId::TextContains: str(0, a), str(1, a); return call(b, "gai_std_text_contains", i1, a);
    case StdId::TextStartsWith: str(0, a), str(1, a); return call(b, "gai_std_text_starts_with", i1, a);
    case StdId::TextEndsWith: str(0, a), str(1, a); return call(b, "gai_std_text_ends_with", i1, a);
    case StdId::TextMatches:
      if (n.prepared < 0 || static_cast<size_t>(n.prepared) >= ir.regexes.size()) return nullptr;
      str(0, a), a.push_back(addrs.get(ir.regexes[n.prepared]));
      return call(b, "gai_std_text_matches", i1, a);
    case StdId::TextContainsAny:
    case StdId::TextCountTerms: {
      if (n.prepared < 0 || static_cast<size_t>(n.prepared) >= ir.terms.size()) return nullptr;
      str(0, a), a.push_back(addrs.get(ir.terms[n.prepared]));
      bool any = static_cast<StdId>(n.index) == StdId::TextContainsAny;
      return call(b, any ? "gai_std_text_contains_any" : "gai_std_text_count_terms", any ? i1 : i64, a);
    }
    case StdId::TimeDays: return call(b, "gai_std_time_days", i64, {args[0]});
    case StdId::TimeHours: return call(b, "gai_std_time_hours", i64, {args[0]});
    case StdId::TimeMinutes: return call(b, "gai_std_time_minutes", i64, {args[0]});
    case StdId::TimeDateOf: return call(b, "gai_std_time_date_of", b.getInt32Ty(), {args[0]});
    case StdId::MathAbsFloat: return call(b, "gai_std_math_abs_float", b.getDoubleTy(), {args[0]});
    case StdId::MathMinInt: return call(b, "gai_std_math_min_int", i64, {args[0], args[1]});
    case StdId::MathMaxInt: return call(b, "gai_std_math_max_int", i64, {args[0], args[1]});
    case StdId::MathMinFloat: return call(b, "gai_std_math_min_float", b.getDoubleTy(), {args[0], args[1]});
    case StdId::MathMaxFloat: return call(b, "gai_std_math_max_float", b.getDoubleTy(), {args[0], args[1]});
    default: return nullptr;
  }
}

std::vector<std::pair<const char*, void*>> stdSymbols() {
#define GAI_SYM(f) {#f, reinterpret_cast<void*>(&f)}
  return {GAI_SYM(gai_std_text_length),       GAI_SYM(gai_std_text_contains),  GAI_SYM(gai_std_text_starts_with),
          GAI_SYM(gai_std_text_ends_with),    GAI_SYM(gai_std_text_matches),   GAI_SYM(gai_std_text_contains_any),
          GAI_SYM(gai_std_text_count_terms),  GAI_SYM(gai_std_time_days),      GAI_SYM(gai_std_time_hours),
          GAI_SYM(gai_std_time_minutes),      GAI_SYM(gai_std_time_date_of),   GAI_SYM(gai_std_math_abs_float),
          GAI_SYM(gai_std_math_min_int),      GAI_SYM(gai_std_math_max_int),   GAI_SYM(gai_std_math_min_float),
          GAI_SYM(gai_std_math_max_float)};
#undef GAI_SYM
}

}  // namespace gai::codegen
