// check::Program -> ir::Module: runtime types with layouts, constants bound into the
// layout, prepared keyword sets and regexes, expression IR for fns, rules, exceptions,
// messages, effect arguments and tests, and the static rule table decide() needs.
#pragma once

#include <memory>
#include <string>

#include "ir/ir.h"

namespace gai::check {
class Program;
}

namespace gai::ir {

// The program must have checked without errors. Returns null with `error` set when
// something cannot be lowered (an internal inconsistency; never for a clean program).
std::unique_ptr<Module> lower(const check::Program& program, std::string* error = nullptr);

}  // namespace gai::ir
