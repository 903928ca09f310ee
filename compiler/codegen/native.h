// Internal: the calling convention of native functions (shared by emit, driver and
// jit-decide's whole-decision functions).
#pragma once

#include <cstddef>
#include <cstdint>

namespace gai::rt {
class Arena;
}

namespace gai::codegen {

// The context a native function receives. Fields are only ever ADDED at the end (emitted
// code addresses them by offsetof); every field must be set before a call:
// - error:  written by the function on a runtime error (static text, or text in `arena`);
// - hasNow: read (0 in test mode without `now`: reading it is an error);
// - driver: the interp::Evaluator deciding (for rule references; for test expressions a
//           fresh one, interp::withEvaluation). NULL inside a native decision function
//           (codegen/decide.h), whose DecideCtx starts with this struct;
// - arena:  the evaluation arena: values built natively (lists, sets, records, `with`,
//           text.lower/upper) are allocated here, never on the stack; MUST be non-null.
struct NativeCtx {
  const char* error;
  int64_t hasNow;
  void* driver;
  rt::Arena* arena;
};
static_assert(offsetof(NativeCtx, error) == 0 && offsetof(NativeCtx, hasNow) == 8 &&
                  offsetof(NativeCtx, driver) == 16 && offsetof(NativeCtx, arena) == 24,
              "emitted code addresses NativeCtx by these offsets");

// `r(x)` from native code: 0/1, or 2 with ctx->error (rule r errored). Never throws.
extern "C" int32_t gai_jit_rule_ref(NativeCtx* ctx, uint32_t rule, const void* entry);

// int32 when(const void* entry, int64 now, NativeCtx* ctx): 0 false, 1 true, 2 error.
using NativeWhen = int32_t (*)(const void*, int64_t, NativeCtx*);
// int32 value(const void* param, int64 now, NativeCtx* ctx, void* out): 0 with the value
// written to `out` (type->size bytes in the flat layout), or 2 error. Used for slots
// (param = the rule's entry value) and test expressions (param = the test's given).
using NativeValue = int32_t (*)(const void*, int64_t, NativeCtx*, void*);
constexpr int32_t kNativeError = 2;

}  // namespace gai::codegen
