// Compiling bundles for `gaic test` and `gaic coverage`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "testing/compile.h"

namespace gai::driver {

// Compiles `paths` with their tests; on failure prints the diagnostics (or the error) and
// returns null.
std::unique_ptr<interp::Compiled> compileTestsOrReport(const std::vector<std::string>& paths);

}  // namespace gai::driver
