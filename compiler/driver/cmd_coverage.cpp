// gaic coverage PATH... [--format text|json]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "compile_tests.h"
#include "testing/coverage.h"

namespace gai::driver {

namespace {

struct CoverageArgs {
  std::vector<std::string> paths;
  std::string format = "text";
};

int runCoverage(const CoverageArgs& args) {
  std::unique_ptr<interp::Compiled> compiled = compileTestsOrReport(args.paths);
  if (!compiled) return 1;
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
