// The JIT's decision: the interpreter's driver (interp/eval_rules.cpp, the one place §5 is
// written) with the native `when` functions plugged in through a WhenHook.
#include "codegen/driver.h"

namespace gai::codegen {

namespace {

class NativeWhens final : public interp::WhenHook {
 public:
  NativeWhens(const std::vector<NativeWhen>& rules, const std::vector<NativeWhen>& exceptions)
      : rules_(rules), exceptions_(exceptions) {}

  int32_t when(bool isException, uint32_t index, const void* entry, int64_t nowMicros, bool hasNow,
               interp::Evaluator& decider, const char*& error) const override {
    NativeWhen native = isException ? exceptions_[index] : rules_[index];
    if (!native) return -1;
    NativeCtx ctx{nullptr, hasNow ? 1 : 0, &decider};
    int32_t result = native(entry, nowMicros, &ctx);
    if (result == kNativeError) error = ctx.error;
    return result;
  }

 private:
  const std::vector<NativeWhen>& rules_;
  const std::vector<NativeWhen>& exceptions_;
};

}  // namespace

extern "C" int32_t gai_jit_rule_ref(NativeCtx* ctx, uint32_t rule, const void* entry) {
  const char* error = nullptr;
  int32_t result = interp::ruleFires(*static_cast<interp::Evaluator*>(ctx->driver), rule, entry, error);
  if (result == kNativeError) ctx->error = error;
  return result;
}

rt::Outcome runDecision(const ir::Module& module, const std::vector<NativeWhen>& rules,
                        const std::vector<NativeWhen>& exceptions, uint32_t entry, const void* boundEntry,
                        int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch) {
  NativeWhens hook(rules, exceptions);
  return interp::evaluate(module, entry, boundEntry, nowMicros, options, scratch, &hook);
}

}  // namespace gai::codegen
