// The LLVM JIT (compiler/codegen) behind the engine seam.
#include <memory>

#include "api/engine.h"
#include "codegen/codegen.h"
#include "codegen/decide.h"

namespace gai::api {

namespace {

class JitEvaluator final : public Evaluator {
 public:
  explicit JitEvaluator(const codegen::JitProgram& program) : program_(program) { refresh(); }

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

  VerdictKernel verdictKernel(uint32_t entry, rt::Arena& arena) override {
    refreshIfStale();
    if (!decisions_ || !decisions_->has(entry)) return {};
    entry_ = entry;
    rules_ = &decisions_->rulesOf(entry);
    arena_ = &arena;
    arenaMark_ = arena.cursor() + 1;  // unknown: rewind before the first record
    // Up to 64 rules a verdict reads only the summary: the verdict function, when the
    // entry type has one, computes it without the states.
    if (rules_->size() <= 64) {
      fn_ = runner_->prepareVerdict(entry, true, arena);
      return {&one<true>, &run<true>, this};
    }
    fn_ = runner_->prepare(entry, true, arena);
    return {&one<false>, &run<false>, this};
  }

  DirectVerdict directVerdict(uint32_t entry, rt::Arena& arena) override {
    refreshIfStale();
    if (!decisions_ || !decisions_->has(entry) || decisions_->rulesOf(entry).size() > 64) return {};
    verdictKernel(entry, arena);
    // The runner's own context (a member, so not const): the session calls fn_ with it.
    auto* ctx = const_cast<codegen::DecideCtx*>(&runner_->ctx());
    return {fn_, ctx, &dropSlow, this, rules_->data(), &program_.generationCounter(), generation_};
  }

 private:
  // The program's live code: when its optimised tier went live (codegen.h generation()),
  // the decisions are read again and what verdictKernel() prepared is prepared again on
  // them. One acquire load and a compare per verdict or batch.
  __attribute__((always_inline)) void refreshIfStale() {
    if (__builtin_expect(program_.generation() != generation_, 0)) refresh();
  }

  __attribute__((noinline)) void refresh() {
    uint64_t generation = program_.generation();
    const codegen::Decisions* next = program_.decisions();
    // Both tiers come from one emission, so a prepared entry type stays native; if not,
    // or out of memory, the evaluator stays on the earlier tier's code (still linked).
    if (fn_ && (!next || !next->has(entry_))) {
      generation_ = generation;
      return;
    }
    std::unique_ptr<codegen::Decisions::Runner> runner;
    try {
      if (next) runner = std::make_unique<codegen::Decisions::Runner>(*next);
    } catch (...) {
      return;
    }
    generation_ = generation;
    decisions_ = next;
    runner_ = std::move(runner);
    if (!fn_) return;
    rules_ = &decisions_->rulesOf(entry_);
    fn_ = rules_->size() <= 64 ? runner_->prepareVerdict(entry_, true, *arena_) : runner_->prepare(entry_, true, *arena_);
  }

  static_assert(codegen::kDecideDenyFired == 1 && codegen::kDecideDenyErrored == 2, "effectOfDecideBits' bits");

  // Scratch memory of the previous record is dropped only when it was used.
  void rewind() {
    if (arena_->cursor() == arenaMark_) return;
    arena_->reset();
    arenaMark_ = arena_->cursor();
  }

  // The native decision of `value` into `v`: from its summary (one bit per rule, no
  // per-rule branch) when kSummary, else from the states (more than 64 rules).
  template <bool kSummary>
  __attribute__((always_inline)) void decide(const void* value, const gai::EvalOptions& options, gai::Verdict& v) {
    if constexpr (kSummary) {
      decideSet(value, options.nowMicros, options.failOpen, v);
      if (options.firedList)
        for (uint32_t rule : v.firedSet) v.fired.push_back(rule);
    } else {
      rewind();
      int32_t bits = runner_->next(fn_, value, options.nowMicros);
      v.effect = effectOfDecideBits(bits, options.failOpen);
      v.fired.clear();
      if (!v.error.empty()) v.error.clear();
      v.firedSet = gai::FiredSet();
      fromStates(v);
    }
  }

  // The verdict's counts and fired list from the states of the last decision.
  void fromStates(gai::Verdict& v) {
    const codegen::DecisionStates& states = runner_->states();
    v.excepted = v.errors = 0;
    for (uint32_t i : *rules_) {
      switch (static_cast<rt::RuleState>(states.rules[i])) {
        case rt::RuleState::Fired: v.fired.push_back(i); break;
        case rt::RuleState::Excepted: ++v.excepted; break;
        case rt::RuleState::Errored: ++v.errors; break;
        default: break;
      }
    }
    for (uint32_t j : decisions_->exceptionsOf(entry_))
      v.errors += states.exceptions[j] == static_cast<uint8_t>(rt::ExceptionState::Errored);
  }

  static void dropSlow(void* self) { static_cast<JitEvaluator*>(self)->runner_->dropSlow(); }

  // Only a fired vector can throw (std::bad_alloc): that verdict is then an error.
  static void outOfMemory(gai::Verdict& out) {
    out.effect = gai::Effect::Allow;
    out.fired.clear();
    out.firedSet = gai::FiredSet();
    out.excepted = out.errors = 0;
    out.error = "out of memory";
  }

  template <bool kSummary>
  static bool one(void* self, const void* value, const gai::EvalOptions& options, gai::Verdict& out) {
    static_cast<JitEvaluator*>(self)->refreshIfStale();
    if (kSummary && !options.firedList) {
      static_cast<JitEvaluator*>(self)->decideSet(value, options.nowMicros, options.failOpen, out);
      return true;
    }
    try {
      static_cast<JitEvaluator*>(self)->decide<kSummary>(value, options, out);
      return true;
    } catch (...) {
      outOfMemory(out);
      return false;
    }
  }

  // A verdict of an entry type of at most 64 rules without the fired list: nothing can
  // throw, so callers keep their state in registers.
  __attribute__((always_inline)) void decideSet(const void* value, int64_t now, bool failOpen, gai::Verdict& v) {
    rewind();
    int32_t bits = runner_->next(fn_, value, now);
    summaryVerdict(bits, failOpen, runner_->ctx(), rules_->data(), v);
  }

  size_t runSet(const char* first, size_t stride, size_t count, int64_t now, bool failOpen, gai::Verdict* out) {
    for (size_t i = 0; i < count; ++i, first += stride) {
      decideSet(first, now, failOpen, out[i]);
    }
    return count;
  }

  template <bool kSummary>
  static size_t run(void* self, const char* first, size_t stride, size_t count, const gai::EvalOptions& options,
                    gai::Verdict* out) {
    auto& me = *static_cast<JitEvaluator*>(self);
    me.refreshIfStale();
    if (kSummary && !options.firedList) return me.runSet(first, stride, count, options.nowMicros, options.failOpen, out);
    size_t ok = 0;
    for (size_t i = 0; i < count; ++i, first += stride) {
      try {
        me.decide<kSummary>(first, options, out[i]);
        ++ok;
      } catch (...) {
        outOfMemory(out[i]);
      }
    }
    return ok;
  }

  const codegen::JitProgram& program_;
  uint64_t generation_ = ~uint64_t(0);  // of the program when decisions_ was read
  const codegen::Decisions* decisions_ = nullptr;  // null: no native decisions
  std::unique_ptr<codegen::Decisions::Runner> runner_;  // native decisions' reusable state
  // What the last verdictKernel() prepared.
  codegen::NativeDecide fn_ = nullptr;
  uint32_t entry_ = 0;
  const std::vector<uint32_t>* rules_ = nullptr;
  rt::Arena* arena_ = nullptr;  // the scratch arena
  uintptr_t arenaMark_ = 0;     // its cursor when last rewound
};

class JitEngineProgram final : public EngineProgram {
 public:
  explicit JitEngineProgram(std::unique_ptr<codegen::JitProgram> program) : program_(std::move(program)) {}
  std::unique_ptr<Evaluator> newEvaluator() const override { return std::make_unique<JitEvaluator>(*program_); }
  bool waitOptimized() const override { return program_->waitOptimized(); }

 private:
  std::unique_ptr<codegen::JitProgram> program_;
};

}  // namespace

std::unique_ptr<EngineProgram> makeJitProgram(const ir::Module& module, const std::string& cacheDir,
                                              std::string& error) {
  codegen::JitOptions options;
  options.cacheDir = cacheDir;
  // Unoptimised code at once, optimised code from a background thread (codegen README
  // "Tiers"); $GAI_JIT_TIERED=0: optimised before compile() returns.
  options.tiering = codegen::JitOptions::Tiering::Tiered;
  std::unique_ptr<codegen::JitProgram> program = codegen::JitProgram::create(module, error, options);
  if (!program) return nullptr;
  return std::make_unique<JitEngineProgram>(std::move(program));
}

std::string defaultJitCacheDir() { return codegen::cacheDefaultDir(); }

}  // namespace gai::api
