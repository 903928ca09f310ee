// Names, fields and calls: resolution in the order of LANGUAGE.md §4.
#include <algorithm>

#include <re2/re2.h>

#include "check/checker.h"

namespace gai::check {

namespace {
int memberIndex(const ast::EnumDecl* decl, const std::string& name) {
  for (size_t i = 0; i < decl->members.size(); ++i) {
    if (decl->members[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const Type* stdParamType(TypeContext& types, StdParam p) {
  switch (p) {
    case StdParam::Bool: return types.boolType();
    case StdParam::Int: return types.intType();
    case StdParam::Float: return types.floatType();
    case StdParam::String:
    case StdParam::Pattern: return types.stringType();
    case StdParam::Date: return types.dateType();
    case StdParam::Timestamp: return types.timestampType();
    case StdParam::Duration: return types.durationType();
    case StdParam::StringSet: return types.setOf(types.stringType());
  }
  return types.error();
}
}  // namespace

const Type* Checker::checkName(ast::NameExpr& expr, const Type* expected) {
  const std::string& name = expr.name.name;
  if (const ast::Binder* local = findLocal(name)) {
    expr.res.ref = ast::Ref::Local;
    expr.res.local = local;
    return local->type ? local->type : types_.error();
  }
  const Type* want = expected ? expected->stripOptional() : nullptr;
  if (want && want->is(TypeKind::Enum)) {
    int index = memberIndex(want->enumDecl(), name);
    if (index >= 0) {
      expr.res.ref = ast::Ref::EnumMember;
      expr.res.decl = want->enumDecl();
      expr.res.index = static_cast<uint32_t>(index);
      return want;
    }
  }
  Target t = lookupInFile(name);
  if (t.kind == Target::Kind::Decl) {
    if (auto* c = t.decl->as<ast::ConstDecl>()) {
      expr.res.ref = ast::Ref::Const;
      expr.res.decl = c;
      noteUse(c, expr.loc);
      return c->type && c->type->resolved ? c->type->resolved : types_.error();
    }
    diags_.emit(DiagId::WrongKindOfName, expr.loc, name, declWhat(t.decl), "a value");
    return types_.error();
  }
  if (t.kind == Target::Kind::Package || t.kind == Target::Kind::StdModule) {
    expr.res.ref = ast::Ref::Package;
    diags_.emit(DiagId::ModuleNotValue, expr.loc, name);
    return types_.error();
  }
  // A bare member of some enum of the package, where no enum is expected.
  for (const auto& [symbol, decl] : prog_.packages_[file_->package].symbols) {
    auto* e = decl->as<ast::EnumDecl>();
    if (e && memberIndex(e, name) >= 0) {
      diags_.emit(DiagId::BareMember, expr.loc, name).withHelp("write it as " + e->name.name + "." + name);
      return types_.error();
    }
  }
  diags_.emit(DiagId::UnknownName, expr.loc, name);
  return types_.error();
}

// A base that denotes a package, std module or type rather than a value; records the
// resolution on the base.
static bool staticBase(Checker& c, ast::Expr& base, Target& out) {
  if (auto* name = base.as<ast::NameExpr>()) {
    if (c.findLocal(name->name.name)) return false;
    Target t = c.lookupInFile(name->name.name);
    if (t.kind == Target::Kind::Package || t.kind == Target::Kind::StdModule) {
      name->res.ref = ast::Ref::Package;
      out = t;
      return true;
    }
    if (t.kind == Target::Kind::Decl && (t.decl->as<ast::EnumDecl>() || t.decl->as<ast::RecordDecl>())) {
      name->res.ref = ast::Ref::Type;
      name->res.decl = t.decl;
      out = t;
      return true;
    }
    return false;
  }
  auto* field = base.as<ast::FieldExpr>();
  Target inner;
  if (!field || !staticBase(c, *field->base, inner) || inner.kind != Target::Kind::Package) return false;
  const ast::Decl* decl = c.lookupDecl(inner.package, field->field.name);
  if (!decl || !(decl->as<ast::EnumDecl>() || decl->as<ast::RecordDecl>())) return false;
  field->res.ref = ast::Ref::Type;
  field->res.decl = decl;
  out.kind = Target::Kind::Decl;
  out.decl = decl;
  return true;
}

const Type* Checker::checkField(ast::FieldExpr& expr, const Type* expected) {
  Target base;
  if (staticBase(*this, *expr.base, base)) {
    const std::string& name = expr.field.name;
    if (base.kind == Target::Kind::StdModule) {
      diags_.emit(DiagId::WrongKindOfName, expr.loc, base.stdModule + "." + name, "a function", "a value");
      return types_.error();
    }
    if (base.kind == Target::Kind::Package) {
      const ast::Decl* decl = lookupDecl(base.package, name);
      if (!decl) {
        diags_.emit(DiagId::UnknownName, expr.field.loc, prog_.packages_[base.package].name + "." + name);
        return types_.error();
      }
      if (auto* c = decl->as<ast::ConstDecl>()) {
        expr.res.ref = ast::Ref::Const;
        expr.res.decl = c;
        noteUse(c, expr.loc);
        return c->type && c->type->resolved ? c->type->resolved : types_.error();
      }
      diags_.emit(DiagId::WrongKindOfName, expr.loc, name, declWhat(decl), "a value");
      return types_.error();
    }
    auto* e = base.decl->as<ast::EnumDecl>();
    if (!e) {
      diags_.emit(DiagId::WrongKindOfName, expr.base->loc, base.decl->name.name, "a record", "a value");
      return types_.error();
    }
    int index = memberIndex(e, name);
    if (index < 0) {
      diags_.emit(DiagId::UnknownEnumMember, expr.field.loc, e->name.name, name);
      return types_.error();
    }
    expr.res.ref = ast::Ref::EnumMember;
    expr.res.decl = e;
    expr.res.index = static_cast<uint32_t>(index);
    return prog_.declType(e);
  }
  const Type* baseType = checkExpr(*expr.base, nullptr);
  const Type* rec = baseType->stripOptional();
  if (rec->isError()) return rec;
  if (!rec->is(TypeKind::Record)) {
    diags_.emit(DiagId::NotARecord, expr.base->loc, baseType->name());
    return types_.error();
  }
  if (baseType->isOptional() && !expr.optionalChain) {
    diags_.emit(DiagId::OptionalAsValue, expr.base->loc, baseType->name(), rec->name())
        .withHelp("use `?.` to read a field of an optional (the result is optional), or test it with "
                  "`present(...)`");
  }
  const auto& fields = rec->recordDecl()->fields;
  auto it = std::find_if(fields.begin(), fields.end(),
                         [&](const ast::FieldDecl& f) { return f.name.name == expr.field.name; });
  if (it == fields.end()) {
    diags_.emit(DiagId::UnknownField, expr.field.loc, rec->name(), expr.field.name);
    return types_.error();
  }
  expr.res.ref = ast::Ref::RecordField;
  expr.res.index = static_cast<uint32_t>(it - fields.begin());
  const Type* fieldType = it->type && it->type->resolved ? it->type->resolved : types_.error();
  return baseType->isOptional() && expr.optionalChain ? types_.optionalOf(fieldType) : fieldType;
}

const Type* Checker::checkCall(ast::CallExpr& call, const Type* expected) {
  auto fail = [&]() {
    for (ast::ExprPtr& arg : call.args) checkExpr(*arg, nullptr);
    return types_.error();
  };
  auto dispatch = [&](const ast::Decl* decl, ast::Resolution& res, Loc loc, const std::string& shown) {
    if (auto* fn = decl->as<ast::FnDecl>()) {
      res.ref = ast::Ref::Fn;
      res.decl = fn;
      return checkFnCall(call, fn);
    }
    if (auto* rule = decl->as<ast::RuleDecl>()) {
      res.ref = ast::Ref::Rule;
      res.decl = rule;
      return checkRuleCall(call, rule);
    }
    diags_.emit(DiagId::NotCallable, loc, shown).withHelp("'" + shown + "' is " + declWhat(decl));
    return fail();
  };
  if (auto* name = call.callee->as<ast::NameExpr>()) {
    const std::string& n = name->name.name;
    if (findLocal(n)) {
      diags_.emit(DiagId::NotCallable, name->loc, n);
      return fail();
    }
    Target t = lookupInFile(n);
    if (t.kind == Target::Kind::Decl) return dispatch(t.decl, name->res, name->loc, n);
    static const std::pair<const char*, ast::Builtin> builtins[] = {
        {"int", ast::Builtin::Int},     {"float", ast::Builtin::Float}, {"present", ast::Builtin::Present},
        {"size", ast::Builtin::Size},   {"lines", ast::Builtin::Lines}};
    for (const auto& [spelling, builtin] : builtins) {
      if (n != spelling) continue;
      name->res.ref = ast::Ref::Builtin;
      name->res.index = static_cast<uint32_t>(builtin);
      return checkBuiltinCall(call, builtin, expected);
    }
    if (t.kind == Target::Kind::Package || t.kind == Target::Kind::StdModule) {
      diags_.emit(DiagId::ModuleNotValue, name->loc, n);
      return fail();
    }
    diags_.emit(DiagId::UnknownFunction, name->loc, n);
    return fail();
  }
  auto* field = call.callee->as<ast::FieldExpr>();
  Target base;
  if (field && staticBase(*this, *field->base, base)) {
    if (base.kind == Target::Kind::StdModule) return checkStdCall(call, field->res, base.stdModule, field->field.name);
    if (base.kind == Target::Kind::Package) {
      std::string shown = prog_.packages_[base.package].name + "." + field->field.name;
      const ast::Decl* decl = lookupDecl(base.package, field->field.name);
      if (!decl) {
        diags_.emit(DiagId::UnknownFunction, field->loc, shown);
        return fail();
      }
      return dispatch(decl, field->res, field->loc, shown);
    }
  }
  auto* baseName = field ? field->base->as<ast::NameExpr>() : nullptr;
  if (baseName && !findLocal(baseName->name.name) && lookupInFile(baseName->name.name).kind == Target::Kind::Nothing) {
    const std::string& n = baseName->name.name;
    auto& d = diags_.emit(DiagId::UnknownPackage, baseName->loc, n);
    if (n == "text" || n == "time" || n == "math") d.withHelp("add `import std." + n + "`");
    return fail();
  }
  checkExpr(*call.callee, nullptr);
  diags_.emit(DiagId::NotCallable, call.callee->loc, std::string(bundle_.sources.textOf(call.callee->loc)));
  return fail();
}

const Type* Checker::checkFnCall(ast::CallExpr& call, const ast::FnDecl* fn) {
  noteUse(fn, call.callee->loc);
  if (call.args.size() != fn->params.size()) {
    diags_.emit(DiagId::ArgumentCount, call.loc, fn->name.name, fn->params.size(), call.args.size())
        .withNote(fn->name.loc, "declared here");
  }
  for (size_t i = 0; i < call.args.size(); ++i) {
    const ast::TypeRef* ref = i < fn->params.size() ? fn->params[i].type.get() : nullptr;
    if (ref && ref->resolved) {
      checkAgainst(*call.args[i], ref->resolved);
    } else {
      checkExpr(*call.args[i], nullptr);
    }
  }
  return fn->result && fn->result->resolved ? fn->result->resolved : types_.error();
}

const Type* Checker::checkRuleCall(ast::CallExpr& call, const ast::RuleDecl* rule) {
  noteUse(rule, call.callee->loc);
  const Type* entry = rule->param.type && rule->param.type->resolved ? rule->param.type->resolved : types_.error();
  if (call.args.size() != 1) {
    diags_.emit(DiagId::ArgumentCount, call.loc, rule->name.name, 1, call.args.size());
    for (ast::ExprPtr& arg : call.args) checkExpr(*arg, nullptr);
    return types_.boolType();
  }
  const Type* arg = checkExpr(*call.args[0], entry);
  if (!arg->isError() && !entry->isError() && arg != entry) {
    diags_.emit(DiagId::RuleRefEntryType, call.args[0]->loc, rule->name.name, entry->name(), arg->name());
  }
  return types_.boolType();
}

const Type* Checker::checkBuiltinCall(ast::CallExpr& call, ast::Builtin builtin, const Type* expected) {
  static const char* names[] = {"int", "float", "present", "size", "lines"};
  const char* name = names[static_cast<int>(builtin)];
  if (call.args.size() != 1) {
    diags_.emit(DiagId::ArgumentCount, call.loc, name, 1, call.args.size());
    for (ast::ExprPtr& arg : call.args) checkExpr(*arg, nullptr);
    return types_.error();
  }
  ast::Expr& arg = *call.args[0];
  if (builtin == ast::Builtin::Lines) {
    checkExpr(arg, types_.stringType());
    if (!inConstValue_) {
      diags_.emit(DiagId::LinesOutsideConst, call.loc).withHelp("declare `const NAME: set<string> = lines(\"...\")`");
      return types_.error();
    }
    if (!arg.as<ast::StringLit>()) diags_.emit(DiagId::LinesPathNotLiteral, arg.loc);
    const Type* want = expected ? expected : types_.error();
    bool ok = want->isError() || (want->isCollection() && want->elem()->is(TypeKind::String));
    if (!ok) diags_.emit(DiagId::LinesType, call.loc, want->name());
    return ok ? want : types_.error();
  }
  const Type* t = checkExpr(arg, nullptr);
  if (t->isError()) return builtin == ast::Builtin::Present ? types_.boolType() : types_.error();
  switch (builtin) {
    case ast::Builtin::Int:
    case ast::Builtin::Float: {
      t = requireValue(arg, t, "conversion");
      if (!t->isNumeric()) diags_.emit(DiagId::TypeMismatch, arg.loc, "int or float", t->name());
      return builtin == ast::Builtin::Int ? types_.intType() : types_.floatType();
    }
    case ast::Builtin::Present:
      if (!t->isOptional()) diags_.emit(DiagId::TypeMismatch, arg.loc, "an optional value", t->name());
      return types_.boolType();
    case ast::Builtin::Size:
      t = requireValue(arg, t, "size");
      if (!t->isCollection()) diags_.emit(DiagId::NotCollection, arg.loc, t->name());
      return types_.intType();
    default:
      return types_.error();
  }
}

const Type* Checker::checkStdCall(ast::CallExpr& call, ast::Resolution& res, const std::string& module,
                                  const std::string& name) {
  const auto& table = stdFunctions();
  std::vector<uint32_t> overloads;
  bool anyNamed = false;
  for (uint32_t i = 0; i < table.size(); ++i) {
    if (module != table[i].module || name != table[i].name) continue;
    anyNamed = true;
    if (table[i].params.size() == call.args.size()) overloads.push_back(i);
  }
  std::string shown = module + "." + name;
  if (overloads.empty()) {
    if (!anyNamed) {
      diags_.emit(DiagId::UnknownFunction, call.callee->loc, shown);
    } else {
      for (const StdFn& fn : table) {
        if (module == fn.module && name == fn.name) {
          diags_.emit(DiagId::ArgumentCount, call.loc, shown, fn.params.size(), call.args.size());
          break;
        }
      }
    }
    for (ast::ExprPtr& arg : call.args) checkExpr(*arg, nullptr);
    return types_.error();
  }
  std::vector<const Type*> argTypes;
  for (size_t i = 0; i < call.args.size(); ++i) {
    const Type* common = stdParamType(types_, table[overloads[0]].params[i]);
    for (uint32_t o : overloads) {
      if (stdParamType(types_, table[o].params[i]) != common) common = nullptr;
    }
    argTypes.push_back(checkExpr(*call.args[i], common));
  }
  auto accepts = [&](uint32_t o) {
    for (size_t i = 0; i < call.args.size(); ++i) {
      const Type* want = stdParamType(types_, table[o].params[i]);
      bool literalToFloat = want->is(TypeKind::Float) && isIntLiteral(*call.args[i]);
      if (!assignable(argTypes[i], want) && !literalToFloat) return false;
      if (argTypes[i]->isOptional()) return false;
    }
    return true;
  };
  auto chosen = std::find_if(overloads.begin(), overloads.end(), accepts);
  uint32_t pick = chosen == overloads.end() ? overloads[0] : *chosen;
  const StdFn& fn = table[pick];
  for (size_t i = 0; i < call.args.size(); ++i) {
    const Type* want = stdParamType(types_, fn.params[i]);
    if (want->is(TypeKind::Float) && isIntLiteral(*call.args[i])) {
      retypeIntLiteral(*call.args[i], want);
      argTypes[i] = want;
    }
    if (!assignable(argTypes[i], want) || argTypes[i]->isOptional()) {
      if (chosen == overloads.end()) reportMismatch(*call.args[i], want, argTypes[i]);
    }
    if (fn.params[i] != StdParam::Pattern) continue;
    auto* lit = call.args[i]->as<ast::StringLit>();
    if (!lit) {
      diags_.emit(DiagId::PatternNotLiteral, call.args[i]->loc);
      continue;
    }
    RE2::Options opts;
    opts.set_log_errors(false);
    RE2 re(lit->value, opts);
    if (!re.ok()) {
      diags_.emit(DiagId::InvalidRegex, lit->loc, re.error());
      continue;
    }
    prog_.regexes_[&call] = lit->value;
  }
  res.ref = ast::Ref::StdFn;
  res.index = pick;
  return stdParamType(types_, fn.result);
}

}  // namespace gai::check
