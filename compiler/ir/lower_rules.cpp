// Lowering of declarations: fns, rules and exceptions (with the static rule table), tests.
#include <algorithm>

#include "core/effective.h"
#include "ir/lowerer.h"

namespace gai::ir {

namespace {
std::string citationText(const ast::Citation& c) {
  if (c.kind == ast::Citation::Kind::Free) return c.text;
  std::string out = c.lawDecl ? c.lawDecl->name.name : (c.law.parts.empty() ? "" : c.law.parts.back().name);
  if (c.article) out += " art " + std::to_string(*c.article);
  if (c.para) out += " para " + std::to_string(*c.para);
  if (c.item) out += " item " + std::to_string(*c.item);
  return out;
}
}  // namespace

void Lowerer::lowerFns() {
  for (const ast::Decl* decl : prog_.decls()) {
    auto* fn = decl->as<ast::FnDecl>();
    if (!fn) continue;
    Fn out;
    out.name = prog_.qualifiedName(decl);
    for (const ast::Param& p : fn->params) {
      if (!p.type || !p.type->resolved) fail("fn parameter without a type");
      out.paramSlots.push_back(p.binder.slot);
      out.paramTypes.push_back(rtType(p.type->resolved));
    }
    fnIndex_[decl] = static_cast<uint32_t>(mod_.fns.size());
    mod_.fns.push_back(std::move(out));
  }
  for (const ast::Decl* decl : prog_.decls()) {
    auto* fn = decl->as<ast::FnDecl>();
    if (!fn) continue;
    Fn& out = mod_.fns[fnIndex_.at(decl)];
    maxSlot_ = 0;
    for (uint32_t s : out.paramSlots) noteSlot(s);
    if (!fn->body || !fn->result || !fn->result->resolved) fail("fn " + fn->name.name + " without a body");
    const Node* body = exprAs(*fn->body, rtType(fn->result->resolved));
    // mod_.fns does not grow while lowering bodies, so `out` stays valid.
    out.body = body;
    out.frameSize = std::max(prog_.frameSize(decl), maxSlot_);
  }
}

uint32_t Lowerer::entryIndex(const rt::Type* type) {
  auto it = std::find(mod_.entries.begin(), mod_.entries.end(), type);
  if (it != mod_.entries.end()) return static_cast<uint32_t>(it - mod_.entries.begin());
  mod_.entries.push_back(type);
  return static_cast<uint32_t>(mod_.entries.size() - 1);
}

// Rules and exceptions are numbered first: fns and rules may refer to any rule.
void Lowerer::numberRules() {
  uint32_t nRules = 0, nExceptions = 0;
  for (const check::RuleInfo& info : prog_.rules()) {
    ruleSlots_.emplace_back(info.isException, info.isException ? nExceptions++ : nRules++);
  }
  mod_.rules.resize(nRules);
  mod_.exceptions.resize(nExceptions);
}

void Lowerer::lowerRules() {
  const auto& rules = prog_.rules();
  size_t nRules = mod_.rules.size(), nExceptions = mod_.exceptions.size();
  mod_.exceptions.resize(nExceptions);
  mod_.table.rules.resize(nRules);
  mod_.table.exceptions.resize(nExceptions);
  for (uint32_t i = 0; i < rules.size(); ++i) {
    const check::RuleInfo& info = rules[i];
    auto [isException, index] = ruleSlots_[i];
    RuleCode& code = isException ? mod_.exceptions[index] : mod_.rules[index];
    lowerRule(info, code);
    if (isException) {
      mod_.table.exceptions[index] = rt::ExceptionInfo{code.name, i};
    } else {
      rt::RuleInfo& out = mod_.table.rules[index];
      out.order = i;
      buildRuleInfo(info, code, out);
    }
  }
}

void Lowerer::lowerRule(const check::RuleInfo& info, RuleCode& code) {
  const ast::RuleLike* decl = info.decl;
  code.name = prog_.qualifiedName(decl);
  code.isException = info.isException;
  code.entry = entryIndex(rtType(info.entry));
  code.paramSlot = decl->param.binder.slot;
  rt::EffectiveRange range;
  range.hasFrom = info.effectiveFrom.has_value();
  range.from = info.effectiveFrom.value_or(0);
  range.hasUntil = info.effectiveUntil.has_value();
  range.until = info.effectiveUntil.value_or(0);
  code.fromMicros = rt::effectiveStartMicros(range);
  code.untilMicros = rt::effectiveEndMicros(range);
  for (uint32_t e : info.exceptedBy) code.exceptedBy.push_back(ruleSlots_.at(e).second);
  for (uint32_t t : info.targets) code.targets.push_back(ruleSlots_.at(t));
  maxSlot_ = 0;
  noteSlot(code.paramSlot);
  if (!decl->when) fail(code.name + " has no when");
  code.when = expr(*decl->when);
  code.frameSize = std::max(prog_.frameSize(decl), maxSlot_);
}

void Lowerer::buildRuleInfo(const check::RuleInfo& info, RuleCode& code, rt::RuleInfo& out) {
  auto* decl = static_cast<const ast::RuleDecl*>(info.decl);
  out.name = code.name;
  if (decl->title) {
    const ast::LocalizedText& t = *decl->title;
    if (t.plain) out.titleEn = t.plain->value;
    if (t.en) out.titleEn = t.en->value;
    if (t.zh) out.titleZh = t.zh->value;
  }
  out.severity = static_cast<rt::Severity>(decl->severity.value_or(ast::SeverityLevel::Medium));
  for (const ast::Citation& c : decl->cites) out.cites.push_back(citationText(c));
  maxSlot_ = 0;
  noteSlot(code.paramSlot);
  auto addSlot = [&](const Node* n) {
    if (!n->type) fail("a slot without a type");
    code.slots.push_back(n);
    out.slotTypes.push_back(n->type);
    return static_cast<uint32_t>(code.slots.size() - 1);
  };
  for (const ast::Effect& e : decl->effects) {
    rt::EffectInfo effect;
    effect.kind = static_cast<rt::EffectKind>(e.kind);
    if (e.kind == ast::EffectKind::Require) {
      auto* action = e.actionDecl ? e.actionDecl->as<ast::ActionDecl>() : nullptr;
      if (!action) fail(code.name + ": unresolved action");
      effect.action = action->name.name;
      if (e.args.size() > action->params.size()) fail(code.name + ": too many action arguments");
      for (size_t i = 0; i < e.args.size(); ++i) {
        const rt::Type* pt = rtType(action->params[i].type->resolved);
        effect.argSlots.push_back(addSlot(exprAs(*e.args[i], pt)));
      }
    }
    out.effects.push_back(std::move(effect));
  }
  auto makeTemplate = [&](const ast::Template& t) {
    rt::MessageTemplate m;
    m.parts = t.texts;
    for (const ast::ExprPtr& x : t.exprs) m.slots.push_back(addSlot(expr(*x)));
    return m;
  };
  if (decl->message) {
    const ast::Message& m = *decl->message;
    if (m.plain) out.messageEn = makeTemplate(*m.plain);
    if (m.en) out.messageEn = makeTemplate(*m.en);
    if (m.zh) out.messageZh = makeTemplate(*m.zh);
  }
  code.frameSize = std::max(code.frameSize, maxSlot_);
}

void Lowerer::lowerTests() {
  for (const check::TestInfo& info : prog_.tests()) {
    const ast::TestDecl* decl = info.decl;
    TestCode test;
    test.name = decl->name.name;
    test.nowMicros = decl->nowMicros;
    test.givenSlot = decl->given.slot;
    maxSlot_ = 0;
    noteSlot(test.givenSlot);
    if (info.givenType && info.given) {
      test.givenType = rtType(info.givenType);
      test.given = mod_.constants[addConstant(*info.given, test.givenType)].bytes;
      auto it = std::find(mod_.entries.begin(), mod_.entries.end(), test.givenType);
      if (it != mod_.entries.end()) test.entry = static_cast<int32_t>(it - mod_.entries.begin());
    }
    for (const ast::Expectation& x : decl->expectations) {
      if (x.kind == ast::ExpectKind::Assert && x.condition) test.asserts.push_back(expr(*x.condition));
      if (x.kind != ast::ExpectKind::Require || !x.hasArgs) continue;
      auto* action = x.targetDecl ? x.targetDecl->as<ast::ActionDecl>() : nullptr;
      std::vector<const Node*> args;
      for (size_t i = 0; i < x.args.size(); ++i) {
        const rt::Type* pt = action && i < action->params.size() ? rtType(action->params[i].type->resolved) : nullptr;
        args.push_back(exprAs(*x.args[i], pt));
      }
      test.requireArgs.push_back(std::move(args));
    }
    test.frameSize = std::max(prog_.frameSize(decl), maxSlot_);
    mod_.tests.push_back(std::move(test));
  }
}

}  // namespace gai::ir
