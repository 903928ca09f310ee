// gaic: the gai compiler driver. Each command lives in its own cmd_*.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "commands.h"

#ifndef GAI_VERSION
#define GAI_VERSION "0.0.0"
#endif

namespace {

constexpr int kUsageError = 2;
constexpr int kInternalError = 3;

bool isCommand(CLI::App& app, const char* name) {
  try {
    return app.get_subcommand(name) != nullptr;
  } catch (const CLI::Error&) {
    return false;
  }
}

int runGaic(int argc, char** argv) {
  CLI::App app{"gaic: compiler and tools for .gai policies", "gaic"};
  app.set_version_flag("--version", "gaic " GAI_VERSION);
  app.require_subcommand(1);
  gai::driver::Runner run;
#ifdef GAI_HAVE_SYNTAX
  gai::driver::addCheckCommand(app, run);
#endif
#ifdef GAI_HAVE_DUMP
  gai::driver::addDumpCommand(app, run);
#endif
#if defined(GAI_HAVE_SYNTAX) && defined(GAI_HAVE_FORMAT)
  gai::driver::addFmtCommand(app, run);
#endif
#ifdef GAI_HAVE_EVAL
  gai::driver::addEvalCommand(app, run);
#endif
#ifdef GAI_HAVE_TEST
  gai::driver::addTestCommand(app, run);
  gai::driver::addCoverageCommand(app, run);
#endif
  if (argc > 1 && argv[1][0] != '-' && !isCommand(app, argv[1])) {
    std::fprintf(stderr, "gaic: unknown command '%s'\nRun with --help for more information.\n", argv[1]);
    return kUsageError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kUsageError;
  }
  if (!run) return kUsageError;
  return run();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return runGaic(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gaic: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "gaic: internal error\n");
  }
  return kInternalError;
}
