// The reference interpreter: evaluates an ir::Module over one bound entry value and
// produces the outcome vector (runtime/core/decision.h) that decide() turns into a
// Decision. Implements LANGUAGE.md §5: effective ranges at UTC+8, exceptions in force,
// exceptions of exceptions, rule references (memoised per evaluation and entry value),
// runtime errors contained per rule, fail closed/open (in decide), messages and effect
// arguments evaluated only for fired rules.
//
// Thread-safe: a Module is immutable; all evaluation state lives in the call and in
// `scratch` (one arena per thread). Never throws.
#pragma once

#include <cstdint>
#include <functional>

#include "core/arena.h"
#include "core/decision.h"
#include "ir/ir.h"

namespace gai::interp {

struct EvalOptions {
  // False in `gaic test` without `now`: every rule and exception counts as effective and
  // reading `now` is a runtime error.
  bool hasNow = true;
  // The language whose message slots are evaluated for fired rules (decide() must be asked
  // for the same language).
  rt::Lang lang = rt::Lang::En;
  // False: fired rules get no slot values (a verdict never reads them).
  bool slots = true;
};

// The runtime error text for reading `now` without one.
extern const char* const kNoNowError;

class Evaluator;

// Another engine's `when` functions (the JIT's native code), used by evaluate() in place
// of the interpreter where it has one; everything else of §5 stays here, written once.
class WhenHook {
 public:
  virtual ~WhenHook() = default;
  // Decides the `when` of rule (or exception) `index` for `entry`: 0 false, 1 true, 2 a
  // runtime error (with `error` set), or -1 to let the interpreter evaluate it.
  // `decider` is the evaluation in progress, for ruleFires.
  virtual int32_t when(bool isException, uint32_t index, const void* entry, int64_t nowMicros, bool hasNow,
                       Evaluator& decider, const char*& error) const = 0;
  // Evaluates slot `slot` (effect argument or interpolation) of the fired rule `rule` for
  // `entry` into `out` (zeroed, slot type's size and alignment, in the evaluation arena):
  // 0 done, 2 a runtime error (with `error` set), or -1 to let the interpreter do it.
  virtual int32_t slot(uint32_t rule, uint32_t slot, const void* entry, int64_t nowMicros, bool hasNow,
                       Evaluator& decider, void* out, const char*& error) const {
    (void)rule, (void)slot, (void)entry, (void)nowMicros, (void)hasNow, (void)decider, (void)out, (void)error;
    return -1;
  }
};

// The arena of the evaluation in progress (where a hook allocates the values it builds).
rt::Arena& arenaOf(Evaluator& decider);

// Runs `fn` inside a fresh evaluation (like evaluateExpr's), for another engine's code that
// makes rule references through ruleFires; returns what `fn` returns, or "out of memory".
const char* withEvaluation(const ir::Module& module, int64_t nowMicros, const EvalOptions& options,
                           rt::Arena& scratch, const WhenHook* hook,
                           const std::function<const char*(Evaluator&)>& fn);

// `r(x)` for a hook: 0 or 1, or 2 with `error` when rule `rule` errored for `entry`.
// Memoised within the evaluation like the interpreter's own rule references. Never throws.
int32_t ruleFires(Evaluator& decider, uint32_t rule, const void* entry, const char*& error);

// Evaluates every rule and exception whose entry type is `module.entries[entry]` for the
// bound value `boundEntry` (in the flat layout of that type) at `nowMicros` (UTC). Strings
// and slot values in the outcome live in `scratch` (and the module): decide() before
// resetting it.
rt::Outcome evaluate(const ir::Module& module, uint32_t entry, const void* boundEntry, int64_t nowMicros,
                     const EvalOptions& options, rt::Arena& scratch, const WhenHook* hook = nullptr);

// Evaluates one expression of the module (a test's `assert` or `require` argument) in a
// fresh frame of `frameSize` slots where slot `givenSlot` holds `given` (may be null when
// the expression has no locals). On success writes the value (node.type->size bytes in the
// flat layout) to `out` and returns null; otherwise returns the runtime error text.
const char* evaluateExpr(const ir::Module& module, const ir::Node& node, uint32_t frameSize, uint32_t givenSlot,
                         const void* given, int64_t nowMicros, const EvalOptions& options, rt::Arena& scratch,
                         void* out);

}  // namespace gai::interp
