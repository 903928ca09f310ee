// Internal: the process-wide ORC LLJIT every JitProgram links into (one JITDylib per
// program), created once: LLJIT and target set-up cost tens of milliseconds, which a
// program loaded from the object cache should not pay again.
#pragma once

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>

#include <atomic>
#include <string>

namespace gai::codegen {

struct JitHost {
  std::unique_ptr<llvm::orc::LLJIT> jit;  // its main JITDylib holds the helpers and libc
  llvm::orc::JITTargetMachineBuilder machine;
  // Everything besides the IR that shapes object code: gai and LLVM versions, triple, CPU
  // name and features, optimisation and code generation options (part of the cache key).
  std::string keyPrefix;
  explicit JitHost(llvm::orc::JITTargetMachineBuilder m) : machine(std::move(m)) {}
};

// The host (never destroyed), or null with `error` when LLVM cannot JIT here. `setupMs` is
// the time this call spent creating it (0 once created).
JitHost* jitHost(std::string& error, double& setupMs);

// Splits the code native decisions run (`gai_decide_<e>` and the `when`s they inline, and
// `when`s the driver calls) from cold code (slots, test expressions, and the external
// copies of `when`s a decision function already inlines, which only the interpreter's
// driver calls on slow paths): a decision calls an internal copy of its `when`, cold
// functions are marked `optnone` (isCold), compiled without optimisation.
void splitColdCode(llvm::Module& m);
bool isCold(const llvm::Function& f);

// Optimises the hot code of a split module for the host (a lean O2: kHotPipeline in
// jit_host.cpp; the optimiser skips `optnone` functions). With $GAI_JIT_TIME_PASSES set,
// prints the time of every pass to stderr. Deterministic: the same module gives the same
// object code. False with `error` if the pipeline does not parse (a bug). With `cancel`
// set, the passes after it is raised are skipped (the module is then left unfinished).
bool optimizeModule(llvm::Module& m, llvm::TargetMachine& tm, std::string& error,
                    const std::atomic<bool>* cancel = nullptr);

}  // namespace gai::codegen
