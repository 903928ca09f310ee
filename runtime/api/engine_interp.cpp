// The reference interpreter (compiler/interp) behind the engine seam.
#include "api/engine.h"
#include "interp/interp.h"

namespace gai::api {

namespace {

class InterpEvaluator final : public Evaluator {
 public:
  explicit InterpEvaluator(const ir::Module& module) : module_(module) {}

  bool evaluate(uint32_t entry, const void* value, int64_t nowMicros, rt::Lang lang, rt::Arena& arena,
                rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.lang = lang;
    outcome = interp::evaluate(module_, entry, value, nowMicros, options, arena);
    return true;
  }

  bool evaluateForVerdict(uint32_t entry, const void* value, int64_t nowMicros, rt::Arena& arena,
                          rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.slots = false;
    outcome = interp::evaluate(module_, entry, value, nowMicros, options, arena);
    return true;
  }

 private:
  const ir::Module& module_;
};

class InterpProgram final : public EngineProgram {
 public:
  explicit InterpProgram(const ir::Module& module) : module_(module) {}
  std::unique_ptr<Evaluator> newEvaluator() const override { return std::make_unique<InterpEvaluator>(module_); }

 private:
  const ir::Module& module_;
};

}  // namespace

std::unique_ptr<EngineProgram> makeInterpProgram(const ir::Module& module, std::string&) {
  return std::make_unique<InterpProgram>(module);
}

}  // namespace gai::api
