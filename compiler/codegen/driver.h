// Internal: the decision driver of the JIT (no LLVM here): the interpreter's driver
// (compiler/interp/eval_rules.cpp) with a WhenHook: effective ranges, exceptions in force,
// exceptions of exceptions, errors; a native `when` and native slots where there are
// some, else the interpreter evaluates them.
#pragma once

#include <vector>

#include "codegen/native.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::codegen {

using NativeSlots = std::vector<std::vector<NativeValue>>;  // per rule and slot; null: interpreter

// The native functions plugged into the interpreter's driver (null entries: the interpreter
// evaluates that `when` or slot). Also usable by other drivers for the slots of fired rules
// (pass it to interp::Evaluator / interp::evaluate as the hook).
class NativeHook final : public interp::WhenHook {
 public:
  NativeHook(const std::vector<NativeWhen>& rules, const std::vector<NativeWhen>& exceptions,
             const NativeSlots& slots)
      : rules_(rules), exceptions_(exceptions), slots_(slots) {}

  int32_t when(bool isException, uint32_t index, const void* entry, int64_t nowMicros, bool hasNow,
               interp::Evaluator& decider, const char*& error) const override;
  int32_t slot(uint32_t rule, uint32_t slot, const void* entry, int64_t nowMicros, bool hasNow,
               interp::Evaluator& decider, void* out, const char*& error) const override;

 private:
  const std::vector<NativeWhen>& rules_;
  const std::vector<NativeWhen>& exceptions_;
  const NativeSlots& slots_;
};

// Runs a NativeValue for a test expression in a fresh evaluation on `scratch` (its `r(x)`
// through `hook`'s native whens); null or the runtime error, like interp::evaluateExpr.
const char* evaluateNative(const ir::Module& module, const NativeHook& hook, NativeValue fn, const void* given,
                           int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch, void* out);

rt::Outcome runDecision(const ir::Module& module, const std::vector<NativeWhen>& rules,
                        const std::vector<NativeWhen>& exceptions, const NativeSlots& slots, uint32_t entry,
                        const void* boundEntry, int64_t nowMicros, const interp::EvalOptions& options,
                        rt::Arena& scratch);

}  // namespace gai::codegen
