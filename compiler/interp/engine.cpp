#include "interp/engine.h"

#include "check/check.h"
#include "check/program.h"
#include "ir/lower.h"
#include "syntax/bundle.h"

namespace gai::interp {

Compiled::Compiled() = default;
Compiled::~Compiled() = default;

namespace {
std::unique_ptr<Compiled> finish(std::unique_ptr<syntax::Bundle> bundle, DiagnosticSink& diags, std::string* error) {
  auto out = std::make_unique<Compiled>();
  out->bundle = std::move(bundle);
  if (!out->bundle || diags.hasErrors()) {
    if (error) *error = "syntax errors";
    return nullptr;
  }
  out->program = check::checkBundle(*out->bundle, diags);
  if (!out->program || diags.hasErrors()) {
    if (error) *error = "check errors";
    return nullptr;
  }
  std::string lowerError;
  out->module = ir::lower(*out->program, &lowerError);
  if (!out->module) {
    if (error) *error = "lowering failed: " + lowerError;
    return nullptr;
  }
  return out;
}
}  // namespace

std::unique_ptr<Compiled> compileSources(std::vector<std::pair<std::string, std::string>> sources,
                                         DiagnosticSink& diags, std::string* error) {
  return finish(syntax::parseBundle(std::move(sources), "", diags), diags, error);
}

std::unique_ptr<Compiled> compilePaths(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                       std::string* error) {
  return finish(syntax::loadBundle(paths, diags), diags, error);
}

LineEvaluator::LineEvaluator(const ir::Module& module, uint32_t entry, LineOptions options)
    : module_(module), entry_(entry), options_(options) {
  rt::BindLimits limits;
  limits.strict = options.strictInput;
  binder_.setLimits(limits);
}

std::string LineEvaluator::evalLine(std::string_view json, uint64_t lineNumber, bool* inputError) {
  arena_.reset();
  if (inputError) *inputError = false;
  if (entry_ >= module_.entries.size()) {
    if (inputError) *inputError = true;
    return rt::inputErrorJson(lineNumber, "no such entry type");
  }
  rt::BindError err;
  const void* value = binder_.bind(json, *module_.entries[entry_], arena_, err);
  if (!value) {
    if (inputError) *inputError = true;
    return rt::inputErrorJson(lineNumber, err.toString());
  }
  EvalOptions eo;
  eo.hasNow = options_.hasNow;
  eo.lang = options_.lang;
  rt::Outcome outcome = evaluate(module_, entry_, value, options_.nowMicros, eo, arena_);
  rt::DecideOptions d;
  d.lang = options_.lang;
  d.failOpen = options_.failOpen;
  return rt::decide(module_.table, outcome, d).toJson();
}

}  // namespace gai::interp
