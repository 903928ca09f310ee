// The LLVM 19 JIT over the IR (ir.h): one LLVM module per ir::Module, optimised at O2 and
// compiled by ORC LLJIT. Each rule's and exception's `when` whose operations are all
// lowered becomes a native function; the others run in the interpreter (per rule). Rule
// references, exceptions, effective ranges, slots and the outcome vector follow the
// interpreter's driver (compiler/interp/eval_rules.cpp), so decisions are identical.
//
// No LLVM type appears here (pimpl). Thread-safe once created; never throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/arena.h"
#include "core/decision.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::codegen {

struct Coverage {
  uint32_t nativeRules = 0, totalRules = 0;
  uint32_t nativeExceptions = 0, totalExceptions = 0;
  // Per rule / exception, why it is not native ("" when native): the first op not lowered.
  std::vector<std::string> ruleReasons, exceptionReasons;
};

class JitProgram {
 public:
  // Null with `error` when LLVM cannot set up a JIT for this host. `module` must outlive it.
  static std::unique_ptr<JitProgram> create(const ir::Module& module, std::string& error);
  ~JitProgram();

  const Coverage& coverage() const;

  // Like interp::evaluate, with native `when` functions where available.
  rt::Outcome evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                       const interp::EvalOptions& options, rt::Arena& scratch) const;

  struct Impl;

 private:
  explicit JitProgram(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The LLVM IR text emitted for `module` before optimisation (no target set). It holds no
// process-specific address (see AddressTable in emit.h): two compilations of the same
// source give the same text.
std::string emittedIrText(const ir::Module& module);

}  // namespace gai::codegen
