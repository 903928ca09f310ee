#include "testing/runner.h"

#include <chrono>
#include <unordered_map>

#include "check/program.h"
#include "core/layout.h"
#include "core/value_render.h"
#include "interp/engine.h"
#include "interp/interp.h"
#include "ir/ir.h"
#include "syntax/ast.h"

namespace gai::testing {

namespace {

using Clock = std::chrono::steady_clock;

// One test's evaluation: the outcome and decision, with names resolved for the report.
class TestRun {
 public:
  TestRun(const interp::Compiled& c, const ir::TestCode& code, const Evaluator& evaluate,
          const ExprEvaluator& evaluateExpr, TestResult& result)
      : c_(c), mod_(*c.module), code_(code), evaluate_(evaluate), evaluateExpr_(evaluateExpr), r_(result) {
    eo_.hasNow = code.nowMicros.has_value();
  }

  void run();

 private:
  void decideEntry();
  void check(const ast::Expectation& x);
  void checkRuleState(const ast::Expectation& x);
  void checkRequire(const ast::Expectation& x);
  void checkAssert(const ast::Expectation& x);
  void reportUnexpectedErrors();
  void fail(const ast::Expectation& x, std::string expected, std::string actual);

  // Index of a rule (isException false) or exception in the module, by declaration.
  bool locate(const ast::Decl* decl, bool& isException, uint32_t& index) const;
  std::string ruleName(bool isException, uint32_t index) const {
    return isException ? mod_.exceptions[index].name : mod_.rules[index].name;
  }
  std::string describe(bool isException, uint32_t index) const;
  const ast::RuleDecl* ruleDecl(uint32_t index) const;
  std::string evalArg(const ir::Node& node, const void*& value, const char*& error);

  const interp::Compiled& c_;
  const ir::Module& mod_;
  const ir::TestCode& code_;
  const Evaluator& evaluate_;
  const ExprEvaluator& evaluateExpr_;
  TestResult& r_;
  interp::EvalOptions eo_;
  rt::Arena arena_;
  rt::Outcome outcome_;
  size_t assertIndex_ = 0, requireIndex_ = 0;
  std::vector<uint8_t> errorExpected_, exceptionErrorExpected_;
};

// Values of the same type compare structurally; otherwise (never for a clean program) by rendering.
bool sameValue(const rt::Type& at, const void* a, const rt::Type& bt, const void* b) {
  if (&at == &bt) return rt::valuesEqual(at, a, b);
  return rt::renderValue(at, a, true) == rt::renderValue(bt, b, true);
}

int64_t nowOf(const ir::TestCode& code) { return code.nowMicros.value_or(0); }

void TestRun::run() {
  outcome_.reset(mod_.table);
  errorExpected_.assign(mod_.rules.size(), 0);
  exceptionErrorExpected_.assign(mod_.exceptions.size(), 0);
  decideEntry();
  for (const ast::Expectation& x : r_.decl->expectations) check(x);
  reportUnexpectedErrors();
}

void TestRun::decideEntry() {
  r_.hasGiven = code_.given != nullptr;
  if (code_.entry >= 0 && code_.given) {
    auto entry = static_cast<uint32_t>(code_.entry);
    outcome_ = evaluate_ ? evaluate_(entry, code_.given, nowOf(code_), eo_, arena_)
                         : interp::evaluate(mod_, entry, code_.given, nowOf(code_), eo_, arena_);
    r_.evaluated = true;
  }
  rt::Decision d = rt::decide(mod_.table, outcome_);
  r_.deny = d.effect == rt::Effect::Deny;
  for (const rt::Finding& f : d.findings) r_.findings.push_back(mod_.rules[f.rule].name);
  for (const rt::ExceptedEntry& e : d.excepted)
    r_.excepted.push_back(mod_.rules[e.rule].name + " (by " + mod_.exceptions[e.by].name + ")");
  for (const rt::ErrorEntry& e : d.errors) r_.errors.push_back(ruleName(e.isException, e.index) + ": " + e.error);
  for (const rt::RuleOutcome& o : outcome_.rules) r_.rules.push_back(o.state);
  for (const rt::ExceptionOutcome& o : outcome_.exceptions) r_.exceptions.push_back(o.state);
}

bool TestRun::locate(const ast::Decl* decl, bool& isException, uint32_t& index) const {
  if (!decl) return false;
  std::string name = c_.program->qualifiedName(decl);
  isException = decl->kind == ast::DeclKind::Exception;
  const auto& list = isException ? mod_.exceptions : mod_.rules;
  for (uint32_t i = 0; i < list.size(); ++i) {
    if (list[i].name != name) continue;
    index = i;
    return true;
  }
  return false;
}

const ast::RuleDecl* TestRun::ruleDecl(uint32_t index) const {
  for (const check::RuleInfo& info : c_.program->rules()) {
    if (info.isException || c_.program->qualifiedName(info.decl) != mod_.rules[index].name) continue;
    return info.decl->as<ast::RuleDecl>();
  }
  return nullptr;
}

// The exception in force that defeats exception `index`, or -1.
int defeaterOf(const ir::Module& mod, const rt::Outcome& o, uint32_t index) {
  for (uint32_t by : mod.exceptions[index].exceptedBy)
    if (o.exceptions[by].state == rt::ExceptionState::InForce) return static_cast<int>(by);
  return -1;
}

std::string TestRun::describe(bool isException, uint32_t index) const {
  std::string name = ruleName(isException, index);
  if (isException) {
    const rt::ExceptionOutcome& o = outcome_.exceptions[index];
    switch (o.state) {
      case rt::ExceptionState::NotEffective: return name + " is not effective at now";
      case rt::ExceptionState::InForce: return name + " is in force";
      case rt::ExceptionState::Errored: return name + " has a runtime error: " + std::string(o.error ? o.error : "");
      case rt::ExceptionState::NotInForce: break;
    }
    int by = defeaterOf(mod_, outcome_, index);
    if (by >= 0) return name + " is excepted by " + mod_.exceptions[by].name;
    return name + " is not in force";
  }
  const rt::RuleOutcome& o = outcome_.rules[index];
  switch (o.state) {
    case rt::RuleState::NotEffective: return name + " is not effective at now";
    case rt::RuleState::NotFired: return name + " did not fire";
    case rt::RuleState::Fired: return name + " fired";
    case rt::RuleState::Excepted: return name + " was excepted by " + mod_.exceptions[o.exceptedBy].name;
    case rt::RuleState::Errored: return name + " has a runtime error: " + std::string(o.error ? o.error : "");
  }
  return name;
}

void TestRun::fail(const ast::Expectation& x, std::string expected, std::string actual) {
  const SourceManager& sm = c_.bundle->sources;
  Failure f;
  if (x.loc.valid()) {
    LineCol lc = sm.lineCol(x.loc);
    f.where = sm.file(x.loc.file).path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
    f.what = std::string(sm.textOf(x.loc));
  }
  f.expected = std::move(expected);
  f.actual = std::move(actual);
  r_.failures.push_back(std::move(f));
}

void TestRun::check(const ast::Expectation& x) {
  using K = ast::ExpectKind;
  switch (x.kind) {
    case K::Assert: return checkAssert(x);
    case K::Require: return checkRequire(x);
    case K::Deny:
      if (!r_.deny) fail(x, "effect deny", "effect allow");
      return;
    case K::Allow:
      if (r_.deny) fail(x, "effect allow", "effect deny");
      return;
    default: return checkRuleState(x);
  }
}

void TestRun::checkRuleState(const ast::Expectation& x) {
  using K = ast::ExpectKind;
  bool isEx = false;
  uint32_t i = 0;
  if (!locate(x.targetDecl, isEx, i)) return fail(x, x.target.str() + " is a rule of the bundle", "no such rule");
  std::string name = ruleName(isEx, i);
  rt::RuleState rs = isEx ? rt::RuleState::NotFired : outcome_.rules[i].state;
  rt::ExceptionState es = isEx ? outcome_.exceptions[i].state : rt::ExceptionState::NotInForce;
  bool fired = isEx ? es == rt::ExceptionState::InForce : rs == rt::RuleState::Fired;
  bool errored = isEx ? es == rt::ExceptionState::Errored : rs == rt::RuleState::Errored;
  switch (x.kind) {
    case K::Fires:
      if (!fired) fail(x, name + (isEx ? " is in force" : " fires"), describe(isEx, i));
      return;
    case K::NotFires:
      if (fired) fail(x, name + (isEx ? " is not in force" : " does not fire"), describe(isEx, i));
      return;
    case K::Error:
      (isEx ? exceptionErrorExpected_ : errorExpected_)[i] = 1;
      if (!errored) fail(x, name + " has a runtime error", describe(isEx, i));
      return;
    default: break;
  }
  int by = isEx ? defeaterOf(mod_, outcome_, i)
                : (rs == rt::RuleState::Excepted ? static_cast<int>(outcome_.rules[i].exceptedBy) : -1);
  bool wantBy = false;
  uint32_t byIndex = 0;
  if (x.byDecl && !locate(x.byDecl, wantBy, byIndex)) return fail(x, "a known exception", "no such exception");
  std::string expected = name + " is excepted" + (x.byDecl ? " by " + mod_.exceptions[byIndex].name : "");
  if (by < 0 || (x.byDecl && static_cast<uint32_t>(by) != byIndex)) fail(x, expected, describe(isEx, i));
}

std::string TestRun::evalArg(const ir::Node& node, const void*& value, const char*& error) {
  void* out = arena_.allocate(node.type->size ? node.type->size : 1, 16);
  error = evaluateExpr_ ? evaluateExpr_(node, code_.frameSize, code_.givenSlot, code_.given, nowOf(code_), eo_, arena_, out)
                       : interp::evaluateExpr(mod_, node, code_.frameSize, code_.givenSlot, code_.given, nowOf(code_),
                                              eo_, arena_, out);
  value = error ? nullptr : out;
  return error ? std::string("<error: ") + error + ">" : rt::renderValue(*node.type, out, true);
}

void TestRun::checkRequire(const ast::Expectation& x) {
  const std::vector<const ir::Node*>* args = nullptr;
  if (x.hasArgs && requireIndex_ < code_.requireArgs.size()) args = &code_.requireArgs[requireIndex_++];
  std::vector<const void*> values;
  std::string wanted = "require " + x.target.parts.back().name;
  if (args) {
    wanted += "(";
    for (size_t k = 0; k < args->size(); ++k) {
      const void* v = nullptr;
      const char* err = nullptr;
      wanted += (k ? ", " : "") + evalArg(*(*args)[k], v, err);
      if (err) return fail(x, wanted + "...)", std::string("runtime error in an argument: ") + err);
      values.push_back(v);
    }
    wanted += ")";
  }
  std::vector<std::string> seen;
  for (uint32_t i = 0; i < mod_.rules.size(); ++i) {
    if (outcome_.rules[i].state != rt::RuleState::Fired) continue;
    const ast::RuleDecl* decl = ruleDecl(i);
    const rt::RuleInfo& info = mod_.table.rules[i];
    for (size_t e = 0; decl && e < decl->effects.size() && e < info.effects.size(); ++e) {
      const rt::EffectInfo& eff = info.effects[e];
      if (eff.kind != rt::EffectKind::Require) continue;
      std::string shown = "require " + eff.action;
      const rt::SlotValue* slots = outcome_.rules[i].slots;
      bool match = decl->effects[e].actionDecl == x.targetDecl;
      if (!eff.argSlots.empty()) shown += "(";
      for (size_t k = 0; k < eff.argSlots.size(); ++k) {
        const rt::SlotValue* sv = slots ? &slots[eff.argSlots[k]] : nullptr;
        const rt::Type* t = info.slotTypes[eff.argSlots[k]];
        shown += k ? ", " : "";
        shown += sv && sv->value ? rt::renderValue(*t, sv->value, true) : "<error>";
        if (!args) continue;
        match = match && k < values.size() && sv && sv->value && sameValue(*(*args)[k]->type, values[k], *t, sv->value);
      }
      if (!eff.argSlots.empty()) shown += ")";
      if (args && args->size() != eff.argSlots.size()) match = false;
      if (match) return;
      seen.push_back(shown + " from " + info.name);
    }
  }
  std::string actual = "no fired rule requires it";
  if (!seen.empty()) {
    actual = "required: ";
    for (size_t k = 0; k < seen.size(); ++k) actual += (k ? "; " : "") + seen[k];
  }
  fail(x, wanted, actual);
}

void TestRun::checkAssert(const ast::Expectation& x) {
  if (assertIndex_ >= code_.asserts.size() || !code_.asserts[assertIndex_]) {
    ++assertIndex_;
    return fail(x, "true", "the assertion was not compiled");
  }
  const ir::Node& node = *code_.asserts[assertIndex_++];
  const void* v = nullptr;
  const char* err = nullptr;
  evalArg(node, v, err);
  if (err) return fail(x, "true", std::string("runtime error: ") + err);
  if (!*static_cast<const uint8_t*>(v)) fail(x, "true", "false");
}

void TestRun::reportUnexpectedErrors() {
  auto add = [&](const std::string& name, const char* error) {
    Failure f;
    f.what = "runtime error";
    f.expected = "no runtime error (or `expect error " + name.substr(name.rfind('.') + 1) + "`)";
    f.actual = name + ": " + (error ? error : "");
    r_.failures.push_back(std::move(f));
  };
  for (uint32_t i = 0; i < outcome_.rules.size(); ++i)
    if (outcome_.rules[i].state == rt::RuleState::Errored && !errorExpected_[i]) add(mod_.rules[i].name, outcome_.rules[i].error);
  for (uint32_t i = 0; i < outcome_.exceptions.size(); ++i)
    if (outcome_.exceptions[i].state == rt::ExceptionState::Errored && !exceptionErrorExpected_[i])
      add(mod_.exceptions[i].name, outcome_.exceptions[i].error);
}

void fillLocation(const interp::Compiled& c, TestResult& r) {
  r.name = r.decl->name.name;
  r.package = c.program->packageOf(r.decl).name;
  const SourceManager& sm = c.bundle->sources;
  if (!r.decl->loc.valid()) return;
  r.file = sm.file(r.decl->loc.file).path();
  r.pos = sm.lineCol(r.decl->loc);
}

}  // namespace

RunResult runTests(const interp::Compiled& compiled, const RunOptions& options) {
  RunResult out;
  const auto& infos = compiled.program->tests();
  const auto& codes = compiled.module->tests;
  for (uint32_t i = 0; i < infos.size() && i < codes.size(); ++i) {
    if (!options.filter.empty() && infos[i].decl->name.name.find(options.filter) == std::string::npos) continue;
    TestResult r;
    r.decl = infos[i].decl;
    r.index = i;
    fillLocation(compiled, r);
    Clock::time_point start = Clock::now();
    try {
      TestRun(compiled, codes[i], options.evaluate, options.evaluateExpr, r).run();
    } catch (const std::exception& e) {
      r.failures.push_back({"", "internal error", "the test runs", e.what()});
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    (r.passed() ? out.passed : out.failed) += 1;
    out.tests.push_back(std::move(r));
  }
  return out;
}

}  // namespace gai::testing
