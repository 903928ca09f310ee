// The JIT's decision: the interpreter's driver (interp/eval_rules.cpp, the one place §5 is
// written) with the native `when` and slot functions plugged in through a WhenHook.
#include "codegen/driver.h"

namespace gai::codegen {

int32_t NativeHook::when(bool isException, uint32_t index, const void* entry, int64_t nowMicros, bool hasNow,
                         interp::Evaluator& decider, const char*& error) const {
  const std::vector<NativeWhen>& fns = isException ? exceptions_ : rules_;
  NativeWhen native = index < fns.size() ? fns[index] : nullptr;
  if (!native) return -1;
  NativeCtx ctx{nullptr, hasNow ? 1 : 0, &decider, &interp::arenaOf(decider)};
  int32_t result = native(entry, nowMicros, &ctx);
  if (result == kNativeError) error = ctx.error;
  return result;
}

int32_t NativeHook::slot(uint32_t rule, uint32_t slot, const void* entry, int64_t nowMicros, bool hasNow,
                         interp::Evaluator& decider, void* out, const char*& error) const {
  if (rule >= slots_.size() || slot >= slots_[rule].size() || !slots_[rule][slot]) return -1;
  NativeCtx ctx{nullptr, hasNow ? 1 : 0, &decider, &interp::arenaOf(decider)};
  int32_t result = slots_[rule][slot](entry, nowMicros, &ctx, out);
  if (result == kNativeError) error = ctx.error;
  return result;
}

extern "C" int32_t gai_jit_rule_ref(NativeCtx* ctx, uint32_t rule, const void* entry) {
  const char* error = nullptr;
  int32_t result = interp::ruleFires(*static_cast<interp::Evaluator*>(ctx->driver), rule, entry, error);
  if (result == kNativeError) ctx->error = error;
  return result;
}

const char* evaluateNative(const ir::Module& module, const NativeHook& hook, NativeValue fn, const void* given,
                           int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch, void* out) {
  return interp::withEvaluation(module, nowMicros, options, scratch, &hook, [&](interp::Evaluator& ev) -> const char* {
    NativeCtx ctx{nullptr, options.hasNow ? 1 : 0, &ev, &scratch};
    if (fn(given, nowMicros, &ctx, out) == 0) return nullptr;
    return ctx.error ? ctx.error : "runtime error";
  });
}

rt::Outcome runDecision(const ir::Module& module, const std::vector<NativeWhen>& rules,
                        const std::vector<NativeWhen>& exceptions, const NativeSlots& slots, uint32_t entry,
                        const void* boundEntry, int64_t nowMicros, const interp::EvalOptions& options,
                        rt::Arena& scratch) {
  NativeHook hook(rules, exceptions, slots);
  return interp::evaluate(module, entry, boundEntry, nowMicros, options, scratch, &hook);
}

}  // namespace gai::codegen
