// Running a native decision (decide.h) and turning its states into the interpreter's
// outcome. No LLVM here.
#include "codegen/decide.h"

#include <optional>

#include "interp/evaluator.h"

namespace gai::codegen {

namespace {

const char* const kRuntimeError = "runtime error";  // as interp::Evaluator::when

// The native `when`s inside the interpreter's driver (for `r(x)` on another value).
class Whens final : public interp::WhenHook {
 public:
  Whens(const std::vector<NativeWhen>& rules, const std::vector<NativeWhen>& exceptions)
      : rules_(rules), exceptions_(exceptions) {}

  int32_t when(bool isException, uint32_t index, const void* entry, int64_t nowMicros, bool hasNow,
               interp::Evaluator& decider, const char*& error) const override {
    NativeWhen native = isException ? exceptions_[index] : rules_[index];
    if (!native) return -1;
    NativeCtx ctx{nullptr, hasNow ? 1 : 0, &decider, &interp::arenaOf(decider)};
    int32_t result = native(entry, nowMicros, &ctx);
    if (result == kNativeError) error = ctx.error;
    return result;
  }

 private:
  const std::vector<NativeWhen>& rules_;
  const std::vector<NativeWhen>& exceptions_;
};

// The interpreter's driver, made on the first `r(x)` that needs it.
struct SlowRefs {
  const ir::Module* module;
  const Whens* whens;
  interp::EvalOptions options;
  rt::Arena* scratch;
  std::optional<interp::Evaluator> evaluator;
};

int32_t slowRef(DecideCtx* ctx, uint32_t rule, const void* x) {
  try {
    auto& slow = *static_cast<SlowRefs*>(ctx->slowState);
    if (!slow.evaluator) {
      slow.evaluator.emplace(*slow.module, ctx->now, slow.options, *slow.scratch, slow.whens);
      ctx->slowMade = 1;
    }
    const char* error = nullptr;
    int32_t r = interp::ruleFires(*slow.evaluator, rule, x, error);
    if (r == kNativeError) ctx->base.error = error ? error : kRuntimeError;
    return r;
  } catch (...) {
    ctx->base.error = "out of memory";
    return kNativeError;
  }
}

}  // namespace

void DecisionStates::sizeFor(const ir::Module& module) {
  rules.assign(module.rules.size(), 0);
  exceptions.assign(module.exceptions.size(), kNotDone);
  exceptedBy.assign(module.rules.size(), 0);
  ruleErrors.assign(module.rules.size(), nullptr);
  exceptionErrors.assign(module.exceptions.size(), nullptr);
}

std::string decideSymbol(uint32_t entry) { return "gai_decide_" + std::to_string(entry); }
std::string verdictSymbol(uint32_t entry) { return "gai_verdict_" + std::to_string(entry); }

Decisions::Decisions(const ir::Module& module, const std::vector<NativeWhen>& rules,
                     const std::vector<NativeWhen>& exceptions, std::vector<NativeDecide> fns,
                     std::vector<NativeDecide> verdictFns)
    : module_(module), rules_(rules), exceptions_(exceptions), fns_(std::move(fns)),
      verdictFns_(std::move(verdictFns)), rulesOf_(module.entries.size()), exceptionsOf_(module.entries.size()) {
  verdictFns_.resize(fns_.size(), nullptr);
  for (uint32_t e = 0; e < module.entries.size(); ++e) {
    std::vector<bool> seen(module.exceptions.size(), false);
    std::vector<uint32_t> work;
    for (uint32_t i = 0; i < module.rules.size(); ++i) {
      if (module.rules[i].entry != e) continue;
      rulesOf_[e].push_back(i);
      work.insert(work.end(), module.rules[i].exceptedBy.begin(), module.rules[i].exceptedBy.end());
    }
    while (!work.empty()) {
      uint32_t x = work.back();
      work.pop_back();
      if (seen[x]) continue;
      seen[x] = true;
      work.insert(work.end(), module.exceptions[x].exceptedBy.begin(), module.exceptions[x].exceptedBy.end());
    }
    for (uint32_t x = 0; x < seen.size(); ++x)
      if (seen[x]) exceptionsOf_[e].push_back(x);
  }
}

int32_t Decisions::decide(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, DecisionStates& states,
                          rt::Arena& scratch) const {
  Summary summary;
  return decide(entry, value, nowMicros, hasNow, states, scratch, summary);
}

// The context's state arrays are `states`' vectors.
static void pointAt(DecideCtx& ctx, DecisionStates& states) {
  ctx.ruleStates = states.rules.data();
  ctx.exceptionStates = states.exceptions.data();
  ctx.exceptedBy = states.exceptedBy.data();
  ctx.ruleErrors = states.ruleErrors.data();
  ctx.exceptionErrors = states.exceptionErrors.data();
}

int32_t Decisions::decide(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, DecisionStates& states,
                          rt::Arena& scratch, Summary& summary) const {
  Whens whens(rules_, exceptions_);
  interp::EvalOptions options;
  options.hasNow = hasNow;
  SlowRefs slow{&module_, &whens, options, &scratch, std::nullopt};
  DecideCtx ctx{};
  ctx.base = NativeCtx{nullptr, hasNow ? 1 : 0, nullptr, &scratch};
  ctx.entry = value;
  ctx.now = nowMicros;
  ctx.entryIndex = entry;
  pointAt(ctx, states);
  ctx.slowRef = &slowRef;
  ctx.slowState = &slow;
  int32_t bits = fns_[entry](value, nowMicros, &ctx);
  summary.firedMask = ctx.firedMask;
  summary.excepted = ctx.excepted;
  summary.errors = ctx.errors;
  return bits;
}

struct Decisions::Runner::Slow {
  Whens whens;
  SlowRefs refs;
};

Decisions::Runner::Runner(const Decisions& decisions) : decisions_(decisions) {
  states_.sizeFor(decisions.module_);
  slow_.reset(new Slow{Whens(decisions.rules_, decisions.exceptions_),
                       SlowRefs{&decisions.module_, nullptr, interp::EvalOptions(), nullptr, std::nullopt}});
  slow_->refs.whens = &slow_->whens;
  pointAt(ctx_, states_);
  ctx_.slowRef = &slowRef;
  ctx_.slowState = &slow_->refs;
}

Decisions::Runner::~Runner() = default;

int32_t Decisions::Runner::run(uint32_t entry, const void* value, int64_t nowMicros, bool hasNow, rt::Arena& scratch) {
  return next(prepare(entry, hasNow, scratch), value, nowMicros);
}

NativeDecide Decisions::Runner::prepare(uint32_t entry, bool hasNow, rt::Arena& scratch) {
  ctx_.base = NativeCtx{nullptr, hasNow ? 1 : 0, nullptr, &scratch};
  ctx_.entryIndex = entry;
  slow_->refs.options.hasNow = hasNow;
  slow_->refs.scratch = &scratch;
  return decisions_.fns_[entry];
}

NativeDecide Decisions::Runner::prepareVerdict(uint32_t entry, bool hasNow, rt::Arena& scratch) {
  NativeDecide decide = prepare(entry, hasNow, scratch);
  NativeDecide verdict = decisions_.verdictFns_[entry];
  return verdict ? verdict : decide;
}

void Decisions::Runner::dropSlow() {
  slow_->refs.evaluator.reset();
  ctx_.slowMade = 0;
}

rt::Outcome Decisions::evaluate(uint32_t entry, const void* value, int64_t nowMicros,
                                const interp::EvalOptions& options, rt::Arena& scratch) const {
  rt::Outcome outcome;
  outcome.reset(module_.table);
  if (!has(entry) || !value) return outcome;
  try {
    DecisionStates states;
    states.sizeFor(module_);
    decide(entry, value, nowMicros, options.hasNow, states, scratch);
    std::optional<interp::Evaluator> slots;
    for (uint32_t i : rulesOf_[entry]) {
      rt::RuleOutcome& o = outcome.rules[i];
      o.state = static_cast<rt::RuleState>(states.rules[i]);
      if (o.state == rt::RuleState::Excepted) o.exceptedBy = states.exceptedBy[i];
      if (o.state == rt::RuleState::Errored) o.error = states.ruleErrors[i] ? states.ruleErrors[i] : kRuntimeError;
      if (o.state != rt::RuleState::Fired || !options.slots) continue;
      if (!slots) slots.emplace(module_, nowMicros, options, scratch, slotHook_);
      o.slots = slots->slots(i, value);
    }
    for (uint32_t j = 0; j < module_.exceptions.size(); ++j) {
      if (module_.exceptions[j].entry != entry || states.exceptions[j] == DecisionStates::kNotDone) continue;
      rt::ExceptionOutcome& o = outcome.exceptions[j];
      o.state = static_cast<rt::ExceptionState>(states.exceptions[j]);
      if (o.state == rt::ExceptionState::Errored)
        o.error = states.exceptionErrors[j] ? states.exceptionErrors[j] : kRuntimeError;
    }
  } catch (...) {
    for (uint32_t i : rulesOf_[entry]) outcome.rules[i] = {rt::RuleState::Errored, 0, "out of memory", nullptr};
  }
  return outcome;
}

}  // namespace gai::codegen
