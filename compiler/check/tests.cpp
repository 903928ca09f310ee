// Tests (LANGUAGE.md §6): given, expectations, asserts.
#include "check/checker.h"

namespace gai::check {

const ast::Decl* Checker::resolveRuleName(const ast::QualName& name, bool exceptionOnly) {
  Target t = lookupQualified(name);
  if (t.kind == Target::Kind::Reported) return nullptr;
  if (t.kind != Target::Kind::Decl) {
    diags_.emit(DiagId::UnknownRule, name.loc, name.str());
    return nullptr;
  }
  bool ok = exceptionOnly ? t.decl->kind == ast::DeclKind::Exception
                          : (t.decl->kind == ast::DeclKind::Rule || t.decl->kind == ast::DeclKind::Exception);
  if (!ok) {
    diags_.emit(DiagId::WrongKindOfName, name.loc, name.str(), declWhat(t.decl),
                exceptionOnly ? "an exception" : "a rule or exception");
    return nullptr;
  }
  return t.decl;
}

void Checker::checkTest(ast::TestDecl& decl) {
  beginFrame(&decl);
  const Type* givenType = nullptr;
  if (decl.givenValue) {
    givenType = checkExpr(*decl.givenValue, nullptr);
    if (givenType->isOptional() || (!givenType->isError() && !givenType->is(TypeKind::Record))) {
      diags_.emit(DiagId::TestGivenIncomplete, decl.givenValue->loc, "expected a record value, found " + givenType->name());
      givenType = types_.error();
    }
    pushLocal(decl.given, givenType);
  }
  for (ast::Expectation& exp : decl.expectations) checkExpectation(decl, exp, givenType);
  endFrame();
}

void Checker::checkExpectation(ast::TestDecl& test, ast::Expectation& exp, const Type* givenType) {
  using K = ast::ExpectKind;
  if (exp.kind == K::Assert) {
    if (exp.condition) checkAgainst(*exp.condition, types_.boolType());
    return;
  }
  if (!givenType) {
    diags_.emit(DiagId::TestWithoutGiven, exp.loc).withHelp("add `given NAME = value` to the test");
  }
  if (exp.kind == K::Require) {
    const ast::ActionDecl* action = resolveAction(exp.target);
    exp.targetDecl = action;
    checkActionArgs(action, exp.hasArgs, exp.args, exp.loc, true);
    return;
  }
  if (exp.kind == K::Deny || exp.kind == K::Allow) return;
  exp.targetDecl = resolveRuleName(exp.target, false);
  if (exp.kind == K::Excepted && exp.by) exp.byDecl = resolveRuleName(*exp.by, true);
  for (const ast::Decl* d : {exp.targetDecl, exp.byDecl}) {
    auto* rl = dynamic_cast<const ast::RuleLike*>(d);
    const Type* entry = rl && rl->param.type ? rl->param.type->resolved : nullptr;
    if (!entry || !givenType || entry->isError() || givenType->isError() || entry == givenType) continue;
    diags_.emit(DiagId::ExpectEntryType, exp.loc, d->name.name, entry->name(), givenType->name());
  }
}

void Checker::evaluateTests() {
  for (const ast::Decl* d : prog_.decls_) {
    auto* test = d->as<ast::TestDecl>();
    if (!test) continue;
    TestInfo info;
    info.decl = test;
    if (test->givenValue && test->given.type && !test->given.type->isError()) {
      info.givenType = test->given.type;
      info.given = evaluateGiven(*test->givenValue, test);
    }
    prog_.tests_.push_back(std::move(info));
  }
}

}  // namespace gai::check
