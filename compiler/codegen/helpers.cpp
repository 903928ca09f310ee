// The C helpers native code calls (registered as absolute symbols in the JIT): exactly the
// runtime functions the interpreter uses.
#include <cstring>

#include "codegen/emit.h"
#include "core/layout.h"
#include "core/ops.h"

namespace gai::codegen {

extern "C" int32_t gai_jit_str_eq(const char* a, int64_t alen, const char* b, int64_t blen) {
  if (alen != blen) return 0;
  return alen == 0 || std::memcmp(a, b, static_cast<size_t>(alen)) == 0;
}

// Time arithmetic through the exact ops.h functions: status (0 ok) and the result.
extern "C" int32_t gai_jit_time_op(int32_t op, int64_t a, int64_t b, int64_t* out) {
  int32_t day = 0;
  rt::OpStatus s = rt::OpStatus::Ok;
  switch (static_cast<ir::Op>(op)) {
    case ir::Op::TsAddDur: s = rt::timestampAddDuration(a, b, *out); break;
    case ir::Op::TsSubDur: s = rt::timestampSubDuration(a, b, *out); break;
    case ir::Op::DurAddTs: s = rt::timestampAddDuration(b, a, *out); break;
    case ir::Op::TsDiff: s = rt::timestampDiff(a, b, *out); break;
    case ir::Op::DateAddDur: s = rt::dateAddDuration(static_cast<int32_t>(a), b, day), *out = day; break;
    case ir::Op::DateSubDur: s = rt::dateSubDuration(static_cast<int32_t>(a), b, day), *out = day; break;
    default: s = rt::dateAddDuration(static_cast<int32_t>(b), a, day), *out = day; break;  // DurAddDate
  }
  return static_cast<int32_t>(s);
}

extern "C" int32_t gai_jit_values_equal(const void* type, const void* a, const void* b) {
  return rt::valuesEqual(*static_cast<const rt::Type*>(type), a, b) ? 1 : 0;
}

// Binary search in a canonical slice set, exactly as the interpreter's sliceSetHas.
extern "C" int32_t gai_jit_set_has(const void* elemType, const void* data, int64_t count, const void* x) {
  const rt::Type& elem = *static_cast<const rt::Type*>(elemType);
  if (elem.kind == rt::Kind::Float) {
    double f;
    std::memcpy(&f, x, sizeof f);
    if (f != f) return 0;
  }
  int64_t lo = 0, hi = count;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    int c = rt::compareElements(elem, static_cast<const char*>(data) + mid * static_cast<int64_t>(elem.size), x);
    if (c == 0) return 1;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

std::vector<std::pair<std::string, void*>> helperSymbols() {
#define GAI_SYM(f) {#f, reinterpret_cast<void*>(&f)}
  std::vector<std::pair<std::string, void*>> symbols = {
      GAI_SYM(gai_jit_str_eq), GAI_SYM(gai_jit_values_equal), GAI_SYM(gai_jit_set_has),
      GAI_SYM(gai_jit_rule_ref), GAI_SYM(gai_jit_time_op)};
#undef GAI_SYM
  for (const auto& [name, address] : stdSymbols()) symbols.emplace_back(name, address);
  return symbols;
}

}  // namespace gai::codegen
