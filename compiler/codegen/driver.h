// Internal: the decision driver of the JIT (no LLVM here): the interpreter's driver
// (compiler/interp/eval_rules.cpp) with a WhenHook: effective ranges, exceptions in force,
// exceptions of exceptions, errors; a native `when` where there is one, else the
// interpreter evaluates that `when`; slots of fired rules are evaluated by the interpreter.
#pragma once

#include <vector>

#include "codegen/native.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::codegen {

rt::Outcome runDecision(const ir::Module& module, const std::vector<NativeWhen>& rules,
                        const std::vector<NativeWhen>& exceptions, uint32_t entry, const void* boundEntry,
                        int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch);

}  // namespace gai::codegen
