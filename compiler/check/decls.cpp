// Declarations: signatures, bodies, rules, exceptions, effects, messages, laws, citations.
#include <algorithm>

#include "check/checker.h"

namespace gai::check {

void Checker::checkSignatures() {
  for (const ast::Decl* d : prog_.decls_) {
    if (auto* e = d->as<ast::EnumDecl>()) prog_.declTypes_[d] = types_.enumType(e);
    if (auto* r = d->as<ast::RecordDecl>()) prog_.declTypes_[d] = types_.recordType(r);
  }
  for (const ast::Decl* cd : prog_.decls_) {
    auto* d = const_cast<ast::Decl*>(cd);
    file_ = declFile_[d];
    if (auto* e = d->as<ast::EnumDecl>()) {
      for (size_t i = 0; i < e->members.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (e->members[j].name != e->members[i].name) continue;
          diags_.emit(DiagId::DuplicateMember, e->members[i].loc, e->members[i].name)
              .withNote(e->members[j].loc, "first declared here");
          break;
        }
      }
    } else if (auto* r = d->as<ast::RecordDecl>()) {
      for (size_t i = 0; i < r->fields.size(); ++i) {
        if (r->fields[i].type) resolveTypeRef(*r->fields[i].type);
        for (size_t j = 0; j < i; ++j) {
          if (r->fields[j].name.name != r->fields[i].name.name) continue;
          diags_.emit(DiagId::DuplicateField, r->fields[i].name.loc, r->fields[i].name.name)
              .withNote(r->fields[j].name.loc, "first declared here");
          break;
        }
      }
    } else if (auto* c = d->as<ast::ConstDecl>()) {
      if (c->type) resolveTypeRef(*c->type);
    } else if (auto* f = d->as<ast::FnDecl>()) {
      for (ast::Param& p : f->params) {
        if (p.type) resolveTypeRef(*p.type);
      }
      if (f->result) resolveTypeRef(*f->result);
    } else if (auto* a = d->as<ast::ActionDecl>()) {
      for (ast::Param& p : a->params) {
        if (p.type) resolveTypeRef(*p.type);
      }
    } else if (auto* rl = dynamic_cast<ast::RuleLike*>(d)) {
      const Type* t = rl->param.type ? resolveTypeRef(*rl->param.type) : types_.error();
      if (!t->isError() && !t->is(TypeKind::Record)) {
        diags_.emit(DiagId::EntryNotRecord, rl->param.type->loc, rl->name.name, t->name());
      }
    } else if (auto* law = d->as<ast::LawDecl>()) {
      checkLaw(*law);
    }
  }
  file_ = nullptr;
}

void Checker::checkBodies() {
  std::unordered_map<std::string, const ast::TestDecl*> testNames;
  for (const ast::Decl* cd : prog_.decls_) {
    auto* d = const_cast<ast::Decl*>(cd);
    file_ = declFile_[d];
    switch (d->kind) {
      case ast::DeclKind::Record: checkRecord(*d->as<ast::RecordDecl>()); break;
      case ast::DeclKind::Const: checkConst(*d->as<ast::ConstDecl>()); break;
      case ast::DeclKind::Fn: checkFn(*d->as<ast::FnDecl>()); break;
      case ast::DeclKind::Rule: checkRule(*d->as<ast::RuleDecl>()); break;
      case ast::DeclKind::Exception: checkException(*d->as<ast::ExceptionDecl>()); break;
      case ast::DeclKind::Test: {
        auto* test = d->as<ast::TestDecl>();
        std::string key = prog_.packages_[file_->package].name + "\n" + test->name.name;
        auto [it, inserted] = testNames.emplace(key, test);
        if (!inserted) {
          diags_.emit(DiagId::TestDuplicateName, test->name.loc, test->name.name)
              .withNote(it->second->name.loc, "first declared here");
        }
        checkTest(*test);
        break;
      }
      default: break;
    }
  }
  file_ = nullptr;
}

void Checker::checkRecord(ast::RecordDecl& decl) {
  beginFrame(&decl);
  for (ast::FieldDecl& field : decl.fields) {
    if (!field.defaultValue) continue;
    const Type* t = field.type && field.type->resolved ? field.type->resolved : types_.error();
    checkAgainst(*field.defaultValue, t);
  }
  endFrame();
}

void Checker::checkConst(ast::ConstDecl& decl) {
  beginFrame(&decl);
  const Type* t = decl.type && decl.type->resolved ? decl.type->resolved : types_.error();
  if (decl.value) {
    auto* call = decl.value->as<ast::CallExpr>();
    auto* callee = call ? call->callee->as<ast::NameExpr>() : nullptr;
    inConstValue_ = callee && callee->name.name == "lines" && !lookupDecl(file_->package, "lines");
    checkAgainst(*decl.value, t);
    inConstValue_ = false;
  }
  endFrame();
}

void Checker::checkFn(ast::FnDecl& decl) {
  beginFrame(&decl);
  for (ast::Param& p : decl.params) {
    for (const ast::Binder* prev : locals_) {
      if (prev->name.name == p.binder.name.name) {
        diags_.emit(DiagId::DuplicateDecl, p.binder.name.loc, p.binder.name.name, decl.name.name)
            .withNote(prev->name.loc, "first declared here");
      }
    }
    pushLocal(p.binder, p.type && p.type->resolved ? p.type->resolved : types_.error());
  }
  const Type* result = decl.result && decl.result->resolved ? decl.result->resolved : types_.error();
  if (decl.body) checkAgainst(*decl.body, result);
  endFrame();
}

void Checker::checkRuleLike(ast::RuleLike& decl) {
  const Type* entry = decl.param.type && decl.param.type->resolved ? decl.param.type->resolved : types_.error();
  if (!entry->is(TypeKind::Record)) entry = types_.error();
  pushLocal(decl.param.binder, entry);
  if (decl.when) {
    const Type* t = checkExpr(*decl.when, types_.boolType());
    if (t->isOptional() && t->elem()->is(TypeKind::Bool)) {
      reportMismatch(*decl.when, types_.boolType(), t);
    } else if (!t->isError() && !t->is(TypeKind::Bool)) {
      diags_.emit(DiagId::WhenNotBool, decl.when->loc, t->name());
    }
  }
  if (decl.effective) checkEffective(*decl.effective);
  checkCitations(decl);
}

void Checker::checkRule(ast::RuleDecl& decl) {
  beginFrame(&decl);
  checkRuleLike(decl);
  if (!decl.hasCites) {
    Loc at = decl.name.loc;
    if (options_.strict) {
      diags_.add(Diagnostic{DiagId::RuleWithoutCites, Severity::Error, at,
                            fmt::format(fmt::runtime(diagInfo(DiagId::RuleWithoutCites).format), decl.name.name),
                            "--strict requires every rule to cite its legal basis", {}});
    } else {
      diags_.emit(DiagId::RuleWithoutCites, at, decl.name.name)
          .withHelp("add `cites LAW art N` naming the provision this rule enforces");
    }
  }
  checkEffects(decl);
  checkMessage(decl);
  endFrame();
}

void Checker::checkException(ast::ExceptionDecl& decl) {
  beginFrame(&decl);
  checkRuleLike(decl);
  const Type* entry = decl.param.type ? decl.param.type->resolved : nullptr;
  decl.targetDecls.clear();
  for (const ast::QualName& name : decl.targets) {
    Target t = lookupQualified(name);
    if (t.kind == Target::Kind::Reported) continue;
    if (t.kind != Target::Kind::Decl) {
      diags_.emit(DiagId::UnknownRule, name.loc, name.str());
      continue;
    }
    auto* target = dynamic_cast<const ast::RuleLike*>(t.decl);
    if (!target) {
      diags_.emit(DiagId::ExceptionTargetKind, name.loc, name.str(), declWhat(t.decl));
      continue;
    }
    const Type* targetEntry = target->param.type ? target->param.type->resolved : nullptr;
    if (entry && targetEntry && entry != targetEntry && !entry->isError() && !targetEntry->isError()) {
      diags_.emit(DiagId::ExceptionEntryType, name.loc, decl.name.name, entry->name(), name.str(),
                  targetEntry->name())
          .withNote(target->param.type->loc, "the target's entry type");
      continue;
    }
    decl.targetDecls.push_back(target);
    used_.insert(target);
    // The target's outcome depends on this exception being in force.
    edges_[target].push_back({&decl, name.loc});
  }
  endFrame();
}

void Checker::checkEffective(const ast::Effective& eff) {
  if (eff.untilDays && *eff.untilDays < eff.fromDays) {
    diags_.emit(DiagId::EffectiveAfterUntil, eff.loc, eff.fromText, eff.untilText);
  }
}

const ast::ActionDecl* Checker::resolveAction(const ast::QualName& name) {
  Target t = lookupQualified(name);
  if (t.kind == Target::Kind::Reported) return nullptr;
  if (t.kind != Target::Kind::Decl) {
    diags_.emit(DiagId::UnknownAction, name.loc, name.str());
    return nullptr;
  }
  auto* action = t.decl->as<ast::ActionDecl>();
  if (!action) {
    diags_.emit(DiagId::WrongKindOfName, name.loc, name.str(), declWhat(t.decl), "an action");
    return nullptr;
  }
  used_.insert(action);
  return action;
}

void Checker::checkActionArgs(const ast::ActionDecl* action, bool hasArgs, std::vector<ast::ExprPtr>& args,
                              Loc loc, bool inTest) {
  if (!action) {
    for (ast::ExprPtr& arg : args) {
      if (arg) checkExpr(*arg, nullptr);
    }
    return;
  }
  bool countOk = args.size() == action->params.size() || (inTest && !hasArgs);
  if (!countOk) {
    auto& d = inTest ? diags_.emit(DiagId::ExpectArgs, loc, action->name.name, action->params.size(), args.size())
                     : diags_.emit(DiagId::ArgumentCount, loc, action->name.name, action->params.size(), args.size());
    d.withNote(action->name.loc, "declared here");
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i]) continue;
    const ast::TypeRef* ref = i < action->params.size() ? action->params[i].type.get() : nullptr;
    if (ref && ref->resolved) {
      checkAgainst(*args[i], ref->resolved);
    } else {
      checkExpr(*args[i], nullptr);
    }
  }
}

void Checker::checkEffects(ast::RuleDecl& decl) {
  for (ast::Effect& effect : decl.effects) {
    if (effect.kind != ast::EffectKind::Require) continue;
    effect.actionDecl = resolveAction(effect.action);
    checkActionArgs(effect.actionDecl ? effect.actionDecl->as<ast::ActionDecl>() : nullptr, effect.hasArgs,
                    effect.args, effect.loc, false);
  }
}

void Checker::checkMessage(ast::RuleDecl& decl) {
  if (!decl.message) return;
  for (std::optional<ast::Template>* t : {&decl.message->plain, &decl.message->en, &decl.message->zh}) {
    if (!*t) continue;
    for (ast::ExprPtr& e : (*t)->exprs) {
      if (!e) continue;
      const Type* type = checkExpr(*e, nullptr);
      if (type->is(TypeKind::None)) diags_.emit(DiagId::UntypedNone, e->loc);
    }
  }
}

}  // namespace gai::check
