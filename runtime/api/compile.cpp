// compile() and compileSources(): bundle -> check -> IR -> engine; every failure comes back
// as diagnostics, never as an exception.
#include <exception>
#include <string>
#include <utility>

#include "api/policy_impl.h"
#include "check/program.h"
#include "diagnostics/render.h"
#include "ir/lower.h"

namespace gai {

namespace {

CompileDiagnostic toPublic(const SourceManager& sources, const Diagnostic& d) {
  CompileDiagnostic out;
  out.code = d.code();
  out.isError = d.severity == Severity::Error;
  out.message = d.message;
  if (d.loc.valid()) {
    out.file = sources.file(d.loc.file).path();
    LineCol at = sources.lineCol(d.loc);
    out.line = at.line;
    out.column = at.column;
  }
  return out;
}

void report(const SourceManager& sources, DiagnosticSink& diags, CompileResult& result) {
  diags.sortByLocation();
  for (const Diagnostic& d : diags.diagnostics()) result.diagnostics.push_back(toPublic(sources, d));
  result.diagnosticsText = renderText(sources, diags.diagnostics());
  std::string summary = summaryLine(diags.errorCount(), diags.warningCount());
  if (!summary.empty()) result.diagnosticsText += summary + "\n";
}

void addPlainError(CompileResult& result, std::string message) {
  CompileDiagnostic d;
  d.code = "internal";
  d.message = std::move(message);
  result.diagnosticsText += "error: " + d.message + "\n";
  result.diagnostics.push_back(std::move(d));
  result.policy = nullptr;
}

std::unique_ptr<api::EngineProgram> makeEngine(const CompileOptions& options, const ir::Module& module,
                                               std::string& error) {
  if (options.engine == Engine::Jit) {
#ifdef GAI_WITH_JIT
    std::unique_ptr<api::EngineProgram> program = api::makeJitProgram(module, options.cacheDir, error);
    if (!program) error = "the JIT failed on this host (" + error + "); compile with Engine::Interp";
    return program;
#else
    error = "engine jit is not available in this build of gai (compile with Engine::Interp)";
    return nullptr;
#endif
  }
  return api::makeInterpProgram(module, error);
}

syntax::ParseLimits parseLimits(const CompileOptions& options) {
  syntax::ParseLimits limits;
  limits.maxSourceBytes = options.maxSourceBytes;
  limits.maxBundleBytes = options.maxBundleBytes;
  limits.maxNesting = options.maxNesting;
  limits.maxDecls = options.maxDeclarations;
  return limits;
}

// Checks, lowers and prepares the engine for a parsed bundle.
CompileResult finish(std::unique_ptr<syntax::Bundle> bundle, DiagnosticSink& diags, const CompileOptions& options) {
  CompileResult result;
  auto impl = std::make_unique<Policy::Impl>();
  impl->engine = options.engine;
  if (!diags.hasErrors()) {
    check::CheckOptions checkOptions;
    checkOptions.strict = options.strict;
    impl->program = check::checkBundle(*bundle, diags, checkOptions);
  }
  report(bundle->sources, diags, result);
  if (diags.hasErrors() || !impl->program) return result;
  std::string error;
  impl->module = ir::lower(*impl->program, &error);
  if (!impl->module) {
    addPlainError(result, "cannot lower the program: " + error);
    return result;
  }
  impl->engineProgram = makeEngine(options, *impl->module, error);
  if (!impl->engineProgram) {
    addPlainError(result, error);
    return result;
  }
  const std::vector<const rt::Type*>& entries = impl->module->entries;
  for (size_t i = 0; i < entries.size(); ++i)
    impl->entries.push_back(PolicyFactory::entryType(*entries[i], static_cast<uint32_t>(i)));
  impl->bundle = std::move(bundle);
  result.policy = PolicyFactory::make(std::move(impl));
  return result;
}

template <typename Load>
CompileResult guarded(Load load) {
  try {
    return load();
  } catch (const std::exception& e) {
    CompileResult result;
    addPlainError(result, std::string("internal error while compiling: ") + e.what());
    return result;
  } catch (...) {
    CompileResult result;
    addPlainError(result, "internal error while compiling");
    return result;
  }
}

}  // namespace

std::string defaultCacheDir() {
#ifdef GAI_WITH_JIT
  try {
    return api::defaultJitCacheDir();
  } catch (...) {
    return "";
  }
#else
  return "";
#endif
}

CompileResult compile(const std::vector<std::string>& paths, const CompileOptions& options) {
  return guarded([&] {
    DiagnosticSink diags;
    diags.setStrict(options.strict);
    std::unique_ptr<syntax::Bundle> bundle = syntax::loadBundle(paths, diags, parseLimits(options));
    if (!bundle) bundle = std::make_unique<syntax::Bundle>();
    return finish(std::move(bundle), diags, options);
  });
}

CompileResult compileSources(const std::vector<Source>& sources, const CompileOptions& options,
                             const std::string& rootDir) {
  return guarded([&] {
    DiagnosticSink diags;
    diags.setStrict(options.strict);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const Source& s : sources) pairs.emplace_back(s.path, s.text);
    std::unique_ptr<syntax::Bundle> bundle = syntax::parseBundle(std::move(pairs), rootDir, diags, parseLimits(options));
    if (!bundle) bundle = std::make_unique<syntax::Bundle>();
    return finish(std::move(bundle), diags, options);
  });
}

}  // namespace gai
