// Internal: the calling convention of native `when` functions (shared by emit and driver).
#pragma once

#include <cstdint>

namespace gai::codegen {

// The context a native `when` receives: the error message of a runtime error (written by
// the function), and whether `now` is available (read by it).
struct NativeCtx {
  const char* error;
  int64_t hasNow;
  void* driver;  // the driver evaluating this rule (for rule references)
};

// `r(x)` from native code: 0/1, or 2 with ctx->error (rule r errored). Never throws.
extern "C" int32_t gai_jit_rule_ref(NativeCtx* ctx, uint32_t rule, const void* entry);

// int32 when(const void* entry, int64 now, NativeCtx* ctx): 0 false, 1 true, 2 error.
using NativeWhen = int32_t (*)(const void*, int64_t, NativeCtx*);
constexpr int32_t kNativeError = 2;

}  // namespace gai::codegen
