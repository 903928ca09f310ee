// The seam between the API and the engines: an engine only computes the outcome vector of
// one entry value (DESIGN.md principle 1); everything after it is rt::decide.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/arena.h"
#include "core/decision.h"
#include "gai/gai.hpp"

namespace gai::ir {
class Module;
}
namespace gai::codegen {
struct DecideCtx;
}

namespace gai::api {

// What a verdict needs of one decision (gai::Verdict before the effect is chosen).
struct Verdict {
  bool denyFired = false;    // a fired rule has `deny`
  bool denyErrored = false;  // an errored rule has `deny`
  uint32_t excepted = 0;
  uint32_t errors = 0;                     // errored rules and exceptions
  std::vector<uint32_t>* fired = nullptr;  // appended: fired rules, ascending
};

// Verdicts with no virtual call (the JIT's native decision of one entry type).
// one(self, value, options, out) decides one bound record of that type into `out`
// (effect, firedSet, fired unless options.firedList is false, excepted, errors; error
// cleared); run(self, first, stride, count, options, out) decides the `count` records at
// first, first + stride, ... into out[0..count) in one loop and returns how many are ok.
// Only options.nowMicros, failOpen and firedList are read. Neither throws (out of memory
// growing a fired vector is that verdict's error). Valid while the evaluator lives;
// scratch memory goes to the arena it was made for, rewound between records that used it.
struct VerdictKernel {
  bool (*one)(void* self, const void* value, const gai::EvalOptions& options, gai::Verdict& out) = nullptr;
  size_t (*run)(void* self, const char* first, size_t stride, size_t count, const gai::EvalOptions& options,
                gai::Verdict* out) = nullptr;
  void* self = nullptr;
};

// An entry type's native verdict for Session::verdict to call itself (no virtual call, no
// kernel layer), as codegen::Decisions::Runner::next does: with ctx->base.error null and
// ctx->entry, ctx->now set, fn(value, now, ctx) returns the kDecide bits (1: a fired rule
// denies, 2: an errored rule denies) and leaves the summary in ctx (firedMask: bit k for
// rules[k], excepted, errors); dropSlow(self) follows a call that set ctx->slowMade.
// Scratch memory goes to the arena it was made for (the caller rewinds it). Valid while
// the evaluator lives and generation->load() == madeAt (a tiered JIT moves the generation
// when it publishes new code: the caller then asks again).
struct DirectVerdict {
  int32_t (*fn)(const void* value, int64_t now, codegen::DecideCtx* ctx) = nullptr;  // null: none
  codegen::DecideCtx* ctx = nullptr;
  void (*dropSlow)(void* self) = nullptr;
  void* self = nullptr;
  const uint32_t* rules = nullptr;
  const std::atomic<uint64_t>* generation = nullptr;
  uint64_t madeAt = 0;
};

// The effect of a native decision's bits (codegen/decide.h kDecideDenyFired = 1,
// kDecideDenyErrored = 2), without a branch: whether a verdict denies is data, not
// predictable control flow.
inline gai::Effect effectOfDecideBits(int32_t bits, bool failOpen) {
  static_assert(static_cast<int>(gai::Effect::Deny) == 1 && static_cast<int>(gai::Effect::Allow) == 0, "values");
  auto u = static_cast<uint32_t>(bits);
  return static_cast<gai::Effect>((u | ((u >> 1) & uint32_t(!failOpen))) & 1);
}

// `v` (fired list left empty) from a native decision's bits and the summary it left in its
// context (a codegen::DecideCtx: firedMask over `rules`, excepted, errors).
template <typename Summary>
__attribute__((always_inline)) inline void summaryVerdict(int32_t bits, bool failOpen, const Summary& summary,
                                                          const uint32_t* rules, gai::Verdict& v) {
  v.effect = effectOfDecideBits(bits, failOpen);
  v.fired.clear();
  if (!v.error.empty()) v.error.clear();
  v.firedSet = gai::FiredSet(summary.firedMask, rules);
  v.excepted = summary.excepted;
  v.errors = summary.errors;
}

// Per-thread evaluation state of an engine (frames, memo tables).
class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Fills `outcome` (already reset for the module's table) for `value`, a bound record of
  // entry type `entry`. Slot values and error strings may live in `arena` or in the
  // evaluator until the next call. False with `error` on an engine failure (not a rule's
  // runtime error, which is part of the outcome).
  virtual bool evaluate(uint32_t entry, const void* value, int64_t nowMicros, rt::Lang lang,
                        rt::Arena& arena, rt::Outcome& outcome, std::string& error) = 0;
  // The verdict kernel of `entry` (the engine's fast path, e.g. the JIT's native decision)
  // with scratch memory in `arena` (which must outlive it); run null when this engine has
  // none (the caller then reduces evaluateForVerdict()'s outcome).
  virtual VerdictKernel verdictKernel(uint32_t /*entry*/, rt::Arena& /*arena*/) { return {}; }
  // The direct verdict of `entry` (entry types of at most 64 rules with a native decision)
  // with scratch memory in `arena`; decide null when there is none. Replaces what an
  // earlier verdictKernel() or directVerdict() prepared.
  virtual DirectVerdict directVerdict(uint32_t /*entry*/, rt::Arena& /*arena*/) { return {}; }
  // evaluate() for a verdict: fired rules need no slot values.
  virtual bool evaluateForVerdict(uint32_t entry, const void* value, int64_t nowMicros, rt::Arena& arena,
                                  rt::Outcome& outcome, std::string& error) {
    return evaluate(entry, value, nowMicros, rt::Lang::En, arena, outcome, error);
  }
};

// An engine's immutable, shareable form of a module.
class EngineProgram {
 public:
  virtual ~EngineProgram() = default;
  virtual std::unique_ptr<Evaluator> newEvaluator() const = 0;
  // Blocks until optimised code is live (a tiered JIT); true when it is (or nothing to wait for).
  virtual bool waitOptimized() const { return true; }
};

// The reference interpreter over `module` (which must outlive the result); null with
// `error` when this build has no interpreter.
std::unique_ptr<EngineProgram> makeInterpProgram(const ir::Module& module, std::string& error);

// The LLVM JIT over `module` (which must outlive the result), built when GAI_WITH_JIT;
// object code cached in `cacheDir` ("" none); null with `error` when LLVM cannot set up a
// JIT here.
std::unique_ptr<EngineProgram> makeJitProgram(const ir::Module& module, const std::string& cacheDir,
                                              std::string& error);
// codegen::cacheDefaultDir() (engine_jit.cpp).
std::string defaultJitCacheDir();

}  // namespace gai::api
