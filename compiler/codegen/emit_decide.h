// Internal: emission and resolution of the native decision functions (decide.h). jit.cpp
// calls emitDecisions after emitting the `when`s (before optimising) and resolveDecisions
// after linking.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "codegen/decide.h"

namespace llvm {
class Module;
namespace orc {
class JITDylib;
class LLJIT;
}
}  // namespace llvm

namespace gai::codegen {

// Emits `gai_decide_<e>` for every entry type whose rules and reachable exceptions are all
// native (`ruleFns`/`exceptionFns`: the `when` function names, "" when not native), and
// points every native `r(x)` at a per-rule function that answers from the decision's
// states (or, inside the interpreter's driver, calls gai_jit_rule_ref as before).
// Returns per entry type the decision symbol, "" for none. Adds no absolute address.
std::vector<std::string> emitDecisions(const ir::Module& ir, llvm::Module& module,
                                       const std::vector<std::string>& ruleFns,
                                       const std::vector<std::string>& exceptionFns);

// Looks the decision functions up in the program's JITDylib (jit.cpp: one per program).
// Never null: a symbol that is not found (with `error` set) leaves that entry type to the
// interpreter's driver.
std::unique_ptr<Decisions> resolveDecisions(llvm::orc::LLJIT& jit, llvm::orc::JITDylib& dylib, const ir::Module& ir,
                                            const std::vector<NativeWhen>& rules,
                                            const std::vector<NativeWhen>& exceptions,
                                            const std::vector<std::string>& symbols, std::string& error);

}  // namespace gai::codegen
