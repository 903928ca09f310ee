// The commands of `gaic`, one file each. A command registers itself as a subcommand; when
// the command line selects it, its runner is stored in `run` and main() calls it after
// parsing. Runners return the process exit code: 0 success, 1 failure, 2 usage error.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace gai::driver {

using Runner = std::function<int()>;

void addCheckCommand(CLI::App& app, Runner& run);
void addDumpCommand(CLI::App& app, Runner& run);
void addFmtCommand(CLI::App& app, Runner& run);
void addTestCommand(CLI::App& app, Runner& run);      // cmd_test.cpp
void addCoverageCommand(CLI::App& app, Runner& run);  // cmd_coverage.cpp
void addEvalCommand(CLI::App& app, Runner& run);

}  // namespace gai::driver
