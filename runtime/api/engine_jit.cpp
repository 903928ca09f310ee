// The LLVM JIT (compiler/codegen) behind the engine seam.
#include "api/engine.h"
#include "codegen/codegen.h"
#include "codegen/decide.h"

namespace gai::api {

namespace {

class JitEvaluator final : public Evaluator {
 public:
  explicit JitEvaluator(const codegen::JitProgram& program) : program_(program), decisions_(program.decisions()) {
    if (decisions_) runner_ = std::make_unique<codegen::Decisions::Runner>(*decisions_);
  }

  bool evaluate(uint32_t entry, const void* value, int64_t nowMicros, rt::Lang lang, rt::Arena& arena,
                rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.lang = lang;
    outcome = program_.evaluate(entry, value, nowMicros, options, arena);
    return true;
  }

  // The native decision function's states, read without building an outcome.
  bool verdict(uint32_t entry, const void* value, int64_t nowMicros, rt::Arena& arena, Verdict& out) override {
    const codegen::Decisions* decisions = decisions_;
    if (!decisions || !decisions->has(entry)) return false;
    int32_t bits = runner_->run(entry, value, nowMicros, true, arena);
    const codegen::DecideCtx& summary = runner_->ctx();
    const codegen::DecisionStates& states = runner_->states();
    out.denyFired = (bits & codegen::kDecideDenyFired) != 0;
    out.denyErrored = (bits & codegen::kDecideDenyErrored) != 0;
    const std::vector<uint32_t>& rules = decisions->rulesOf(entry);
    if (rules.size() <= 64) {  // the summary: one bit per rule, no per-rule branch
      for (uint64_t mask = summary.firedMask; mask; mask &= mask - 1)
        out.fired->push_back(rules[static_cast<size_t>(__builtin_ctzll(mask))]);
      out.excepted = summary.excepted;
      out.errors = summary.errors;
      return true;
    }
    for (uint32_t i : rules) {
      switch (static_cast<rt::RuleState>(states.rules[i])) {
        case rt::RuleState::Fired: out.fired->push_back(i); break;
        case rt::RuleState::Excepted: ++out.excepted; break;
        case rt::RuleState::Errored: ++out.errors; break;
        default: break;
      }
    }
    for (uint32_t j : decisions->exceptionsOf(entry))
      out.errors += states.exceptions[j] == static_cast<uint8_t>(rt::ExceptionState::Errored);
    return true;
  }

 private:
  const codegen::JitProgram& program_;
  const codegen::Decisions* decisions_;  // null: no native decisions
  std::unique_ptr<codegen::Decisions::Runner> runner_;  // native decisions' reusable state
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
