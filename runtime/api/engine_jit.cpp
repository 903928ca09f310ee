// The LLVM JIT (compiler/codegen) behind the engine seam.
#include "api/engine.h"
#include "codegen/codegen.h"

namespace gai::api {

namespace {

class JitEvaluator final : public Evaluator {
 public:
  explicit JitEvaluator(const codegen::JitProgram& program) : program_(program) {}

  bool evaluate(uint32_t entry, const void* value, int64_t nowMicros, rt::Lang lang, rt::Arena& arena,
                rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.lang = lang;
    outcome = program_.evaluate(entry, value, nowMicros, options, arena);
    return true;
  }

 private:
  const codegen::JitProgram& program_;
};

class JitEngineProgram final : public EngineProgram {
 public:
  explicit JitEngineProgram(std::unique_ptr<codegen::JitProgram> program) : program_(std::move(program)) {}
  std::unique_ptr<Evaluator> newEvaluator() const override { return std::make_unique<JitEvaluator>(*program_); }

 private:
  std::unique_ptr<codegen::JitProgram> program_;
};

}  // namespace

std::unique_ptr<EngineProgram> makeJitProgram(const ir::Module& module, const std::string& cacheDir,
                                              std::string& error) {
  codegen::JitOptions options;
  options.cacheDir = cacheDir;
  std::unique_ptr<codegen::JitProgram> program = codegen::JitProgram::create(module, error, options);
  if (!program) return nullptr;
  return std::make_unique<JitEngineProgram>(std::move(program));
}

std::string defaultJitCacheDir() { return codegen::cacheDefaultDir(); }

}  // namespace gai::api
