// Expression checking: literals, names, fields, control forms, collections, records.
#include <algorithm>

#include "check/checker.h"

namespace gai::check {

namespace {
constexpr uint64_t kInt64Max = 9223372036854775807ull;

const Type* unify(TypeContext& types, const Type* a, const Type* b) {
  if (a == b) return a;
  if (a->isError()) return b;
  if (b->isError()) return a;
  if (a->is(TypeKind::None)) return types.optionalOf(b);
  if (b->is(TypeKind::None)) return types.optionalOf(a);
  if (a->isOptional() && a->elem() == b) return a;
  if (b->isOptional() && b->elem() == a) return b;
  return nullptr;
}
}  // namespace

bool Checker::isIntLiteral(const ast::Expr& expr) const {
  if (expr.kind == ast::ExprKind::IntLit) return true;
  auto* unary = expr.as<ast::UnaryExpr>();
  return unary && unary->op == ast::UnaryOp::Neg && unary->operand &&
         unary->operand->kind == ast::ExprKind::IntLit;
}

void Checker::retypeIntLiteral(ast::Expr& expr, const Type* target) {
  expr.type = target;
  if (auto* unary = expr.as<ast::UnaryExpr>()) unary->operand->type = target;
}

bool Checker::needsExpected(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::NoneLit:
      return true;
    case ast::ExprKind::Name: {
      const std::string& name = expr.as<ast::NameExpr>()->name.name;
      // Module aliases are never values, so a name that is one still wants an enum member.
      return !findLocal(name) && !lookupDecl(file_->package, name);
    }
    case ast::ExprKind::SetLit:
    case ast::ExprKind::ListLit: {
      const auto& elems = expr.kind == ast::ExprKind::SetLit ? expr.as<ast::SetLit>()->elems
                                                             : expr.as<ast::ListLit>()->elems;
      for (const ast::ExprPtr& e : elems) {
        if (!e || !needsExpected(*e)) return false;
      }
      return true;
    }
    case ast::ExprKind::If: {
      auto* e = expr.as<ast::IfExpr>();
      return e->then && e->otherwise && needsExpected(*e->then) && needsExpected(*e->otherwise);
    }
    default:
      return false;
  }
}

bool Checker::assignable(const Type* from, const Type* to) const {
  if (from == to || from->isError() || to->isError()) return true;
  if (to->isOptional()) {
    return from == to->elem() || from->is(TypeKind::None) ||
           (from->isOptional() && from->elem()->isError());
  }
  return false;
}

void Checker::reportMismatch(const ast::Expr& expr, const Type* expected, const Type* found) {
  if (found->isOptional() && assignable(found->elem(), expected)) {
    diags_.emit(DiagId::OptionalAsValue, expr.loc, found->name(), expected->name())
        .withHelp("give a default with `?? value`, or test it first with `present(...)`");
    return;
  }
  diags_.emit(DiagId::TypeMismatch, expr.loc, expected->name(), found->name());
}

const Type* Checker::checkAgainst(ast::Expr& expr, const Type* expected, const char* what) {
  const Type* found = checkExpr(expr, expected);
  if (expected->is(TypeKind::Float) && isIntLiteral(expr) && found->is(TypeKind::Int)) {
    retypeIntLiteral(expr, expected);
    return expected;
  }
  if (!assignable(found, expected)) reportMismatch(expr, expected, found);
  return found;
}

// A value of type `type` is about to be used where a non-optional is needed.
const Type* Checker::requireValue(ast::Expr& expr, const Type* type, const char* context) {
  if (!type->isOptional()) return type;
  diags_.emit(DiagId::OptionalAsValue, expr.loc, type->name(), type->elem()->name())
      .withHelp(std::string("the ") + context +
                " needs a value: give a default with `?? value`, or test it with `present(...)`");
  return type->elem();
}

namespace {
bool allPresent(const std::vector<ast::ExprPtr>& list) {
  for (const ast::ExprPtr& e : list) {
    if (!e) return false;
  }
  return true;
}

// Whether the parser left every child in place (a partial tree after a syntax error may
// have holes); the checker never looks into an expression with holes.
bool childrenPresent(const ast::Expr& expr) {
  switch (expr.kind) {
    case ast::ExprKind::Field: return expr.as<ast::FieldExpr>()->base != nullptr;
    case ast::ExprKind::Call: {
      auto* e = expr.as<ast::CallExpr>();
      return e->callee && allPresent(e->args);
    }
    case ast::ExprKind::Unary: return expr.as<ast::UnaryExpr>()->operand != nullptr;
    case ast::ExprKind::Binary: {
      auto* e = expr.as<ast::BinaryExpr>();
      return e->lhs && e->rhs;
    }
    case ast::ExprKind::If: {
      auto* e = expr.as<ast::IfExpr>();
      return e->cond && e->then && e->otherwise;
    }
    case ast::ExprKind::Let: {
      auto* e = expr.as<ast::LetExpr>();
      return e->init && e->body;
    }
    case ast::ExprKind::Quant: {
      auto* e = expr.as<ast::QuantExpr>();
      return e->collection && e->body;
    }
    case ast::ExprKind::SetLit: return allPresent(expr.as<ast::SetLit>()->elems);
    case ast::ExprKind::ListLit: return allPresent(expr.as<ast::ListLit>()->elems);
    case ast::ExprKind::RecordLit:
      for (const ast::FieldInit& f : expr.as<ast::RecordLit>()->fields) {
        if (!f.value) return false;
      }
      return true;
    case ast::ExprKind::With: {
      auto* e = expr.as<ast::WithExpr>();
      if (!e->base) return false;
      for (const ast::WithUpdate& u : e->updates) {
        if (!u.value) return false;
      }
      return true;
    }
    default: return true;
  }
}
}  // namespace

const Type* Checker::checkExpr(ast::Expr& expr, const Type* expected) {
  const Type* type = types_.error();
  if (!childrenPresent(expr)) {
    expr.type = type;
    return type;
  }
  const Type* want = expected ? expected->stripOptional() : nullptr;
  switch (expr.kind) {
    case ast::ExprKind::IntLit: {
      auto& lit = *expr.as<ast::IntLit>();
      if (lit.overflow || lit.magnitude > kInt64Max) diags_.emit(DiagId::IntOutOfRange, expr.loc, lit.text);
      type = want && want->is(TypeKind::Float) ? types_.floatType() : types_.intType();
      break;
    }
    case ast::ExprKind::FloatLit: type = types_.floatType(); break;
    case ast::ExprKind::StringLit: type = types_.stringType(); break;
    case ast::ExprKind::BoolLit: type = types_.boolType(); break;
    case ast::ExprKind::NoneLit:
      type = expected && expected->isOptional() ? expected : types_.none();
      break;
    case ast::ExprKind::DateLit: type = types_.dateType(); break;
    case ast::ExprKind::TimestampLit: type = types_.timestampType(); break;
    case ast::ExprKind::DurationLit: type = types_.durationType(); break;
    case ast::ExprKind::Now: type = types_.timestampType(); break;
    case ast::ExprKind::Name: type = checkName(*expr.as<ast::NameExpr>(), expected); break;
    case ast::ExprKind::Field: type = checkField(*expr.as<ast::FieldExpr>(), expected); break;
    case ast::ExprKind::Call: type = checkCall(*expr.as<ast::CallExpr>(), expected); break;
    case ast::ExprKind::Unary: type = checkUnary(*expr.as<ast::UnaryExpr>(), expected); break;
    case ast::ExprKind::Binary: type = checkBinary(*expr.as<ast::BinaryExpr>(), expected); break;
    case ast::ExprKind::If: {
      auto& e = *expr.as<ast::IfExpr>();
      checkAgainst(*e.cond, types_.boolType());
      const Type* a = checkExpr(*e.then, expected);
      const Type* b = checkExpr(*e.otherwise, expected ? expected : (a->is(TypeKind::None) ? nullptr : a));
      if (a->is(TypeKind::Float) && isIntLiteral(*e.otherwise)) retypeIntLiteral(*e.otherwise, b = a);
      if (b->is(TypeKind::Float) && isIntLiteral(*e.then)) retypeIntLiteral(*e.then, a = b);
      type = unify(types_, a, b);
      if (!type) {
        diags_.emit(DiagId::TypeMismatch, e.otherwise->loc, a->name(), b->name())
            .withNote(e.then->loc, "the 'then' branch is " + a->name());
        type = types_.error();
      }
      break;
    }
    case ast::ExprKind::Let: {
      auto& e = *expr.as<ast::LetExpr>();
      const Type* init = checkExpr(*e.init, nullptr);
      if (init->is(TypeKind::None)) {
        diags_.emit(DiagId::UntypedNone, e.init->loc);
        init = types_.error();
      }
      pushLocal(e.var, init);
      type = checkExpr(*e.body, expected);
      popLocal();
      break;
    }
    case ast::ExprKind::Quant: type = checkQuant(*expr.as<ast::QuantExpr>()); break;
    case ast::ExprKind::SetLit:
      type = checkCollectionLit(expr, expr.as<ast::SetLit>()->elems, true, expected);
      break;
    case ast::ExprKind::ListLit:
      type = checkCollectionLit(expr, expr.as<ast::ListLit>()->elems, false, expected);
      break;
    case ast::ExprKind::RecordLit: type = checkRecordLit(*expr.as<ast::RecordLit>()); break;
    case ast::ExprKind::With: type = checkWith(*expr.as<ast::WithExpr>()); break;
  }
  expr.type = type;
  return type;
}

const Type* Checker::checkQuant(ast::QuantExpr& expr) {
  const Type* coll = requireValue(*expr.collection, checkExpr(*expr.collection, nullptr), "collection");
  const Type* elem = types_.error();
  if (coll->isCollection()) {
    elem = coll->elem();
  } else if (!coll->isError()) {
    diags_.emit(DiagId::NotCollection, expr.collection->loc, coll->name());
  }
  pushLocal(expr.var, elem);
  const Type* result = types_.boolType();
  if (expr.quant == ast::QuantKind::Sum) {
    const Type* body = requireValue(*expr.body, checkExpr(*expr.body, nullptr), "sum");
    if (!body->isNumeric() && !body->is(TypeKind::Duration) && !body->isError()) {
      diags_.emit(DiagId::TypeMismatch, expr.body->loc, "int, float or duration", body->name());
      body = types_.error();
    }
    result = body;
  } else {
    checkAgainst(*expr.body, types_.boolType());
    if (expr.quant == ast::QuantKind::Count) result = types_.intType();
  }
  popLocal();
  return result;
}

const Type* Checker::checkCollectionLit(ast::Expr& expr, std::vector<ast::ExprPtr>& elems, bool isSet,
                                        const Type* expected) {
  TypeKind kind = isSet ? TypeKind::Set : TypeKind::List;
  const Type* want = expected ? expected->stripOptional() : nullptr;
  const Type* elemType = want && want->is(kind) ? want->elem() : nullptr;
  if (elems.empty()) {
    if (elemType) return want;
    diags_.emit(DiagId::UntypedCollection, expr.loc)
        .withHelp("write it where its type is known, e.g. as a const or field value of a declared type");
    return types_.error();
  }
  if (!elemType) {
    // The first element that fixes the type, preferring one that is not an int literal.
    ast::Expr* lead = nullptr;
    for (ast::ExprPtr& e : elems) {
      if (needsExpected(*e)) continue;
      if (!lead || (isIntLiteral(*lead) && !isIntLiteral(*e))) lead = e.get();
    }
    if (!lead) lead = elems.front().get();
    elemType = checkExpr(*lead, nullptr);
    if (elemType->is(TypeKind::None)) elemType = types_.error();
    for (ast::ExprPtr& e : elems) {
      if (e.get() != lead) checkAgainst(*e, elemType);
    }
  } else {
    for (ast::ExprPtr& e : elems) checkAgainst(*e, elemType);
  }
  if (isSet && !isSetElement(elemType)) {
    diags_.emit(DiagId::BadSetElement, expr.loc, elemType->name());
    return types_.error();
  }
  return isSet ? types_.setOf(elemType) : types_.listOf(elemType);
}

const Type* Checker::checkRecordLit(ast::RecordLit& expr) {
  Target t = lookupQualified(expr.typeName);
  const ast::RecordDecl* record = t.kind == Target::Kind::Decl ? t.decl->as<ast::RecordDecl>() : nullptr;
  if (!record) {
    if (t.kind == Target::Kind::Decl || t.kind == Target::Kind::Type) {
      diags_.emit(DiagId::WrongKindOfName, expr.typeName.loc, expr.typeName.str(),
                  t.decl ? declWhat(t.decl) : "a builtin type", "a record");
    } else if (t.kind != Target::Kind::Reported) {
      diags_.emit(DiagId::UnknownType, expr.typeName.loc, expr.typeName.str());
    }
    for (ast::FieldInit& init : expr.fields) checkExpr(*init.value, nullptr);
    return types_.error();
  }
  expr.record = record;
  noteUse(record, expr.loc);
  std::vector<const ast::FieldInit*> given(record->fields.size(), nullptr);
  for (ast::FieldInit& init : expr.fields) {
    auto it = std::find_if(record->fields.begin(), record->fields.end(),
                           [&](const ast::FieldDecl& f) { return f.name.name == init.name.name; });
    if (it == record->fields.end()) {
      diags_.emit(DiagId::UnknownField, init.name.loc, record->name.name, init.name.name);
      checkExpr(*init.value, nullptr);
      continue;
    }
    init.fieldIndex = static_cast<uint32_t>(it - record->fields.begin());
    if (given[init.fieldIndex]) {
      diags_.emit(DiagId::DuplicateField, init.name.loc, init.name.name)
          .withNote(given[init.fieldIndex]->name.loc, "first given here");
    }
    given[init.fieldIndex] = &init;
    const Type* fieldType = it->type && it->type->resolved ? it->type->resolved : types_.error();
    checkAgainst(*init.value, fieldType);
  }
  for (size_t i = 0; i < record->fields.size(); ++i) {
    const ast::FieldDecl& field = record->fields[i];
    bool optional = field.type && field.type->resolved && field.type->resolved->isOptional();
    if (!given[i] && !field.defaultValue && !optional) {
      diags_.emit(DiagId::MissingRecordField, expr.loc, record->name.name, field.name.name)
          .withNote(field.loc, "declared here");
    }
  }
  return types_.recordType(record);
}

const Type* Checker::checkWith(ast::WithExpr& expr) {
  const Type* base = requireValue(*expr.base, checkExpr(*expr.base, nullptr), "base of 'with'");
  if (!base->is(TypeKind::Record)) {
    if (!base->isError()) diags_.emit(DiagId::NotARecord, expr.base->loc, base->name());
    for (ast::WithUpdate& u : expr.updates) checkExpr(*u.value, nullptr);
    return types_.error();
  }
  for (ast::WithUpdate& update : expr.updates) {
    const Type* cur = base;
    std::string pathText;
    update.fieldPath.clear();
    for (size_t i = 0; i < update.path.size() && cur; ++i) {
      const ast::Ident& step = update.path[i];
      pathText += (i ? "." : "") + step.name;
      const Type* rec = cur->stripOptional();
      if (!rec->is(TypeKind::Record)) {
        diags_.emit(DiagId::WithPathInvalid, step.loc, pathText, rec->name() + " has no fields");
        cur = nullptr;
        break;
      }
      const auto& fields = rec->recordDecl()->fields;
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const ast::FieldDecl& f) { return f.name.name == step.name; });
      if (it == fields.end()) {
        diags_.emit(DiagId::UnknownField, step.loc, rec->name(), step.name);
        cur = nullptr;
        break;
      }
      update.fieldPath.push_back(static_cast<uint32_t>(it - fields.begin()));
      cur = it->type && it->type->resolved ? it->type->resolved : types_.error();
    }
    if (cur) {
      checkAgainst(*update.value, cur);
    } else {
      checkExpr(*update.value, nullptr);
    }
  }
  return base;
}

}  // namespace gai::check
