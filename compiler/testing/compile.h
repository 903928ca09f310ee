// Loading a bundle for `gaic test` / `gaic coverage`: like interp::compilePaths, but the
// bundle survives a failed compilation so that its diagnostics can be printed with sources.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "interp/engine.h"

namespace gai::testing {

// Parses, checks and lowers. `out->bundle` is always set (empty when nothing loaded);
// `out->program`/`out->module` are null when there are errors (`error` says which phase).
std::unique_ptr<interp::Compiled> compileForTests(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                                  std::string& error);
std::unique_ptr<interp::Compiled> compileSourcesForTests(std::vector<std::pair<std::string, std::string>> sources,
                                                         DiagnosticSink& diags, std::string& error);

}  // namespace gai::testing
