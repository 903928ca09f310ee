// Internal: object code for an emitted module, compiled in partitions (jit_compile.cpp).
//
// The module's external functions are split into partitions: the cold code (the
// `optnone` functions of splitColdCode: slots, test expressions, the driver's copies of
// `when`s a decision inlines) and the hot code (decisions, and `when`s the driver calls)
// in up to two groups of about equal size. Each partition is compiled from its own copy
// of the module, in its own LLVMContext (emission is deterministic, so a copy is emitted
// again), in which the other partitions' external functions are only declared and
// internal functions are duplicated where used: the hot partitions are optimised (O2) and
// compiled at CodeGenOptLevel::Default, the cold one is not optimised and is compiled at
// CodeGenOptLevel::None (FastISel and the fast register allocator). The partitions do not
// depend on the number of threads, so neither does the object code (the cache key).
//
// Tier 0 (CompilePlan::optimize false: code usable at once, never cached) compiles the
// module as emitted, in one group per thread (one unless CompilePlan::threads or
// $GAI_JIT_THREADS asks for two), with no IR passes (but switches
// lowered to branches, which FastISel selects) at CodeGenOptLevel::None, slots included:
// the whole library is native from tier 0 on.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class Module;
}

namespace gai::codegen {

struct JitHost;
struct JitStats;

// Emits a fresh copy of the program's module into `m` (the same IR each call).
using EmitCopy = std::function<void(llvm::Module& m)>;

struct CompilePlan {
  bool optimize = true;  // false: tier 0 (no IR passes, CodeGenOptLevel::None everywhere)
  unsigned threads = 0;  // 0: $GAI_JIT_THREADS, else up to 2 as the hardware has them (tier 0: 1)
  // When set, checked between partitions and between optimisation passes: the compile
  // then stops early and fails with kCancelled.
  const std::atomic<bool>* cancel = nullptr;
};
constexpr const char* kCancelled = "jit: compile cancelled";
inline bool cancelled(const CompilePlan& plan) { return plan.cancel && plan.cancel->load(std::memory_order_relaxed); }

// Compiles `main` (emitted by the caller, not yet optimised) and, through `emitCopy`, the
// other partitions' copies as `plan` says; the objects in `objects`. Adds to
// st.optimizeMs and st.codegenMs (summed over partitions) and sets st.compileWallMs. False
// with `error` when a partition failed.
bool compilePartitioned(JitHost& host, std::unique_ptr<llvm::Module> main, const EmitCopy& emitCopy,
                        const CompilePlan& plan, JitStats& st, std::vector<std::string>& objects,
                        std::string& error);

// Makes libLLVM's lazily created statics on this thread (once per process): call before
// starting a thread that compiles (see jit_compile.cpp).
void warmUpCompiler(JitHost& host);

// One cache entry's object bytes for several objects, and back (a lone object is stored
// as it is). unpackObjects is false when `packed` is malformed.
std::string packObjects(const std::vector<std::string>& objects);
bool unpackObjects(const std::string& packed, std::vector<std::string>& objects);

}  // namespace gai::codegen
