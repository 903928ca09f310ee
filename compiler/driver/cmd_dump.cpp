// gaic dump ast PATH... [--locations]: the parsed AST as S-expressions, for debugging.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "report.h"
#include "syntax/bundle.h"
#include "syntax/dump.h"

namespace gai::driver {

namespace {

struct DumpArgs {
  std::vector<std::string> paths;
  bool locations = false;
};

// Dumps every file (even partial ones after syntax errors); a `;; path` line heads each
// file when there are several.
int runDumpAst(const DumpArgs& args) {
  DiagnosticSink diags;
  std::unique_ptr<syntax::Bundle> bundle = syntax::loadBundle(args.paths, diags);
  if (!bundle) bundle = std::make_unique<syntax::Bundle>();
  std::string out;
  for (const std::unique_ptr<ast::File>& file : bundle->files) {
    if (!file) continue;
    if (bundle->files.size() > 1 && file->id < bundle->sources.size()) {
      out += ";; " + bundle->sources.file(file->id).path() + "\n";
    }
    out += syntax::dumpAst(*file, args.locations);
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  printDiagnostics(bundle->sources, diags, OutputFormat::Text);
  return diags.hasErrors() ? 1 : 0;
}

}  // namespace

void addDumpCommand(CLI::App& app, Runner& run) {
  CLI::App* dump = app.add_subcommand("dump", "Print internal representations (for debugging)");
  dump->require_subcommand(1);
  auto args = std::make_shared<DumpArgs>();
  CLI::App* ast = dump->add_subcommand("ast", "Print the parsed AST of each file");
  ast->add_option("paths", args->paths, "Files and directories")->required();
  ast->add_flag("--locations", args->locations, "Show each node's byte offset and length");
  ast->callback([args, &run] { run = [args] { return runDumpAst(*args); }; });
}

}  // namespace gai::driver
