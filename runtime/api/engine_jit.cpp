// The LLVM JIT (compiler/codegen) behind the engine seam.
#include <optional>

#include "api/engine.h"
#include "codegen/codegen.h"
#include "codegen/decide.h"

namespace gai::api {

namespace {

class JitEvaluator final : public Evaluator {
 public:
  explicit JitEvaluator(const codegen::JitProgram& program) : program_(program), decisions_(program.decisions()) {
    if (decisions_) runner_.emplace(*decisions_);
  }

  bool evaluate(uint32_t entry, const void* value, int64_t nowMicros, rt::Lang lang, rt::Arena& arena,
                rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.lang = lang;
    outcome = program_.evaluate(entry, value, nowMicros, options, arena);
    return true;
  }

  bool evaluateForVerdict(uint32_t entry, const void* value, int64_t nowMicros, rt::Arena& arena,
                          rt::Outcome& outcome, std::string&) override {
    interp::EvalOptions options;
    options.slots = false;
    outcome = program_.evaluate(entry, value, nowMicros, options, arena);
    return true;
  }

  bool verdict(uint32_t entry, const void* value, int64_t nowMicros, rt::Arena& arena, Verdict& out) override {
    VerdictKernel kernel = verdictKernel(entry, arena);
    return kernel.run && kernel.run(kernel.self, value, nowMicros, out);
  }

  VerdictKernel verdictKernel(uint32_t entry, rt::Arena& arena) override {
    if (!decisions_ || !decisions_->has(entry)) return {};
    fn_ = runner_->prepare(entry, true, arena);
    entry_ = entry;
    rules_ = &decisions_->rulesOf(entry);
    return {rules_->size() <= 64 ? &runSummary : &runStates, this};
  }

 private:
  // The native decision, read from its summary (one bit per rule, no per-rule branch).
  static bool runSummary(void* self, const void* value, int64_t nowMicros, Verdict& out) {
    auto& me = *static_cast<JitEvaluator*>(self);
    int32_t bits = me.runner_->next(me.fn_, value, nowMicros);
    const codegen::DecideCtx& summary = me.runner_->ctx();
    out.denyFired = (bits & codegen::kDecideDenyFired) != 0;
    out.denyErrored = (bits & codegen::kDecideDenyErrored) != 0;
    const uint32_t* rules = me.rules_->data();
    for (uint64_t mask = summary.firedMask; mask; mask &= mask - 1)
      out.fired->push_back(rules[__builtin_ctzll(mask)]);
    out.excepted = summary.excepted;
    out.errors = summary.errors;
    return true;
  }

  // The same from the states (more than 64 rules of the entry type).
  static bool runStates(void* self, const void* value, int64_t nowMicros, Verdict& out) {
    auto& me = *static_cast<JitEvaluator*>(self);
    int32_t bits = me.runner_->next(me.fn_, value, nowMicros);
    const codegen::DecisionStates& states = me.runner_->states();
    out.denyFired = (bits & codegen::kDecideDenyFired) != 0;
    out.denyErrored = (bits & codegen::kDecideDenyErrored) != 0;
    for (uint32_t i : *me.rules_) {
      switch (static_cast<rt::RuleState>(states.rules[i])) {
        case rt::RuleState::Fired: out.fired->push_back(i); break;
        case rt::RuleState::Excepted: ++out.excepted; break;
        case rt::RuleState::Errored: ++out.errors; break;
        default: break;
      }
    }
    for (uint32_t j : me.decisions_->exceptionsOf(me.entry_))
      out.errors += states.exceptions[j] == static_cast<uint8_t>(rt::ExceptionState::Errored);
    return true;
  }

  const codegen::JitProgram& program_;
  const codegen::Decisions* decisions_;  // null: no native decisions
  std::optional<codegen::Decisions::Runner> runner_;  // native decisions' reusable state
  // What the last verdictKernel() prepared.
  codegen::NativeDecide fn_ = nullptr;
  uint32_t entry_ = 0;
  const std::vector<uint32_t>* rules_ = nullptr;
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
