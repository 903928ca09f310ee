// gaic fmt PATH... [--check] and gaic fmt - (standard input to standard output)
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "files.h"
#include "format/format.h"
#include "report.h"
#include "syntax/parse.h"

namespace gai::driver {

namespace {

struct FmtArgs {
  std::vector<std::string> paths;
  bool check = false;
};

// Formats one source; on a syntax error prints the diagnostics and returns false.
bool formatText(const std::string& path, std::string text, std::string& formatted) {
  SourceManager sources;
  DiagnosticSink diags;
  FileId id = sources.add(path, std::move(text));
  std::unique_ptr<ast::File> file = syntax::parseFile(sources, id, diags);
  if (!diags.hasErrors() && file) formatted = format::formatFile(*file, sources);
  if (!diags.diagnostics().empty()) printDiagnostics(sources, diags, OutputFormat::Text);
  return !diags.hasErrors() && file;
}

int formatStdin() {
  std::string formatted;
  if (!formatText("<stdin>", readStdin(), formatted)) return 1;
  std::fwrite(formatted.data(), 1, formatted.size(), stdout);
  return 0;
}

// Formats one file in place (or, under --check, lists it when it would change).
// Returns false when the file could not be read, parsed or written, or would change.
bool formatPath(const std::string& path, bool check) {
  std::string text, error, formatted;
  if (!readFile(path, text, error)) {
    std::fprintf(stderr, "gaic: cannot read '%s': %s\n", path.c_str(), error.c_str());
    return false;
  }
  if (!formatText(path, text, formatted)) return false;
  if (formatted == text) return true;
  if (check) {
    std::printf("%s\n", path.c_str());
    return false;
  }
  if (!writeFileAtomically(path, formatted, error)) {
    std::fprintf(stderr, "gaic: cannot write '%s': %s\n", path.c_str(), error.c_str());
    return false;
  }
  return true;
}

int runFmt(const FmtArgs& args) {
  bool usesStdin = false;
  for (const std::string& path : args.paths) usesStdin |= path == "-";
  if (usesStdin) {
    if (args.paths.size() == 1 && !args.check) return formatStdin();
    std::fprintf(stderr, "gaic fmt: '-' must be the only path and cannot be used with --check\n");
    return 2;
  }
  bool ok = true;
  for (const std::string& path : args.paths) {
    std::vector<std::string> files;
    std::string error;
    if (!gaiFilesOf(path, files, error)) {
      std::fprintf(stderr, "gaic: cannot read '%s': %s\n", path.c_str(), error.c_str());
      ok = false;
      continue;
    }
    for (const std::string& file : files) ok &= formatPath(file, args.check);
  }
  std::fflush(stdout);
  return ok ? 0 : 1;
}

}  // namespace

void addFmtCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<FmtArgs>();
  CLI::App* cmd = app.add_subcommand("fmt", "Rewrite .gai files in the canonical layout");
  cmd->add_option("paths", args->paths, "Files and directories (recursively), or - for stdin")
      ->required();
  cmd->add_flag("--check", args->check, "Change nothing; list the files that would change");
  cmd->callback([args, &run] { run = [args] { return runFmt(*args); }; });
}

}  // namespace gai::driver
