// The C helpers native code calls (registered as absolute symbols in the JIT): exactly the
// runtime functions the interpreter uses.
#include <cstring>
#include <string>
#include <string_view>

#include "codegen/emit.h"
#include "core/arena.h"
#include "core/builder.h"
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

extern "C" int32_t gai_jit_str_cmp(const char* a, int64_t alen, const char* b, int64_t blen) {
  return rt::stringCompare(alen ? std::string_view(a, static_cast<size_t>(alen)) : std::string_view(),
                           blen ? std::string_view(b, static_cast<size_t>(blen)) : std::string_view());
}

// Zeroed bytes in the evaluation arena, like the interpreter's alloc (null: out of memory).
extern "C" void* gai_jit_alloc(NativeCtx* ctx, int64_t size, int64_t align) {
  if (!ctx->arena) return nullptr;
  return ctx->arena->allocateZeroed(size ? static_cast<size_t>(size) : 1, static_cast<size_t>(align));
}

// The gai_alloc_fn of allocating std functions (the interpreter's stdAlloc).
extern "C" void* gai_jit_std_alloc(void* arena, int64_t size) {
  return arena ? static_cast<rt::Arena*>(arena)->allocate(static_cast<size_t>(size), 1) : nullptr;
}

extern "C" int64_t gai_jit_canonicalize_set(const void* elemType, void* data, int64_t count) {
  return rt::canonicalizeSet(*static_cast<const rt::Type*>(elemType), data, count);
}

extern "C" void gai_jit_apply_defaults(const void* recordType, void* base) {
  rt::applyDefaults(*static_cast<const rt::Type*>(recordType), base);
}

extern "C" int32_t gai_jit_list_has(const void* elemType, const void* data, int64_t count, const void* x) {
  const rt::Type& elem = *static_cast<const rt::Type*>(elemType);
  for (int64_t i = 0; i < count; ++i)
    if (rt::valuesEqual(elem, x, static_cast<const char*>(data) + i * static_cast<int64_t>(elem.size))) return 1;
  return 0;
}

// The interpreter's error for `with` through a none: `path[depth]` of update `update` of
// the With node cannot be set (text in the arena, as the interpreter's).
extern "C" void gai_jit_with_none(NativeCtx* ctx, const void* withNode, int32_t update, int32_t depth) try {
  const ir::WithUpdate& u = static_cast<const ir::Node*>(withNode)->updates[static_cast<size_t>(update)];
  std::string shown;
  for (int32_t j = 0; j < depth; ++j) shown += (j ? "." : "") + u.names[static_cast<size_t>(j)];
  std::string msg = "'" + shown + "' is none, so '" + u.names[static_cast<size_t>(depth)] + "' cannot be set";
  const char* text = ctx->arena ? ctx->arena->copyString(msg) : nullptr;
  ctx->error = text ? text : "a 'with' path goes through none";
} catch (...) {
  ctx->error = "out of memory";
}

std::vector<std::pair<std::string, void*>> helperSymbols() {
#define GAI_SYM(f) {#f, reinterpret_cast<void*>(&f)}
  std::vector<std::pair<std::string, void*>> symbols = {
      GAI_SYM(gai_jit_str_eq), GAI_SYM(gai_jit_values_equal), GAI_SYM(gai_jit_set_has),
      GAI_SYM(gai_jit_rule_ref), GAI_SYM(gai_jit_time_op), GAI_SYM(gai_jit_str_cmp),
      GAI_SYM(gai_jit_alloc), GAI_SYM(gai_jit_std_alloc), GAI_SYM(gai_jit_canonicalize_set),
      GAI_SYM(gai_jit_apply_defaults), GAI_SYM(gai_jit_list_has), GAI_SYM(gai_jit_with_none)};
#undef GAI_SYM
  for (const auto& [name, address] : stdSymbols()) symbols.emplace_back(name, address);
  return symbols;
}

}  // namespace gai::codegen
