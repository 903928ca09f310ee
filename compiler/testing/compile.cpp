#include "testing/compile.h"

#include "check/check.h"
#include "check/program.h"
#include "ir/lower.h"
#include "syntax/bundle.h"
#include "syntax/parse.h"

namespace gai::testing {

namespace {
std::unique_ptr<interp::Compiled> finish(std::unique_ptr<syntax::Bundle> bundle, DiagnosticSink& diags,
                                         std::string& error) {
  auto out = std::make_unique<interp::Compiled>();
  out->bundle = bundle ? std::move(bundle) : std::make_unique<syntax::Bundle>();
  if (diags.hasErrors()) {
    error = "syntax errors";
    return out;
  }
  std::unique_ptr<check::Program> program = check::checkBundle(*out->bundle, diags);
  if (!program || diags.hasErrors()) {
    error = "check errors";
    return out;
  }
  std::string lowerError;
  std::unique_ptr<ir::Module> module = ir::lower(*program, &lowerError);
  if (!module) {
    error = "lowering failed: " + lowerError;
    return out;
  }
  out->program = std::move(program);
  out->module = std::move(module);
  return out;
}
}  // namespace

std::unique_ptr<interp::Compiled> compileForTests(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                                  std::string& error) {
  return finish(syntax::loadBundle(paths, diags), diags, error);
}

std::unique_ptr<interp::Compiled> compileSourcesForTests(std::vector<std::pair<std::string, std::string>> sources,
                                                         DiagnosticSink& diags, std::string& error) {
  return finish(syntax::parseBundle(std::move(sources), "", diags), diags, error);
}

}  // namespace gai::testing
