#include "compile_tests.h"

#include <cstdio>

#include "report.h"
#include "syntax/bundle.h"

namespace gai::driver {

std::unique_ptr<interp::Compiled> compileTestsOrReport(const std::vector<std::string>& paths) {
  DiagnosticSink diags;
  std::string error;
  std::unique_ptr<interp::Compiled> compiled = testing::compileForTests(paths, diags, error);
  if (compiled->module) return compiled;
  printDiagnostics(compiled->bundle->sources, diags, OutputFormat::Text);
  if (!diags.hasErrors()) std::fprintf(stderr, "gaic: %s\n", error.c_str());
  return nullptr;
}

}  // namespace gai::driver
