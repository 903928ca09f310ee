// gaic coverage PATH... [--format text|json]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "report.h"
#include "syntax/bundle.h"
#include "testing/compile.h"
#include "testing/coverage.h"

namespace gai::driver {

namespace {

struct CoverageArgs {
  std::vector<std::string> paths;
  std::string format = "text";
};

int runCoverage(const CoverageArgs& args) {
  DiagnosticSink diags;
  std::string error;
  std::unique_ptr<interp::Compiled> compiled = testing::compileForTests(args.paths, diags, error);
  if (!compiled->module) {
    printDiagnostics(compiled->bundle->sources, diags, OutputFormat::Text);
    if (!diags.hasErrors()) std::fprintf(stderr, "gaic: %s\n", error.c_str());
    return 1;
  }
  testing::RunResult run = testing::runTests(*compiled);
  testing::Coverage coverage = testing::computeCoverage(*compiled, run);
  std::string out = args.format == "json" ? testing::coverageJson(coverage) : testing::coverageText(coverage);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void addCoverageCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<CoverageArgs>();
  CLI::App* cmd = app.add_subcommand("coverage", "Which articles the rules cite and which tests exercise them");
  cmd->add_option("paths", args->paths, "Files and directories forming one program")->required();
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([args, &run] { run = [args] { return runCoverage(*args); }; });
}

}  // namespace gai::driver
