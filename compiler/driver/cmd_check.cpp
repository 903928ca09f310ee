// gaic check PATH... [--format text|json|sarif] [--strict] [--max-source-bytes N] [--max-bundle-bytes N]
//                     [--max-nesting N] [--max-declarations N]
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "limit_options.h"
#include "report.h"
#include "syntax/bundle.h"
#ifdef GAI_HAVE_CHECK
#include "check/check.h"
#include "check/program.h"
#endif

namespace gai::driver {

namespace {

struct CheckArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  bool strict = false;
  syntax::ParseLimits limits;
};

int runCheck(const CheckArgs& args) {
  DiagnosticSink diags;
  diags.setStrict(args.strict);
  std::unique_ptr<syntax::Bundle> bundle = syntax::loadBundle(args.paths, diags, args.limits);
  if (!bundle) bundle = std::make_unique<syntax::Bundle>();
#ifdef GAI_HAVE_CHECK
  // Checking a bundle with syntax errors would only add noise about the broken parts.
  if (!diags.hasErrors()) {
    check::CheckOptions options;
    options.strict = args.strict;
    std::unique_ptr<check::Program> program = check::checkBundle(*bundle, diags, options);
  }
#endif
  printDiagnostics(bundle->sources, diags, outputFormatNamed(args.format));
  return diags.hasErrors() ? 1 : 0;
}

}  // namespace

void addCheckCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Parse and check a bundle of .gai files");
  cmd->add_option("paths", args->paths, "Files and directories forming one program")->required();
  cmd->add_option("--format", args->format, "Diagnostics format")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Rules without cites and free-text citations are errors");
  addSourceLimitOptions(*cmd, args->limits);
  cmd->callback([args, &run] { run = [args] { return runCheck(*args); }; });
}

}  // namespace gai::driver
