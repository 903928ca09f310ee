// The LLVM 19 JIT over the IR (ir.h): one LLVM module per ir::Module, optimised at O2 and
// compiled by ORC LLJIT. Each rule's and exception's `when` whose operations are all
// lowered becomes a native function; the others run in the interpreter (per rule). Rule
// references, exceptions, effective ranges, slots and the outcome vector follow the
// interpreter's driver (compiler/interp/eval_rules.cpp), so decisions are identical.
//
// No LLVM type appears here (pimpl). Thread-safe once created; never throws.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/arena.h"
#include "core/decision.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::codegen {

class Decisions;  // decide.h

struct Coverage {
  uint32_t nativeRules = 0, totalRules = 0;
  uint32_t nativeExceptions = 0, totalExceptions = 0;
  // Per rule / exception, why it is not native ("" when native): the first op not lowered.
  std::vector<std::string> ruleReasons, exceptionReasons;
  // Slots of rules (effect arguments, message interpolations): per rule the first op not
  // lowered in any of its slots ("" when all are native).
  uint32_t nativeSlots = 0, totalSlots = 0;
  std::vector<std::string> slotReasons;
  // Test `assert`s and `require` arguments (only with JitOptions::tests).
  uint32_t nativeExprs = 0, totalExprs = 0;
};

struct JitOptions {
  // The on-disk object cache (compiler/codegen/README.md); "" = none. The public API
  // defaults it from $GAI_CACHE_DIR / $XDG_CACHE_HOME / $HOME (cacheDefaultDir()).
  std::string cacheDir;
  bool memoryCache = true;  // reuse object code compiled earlier in this process
  // Also compile the module's test expressions (`assert`s, `require` arguments) for
  // evaluateExpr (`gaic test --engine jit`).
  bool tests = false;
  // Threads compiling the module's partitions on a cache miss (0: $GAI_JIT_THREADS, else
  // up to 2 as the hardware has them; tier 0: 1). The optimised object code does not
  // depend on it. A background tier 1 always takes one thread.
  unsigned compileThreads = 0;
  // How a cache miss is compiled (README.md "Tiers"). $GAI_JIT_TIERED overrides Tiered:
  // "0" gives Optimized, "tier0" Unoptimized.
  enum class Tiering : uint8_t {
    Tiered,       // tier 0 (unoptimised, usable at once) by create(); tier 1 (optimised)
                  // on one background thread, then swapped in (generation())
    Optimized,    // tier 1 only, compiled by create()
    Unoptimized,  // tier 0 only (tests): never optimised, never cached
  };
  Tiering tiering = Tiering::Optimized;
};

// Where a program's object code came from, and where the time of create() went.
enum class CacheUse : uint8_t { None, Memory, Disk };
struct JitStats {
  CacheUse hit = CacheUse::None;  // None: optimised and compiled by this create()
  bool stored = false;            // written to the disk cache
  bool processSpecific = false;   // the code holds this process's addresses: never cached
  bool emittedIr = false;         // LLVM IR was emitted (false on a cache hit)
  std::string key;                // the cache key (hex)
  std::string note;               // why the disk cache was skipped or missed ("" if not)
  double setupMs = 0;             // the process-wide LLJIT (first program only)
  double emitMs = 0, keyMs = 0, loadMs = 0, optimizeMs = 0, codegenMs = 0, storeMs = 0, linkMs = 0;
  double totalMs = 0;
  // A compile (not a cache hit): the partitions compiled (jit_compile.h), and the wall time
  // of compiling them (optimizeMs and codegenMs are summed over partitions and threads).
  uint32_t partitions = 0;
  double compileWallMs = 0;
  // Tiers (JitOptions::Tiering): the live tier (1: optimised, also on a cache hit), the
  // wall and process CPU time create() took to usable native code (tier 0, or tier 1 when
  // not tiered), and a background tier 1's wall and CPU time (from its start to its code
  // being live).
  uint8_t tier = 1;
  bool tiered = false;  // tier 1 was or is being compiled in the background
  double tier0Ms = 0, tier0CpuMs = 0, tier1Ms = 0, tier1CpuMs = 0;
  std::string tier1Error;  // why a background tier 1 did not go live ("" if it did or runs)
};

// $GAI_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/gai, else $HOME/.cache/gai.
std::string cacheDefaultDir();

class JitProgram {
 public:
  // Null with `error` when LLVM cannot set up a JIT for this host. `module` must outlive it.
  static std::unique_ptr<JitProgram> create(const ir::Module& module, std::string& error,
                                            const JitOptions& options = {});
  ~JitProgram();

  const Coverage& coverage() const;
  JitStats stats() const;  // a copy: a background tier 1 updates it

  // Bumped (release) when the optimised tier goes live; an evaluator that prepared
  // decisions() re-reads them when it changes (one acquire load on its hot path). The
  // earlier tier's code stays valid until the program is destroyed.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  const std::atomic<uint64_t>& generationCounter() const { return generation_; }
  // Blocks until no background compile runs; whether the optimised tier is live.
  bool waitOptimized() const;

  // Like interp::evaluate, with native `when` functions where available.
  rt::Outcome evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                       const interp::EvalOptions& options, rt::Arena& scratch) const;
  // Like interp::evaluateExpr (a test's `assert` or `require` argument): natively when the
  // program was created with JitOptions::tests and the expression is lowered.
  const char* evaluateExpr(const ir::Node& node, uint32_t frameSize, uint32_t givenSlot, const void* given,
                           int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch,
                           void* out) const;
  // The live tier's native decision functions per entry type (decide.h); null when none
  // were made.
  const Decisions* decisions() const;

  struct Impl;

 private:
  explicit JitProgram(std::unique_ptr<Impl> impl);
  void startTier1();
  void compileTier1();  // the background thread's work
  std::unique_ptr<Impl> impl_;
  std::atomic<uint64_t> generation_{0};
};

// The LLVM IR text emitted for `module` before optimisation (no target set). It holds no
// process-specific address (see AddressTable in emit.h): two compilations of the same
// source give the same text.
std::string emittedIrText(const ir::Module& module);

}  // namespace gai::codegen
