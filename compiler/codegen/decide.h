// Native decisions: one function per entry type that runs every rule and exception of that
// type as LANGUAGE.md §5 says (the interpreter's driver, compiler/interp/eval_rules.cpp, is
// the reference it is tested against) and writes compact states, no allocation, no
// virtual call. An entry type gets one only when all its rules and the exceptions they
// can reach are native; the others keep the interpreter's driver with native `when`s.
//
// No LLVM type appears here (engine_jit.cpp includes it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/native.h"
#include "core/arena.h"
#include "core/decision.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::codegen {

// The states of one native decision, indexed like the module's rules and exceptions
// (only the decided entry type's rules, and the exceptions they reached, are written).
// Sized once by sizeFor() and reused: deciding allocates nothing.
struct DecisionStates {
  static constexpr uint8_t kNotDone = 0xFF;  // an exception never evaluated
  std::vector<uint8_t> rules;                // rt::RuleState
  std::vector<uint8_t> exceptions;           // rt::ExceptionState or kNotDone
  std::vector<uint32_t> exceptedBy;          // Excepted rules: the exception
  std::vector<const char*> ruleErrors, exceptionErrors;  // Errored: the message

  void sizeFor(const ir::Module& module);
};

// Bits of what a native decision returns.
constexpr int32_t kDecideDenyFired = 1;    // a fired rule has `deny`
constexpr int32_t kDecideDenyErrored = 2;  // an errored rule has `deny` (denies when failing closed)

// What a native decision function receives. Native `when`s see it as their NativeCtx;
// `base.driver` is null (a decision of the interpreter's driver sets it), which is how a
// rule reference knows it can answer from these states.
struct DecideCtx {
  NativeCtx base;
  const void* entry;  // the decided value
  int64_t now;
  uint32_t entryIndex;
  uint32_t slowMade;  // set when slowRef made the interpreter's driver (dropped after the decision)
  uint8_t* ruleStates;
  uint8_t* exceptionStates;
  uint32_t* exceptedBy;
  const char** ruleErrors;
  const char** exceptionErrors;
  // `r(x)` for another value or entry type: the interpreter's driver (lazily made).
  int32_t (*slowRef)(DecideCtx* ctx, uint32_t rule, const void* x);
  void* slowState;
  // Written by the decision: bit k set when the k-th rule of the entry type (rulesOf,
  // k < 64) fired; how many rules were excepted; how many rules and reached exceptions
  // errored. Branch-free, so a verdict needs no per-rule branch.
  uint64_t firedMask;
  uint32_t excepted;
  uint32_t errors;
};

// int32 decide(const void* entry, int64 now, DecideCtx* ctx): kDecide* bits.
using NativeDecide = int32_t (*)(const void*, int64_t, DecideCtx*);

// One call of a prepared decision function on `value` with `ctx` (its per-call fields set
// first). A call that set ctx.slowMade must be followed by Runner::dropSlow().
inline int32_t callDecide(NativeDecide fn, DecideCtx& ctx, const void* value, int64_t nowMicros) {
  ctx.base.error = nullptr;
  ctx.entry = value;
  ctx.now = nowMicros;
  return fn(value, nowMicros, &ctx);
}

// The native decision functions of a JIT program, resolved after linking.
class Decisions {
 public:
  // verdictFns[e]: the verdict function of entry type e (verdictSymbol), or null.
  Decisions(const ir::Module& module, const std::vector<NativeWhen>& rules, const std::vector<NativeWhen>& exceptions,
            std::vector<NativeDecide> fns, std::vector<NativeDecide> verdictFns = {});

  // Whether entry type `entry` has a native decision function.
  bool has(uint32_t entry) const { return entry < fns_.size() && fns_[entry]; }
  // The rules of entry type `entry`, ascending.
  const std::vector<uint32_t>& rulesOf(uint32_t entry) const { return rulesOf_[entry]; }
  // The exceptions a decision of `entry` may evaluate (reachable from its rules), ascending.
  const std::vector<uint32_t>& exceptionsOf(uint32_t entry) const { return exceptionsOf_[entry]; }

  // Runs the native decision (has(entry) must hold): kDecide* bits; `states` sized for the
  // module. `scratch` serves only `r(x)` on a value other than the decided one.
  int32_t decide(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, DecisionStates& states,
                 rt::Arena& scratch) const;
  // The same, also giving the summary fields of DecideCtx (firedMask, excepted, errors).
  struct Summary {
    uint64_t firedMask = 0;
    uint32_t excepted = 0, errors = 0;
  };
  int32_t decide(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, DecisionStates& states,
                 rt::Arena& scratch, Summary& summary) const;

  // Reusable per-thread state of native decisions: the states and a context prepared once,
  // so that run() only sets the value, the instant and the entry type (the hot path).
  class Runner {
   public:
    explicit Runner(const Decisions& decisions);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;
    // As decide() (has(entry) must hold); the summary is then in ctx().
    int32_t run(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, rt::Arena& scratch);
    // run() split for a hot loop: prepare() once for the entry type (has(entry) must hold)
    // and the scratch arena, then next() per value of that type with its function.
    NativeDecide prepare(uint32_t entry, bool hasNow, rt::Arena& scratch);
    // prepare() for verdicts: the entry type's verdict function when it has one (it
    // returns the bits and writes the summary, not the states), else its decision.
    NativeDecide prepareVerdict(uint32_t entry, bool hasNow, rt::Arena& scratch);
    int32_t next(NativeDecide fn, const void* value, int64_t nowMicros) {
      int32_t bits = callDecide(fn, ctx_, value, nowMicros);
      if (ctx_.slowMade) dropSlow();  // the driver's memo belongs to this decision
      return bits;
    }
    const DecisionStates& states() const { return states_; }
    const DecideCtx& ctx() const { return ctx_; }
    // What next() does after a call that set ctx().slowMade, for callers that call the
    // prepared function themselves (runtime/api's direct verdict).
    void dropSlow();

    struct Slow;

   private:

    const Decisions& decisions_;
    DecisionStates states_;
    DecideCtx ctx_{};
    std::unique_ptr<Slow> slow_;
  };

  // The interpreter's outcome from a native decision (slots of fired rules evaluated by
  // the interpreter, as interp::evaluate does).
  rt::Outcome evaluate(uint32_t entry, const void* value, int64_t nowMicros, const interp::EvalOptions& options,
                       rt::Arena& scratch) const;

  const ir::Module& module() const { return module_; }

  // The hook that evaluates the slots of fired rules in evaluate() (native slots, see
  // driver.h NativeHook; jit-lower); null: the interpreter. Must outlive this.
  void setSlotHook(const interp::WhenHook* hook) { slotHook_ = hook; }

 private:
  const interp::WhenHook* slotHook_ = nullptr;
  const ir::Module& module_;
  const std::vector<NativeWhen>& rules_;
  const std::vector<NativeWhen>& exceptions_;
  std::vector<NativeDecide> fns_, verdictFns_;
  std::vector<std::vector<uint32_t>> rulesOf_, exceptionsOf_;
};

// The symbol of entry type `entry`'s decision function.
std::string decideSymbol(uint32_t entry);
// The symbol of its verdict function: the decision's bits and summary without states,
// emitted when no rule of the type has exceptions or is referenced (at most 64 rules).
std::string verdictSymbol(uint32_t entry);

}  // namespace gai::codegen
