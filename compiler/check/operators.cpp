// Operators: typing rules of LANGUAGE.md §4.
#include "check/checker.h"

namespace gai::check {

namespace {
constexpr uint64_t kInt64MinMagnitude = 9223372036854775808ull;

}  // namespace

const Type* Checker::checkUnary(ast::UnaryExpr& expr, const Type* expected) {
  const Type* want = expected ? expected->stripOptional() : nullptr;
  if (expr.op == ast::UnaryOp::Not) {
    checkAgainst(*expr.operand, types_.boolType());
    return types_.boolType();
  }
  if (auto* lit = expr.operand->as<ast::IntLit>()) {
    if (lit->overflow || lit->magnitude > kInt64MinMagnitude) diags_.emit(DiagId::IntOutOfRange, expr.loc, "-" + lit->text);
    const Type* t = want && want->is(TypeKind::Float) ? types_.floatType() : types_.intType();
    lit->type = t;
    return t;
  }
  const Type* t = requireValue(*expr.operand, checkExpr(*expr.operand, expected), "operand of '-'");
  if (t->isNumeric() || t->is(TypeKind::Duration) || t->isError()) return t;
  diags_.emit(DiagId::BadOperand, expr.loc, "-", t->name());
  return types_.error();
}

const Type* Checker::checkBinary(ast::BinaryExpr& expr, const Type* expected) {
  using Op = ast::BinaryOp;
  switch (expr.op) {
    case Op::Implies:
    case Op::Or:
    case Op::And:
      checkAgainst(*expr.lhs, types_.boolType());
      checkAgainst(*expr.rhs, types_.boolType());
      return types_.boolType();
    case Op::Eq:
    case Op::Ne:
      return checkEquality(expr);
    case Op::In:
    case Op::NotIn:
      return checkMembership(expr);
    case Op::Coalesce:
      return checkCoalesce(expr, expected);
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      const Type* l = requireValue(*expr.lhs, checkExpr(*expr.lhs, nullptr), "comparison");
      const Type* r = requireValue(*expr.rhs, checkExpr(*expr.rhs, l->isError() ? nullptr : l), "comparison");
      if (l->is(TypeKind::Float) && isIntLiteral(*expr.rhs)) retypeIntLiteral(*expr.rhs, r = l);
      if (r->is(TypeKind::Float) && isIntLiteral(*expr.lhs)) retypeIntLiteral(*expr.lhs, l = r);
      if (l->isError() || r->isError()) return types_.boolType();
      if (l != r) {
        diags_.emit(DiagId::BadOperands, expr.opLoc, ast::spelling(expr.op), l->name(), r->name());
      } else if (!isOrdered(l)) {
        diags_.emit(DiagId::NotOrdered, expr.opLoc, l->name());
      }
      return types_.boolType();
    }
    default:
      return checkArithmetic(expr, expected);
  }
}

const Type* Checker::checkEquality(ast::BinaryExpr& expr) {
  const Type *l, *r;
  if (needsExpected(*expr.lhs) && !needsExpected(*expr.rhs)) {
    r = checkExpr(*expr.rhs, nullptr);
    l = checkExpr(*expr.lhs, r->is(TypeKind::None) ? nullptr : r);
  } else {
    l = checkExpr(*expr.lhs, nullptr);
    r = checkExpr(*expr.rhs, l->is(TypeKind::None) ? nullptr : l);
  }
  if (l->stripOptional()->is(TypeKind::Float) && isIntLiteral(*expr.rhs)) retypeIntLiteral(*expr.rhs, r = l->stripOptional());
  if (r->stripOptional()->is(TypeKind::Float) && isIntLiteral(*expr.lhs)) retypeIntLiteral(*expr.lhs, l = r->stripOptional());
  if (l->isError() || r->isError()) return types_.boolType();
  bool compatible = l->stripOptional() == r->stripOptional() ||
                    (l->is(TypeKind::None) && r->isOptional()) || (r->is(TypeKind::None) && l->isOptional());
  if (!compatible || !isEquatable(l) || !isEquatable(r) ||
      (l->is(TypeKind::None) && r->is(TypeKind::None))) {
    auto& d = diags_.emit(DiagId::BadOperands, expr.opLoc, ast::spelling(expr.op), l->name(), r->name());
    if (l->is(TypeKind::None) || r->is(TypeKind::None)) d.withHelp("only optional values can be compared with none");
  }
  return types_.boolType();
}

const Type* Checker::checkMembership(ast::BinaryExpr& expr) {
  const Type *l, *c;
  if (needsExpected(*expr.rhs) && !needsExpected(*expr.lhs)) {
    l = requireValue(*expr.lhs, checkExpr(*expr.lhs, nullptr), "left side of 'in'");
    const Type* want = nullptr;
    if (!l->isError() && isSetElement(l) && expr.rhs->as<ast::SetLit>()) want = types_.setOf(l);
    if (!l->isError() && expr.rhs->as<ast::ListLit>()) want = types_.listOf(l);
    c = requireValue(*expr.rhs, checkExpr(*expr.rhs, want), "collection");
  } else {
    c = requireValue(*expr.rhs, checkExpr(*expr.rhs, nullptr), "collection");
    const Type* elem = c->isCollection() ? c->elem() : nullptr;
    l = requireValue(*expr.lhs, checkExpr(*expr.lhs, elem), "left side of 'in'");
    if (elem && elem->is(TypeKind::Float) && isIntLiteral(*expr.lhs)) retypeIntLiteral(*expr.lhs, l = elem);
  }
  if (c->isError() || l->isError()) return types_.boolType();
  if (!c->isCollection()) {
    diags_.emit(DiagId::NotCollection, expr.rhs->loc, c->name()).withHelp("for substrings use text.contains(s, sub)");
    return types_.boolType();
  }
  if (!assignable(l, c->elem()) || !isEquatable(c->elem())) {
    diags_.emit(DiagId::BadOperands, expr.opLoc, ast::spelling(expr.op), l->name(), c->name());
  }
  return types_.boolType();
}

const Type* Checker::checkCoalesce(ast::BinaryExpr& expr, const Type* expected) {
  const Type* want = expected ? types_.optionalOf(expected->stripOptional()) : nullptr;
  const Type* l = checkExpr(*expr.lhs, want);
  if (l->isError()) {
    checkExpr(*expr.rhs, expected);
    return types_.error();
  }
  if (!l->isOptional()) {
    diags_.emit(DiagId::BadOperand, expr.opLoc, "??", l->name())
        .withHelp("the left side of `??` must be optional");
    checkExpr(*expr.rhs, l);
    return l;
  }
  const Type* inner = l->elem();
  const Type* r = checkExpr(*expr.rhs, expected && expected->isOptional() ? l : inner);
  if (inner->is(TypeKind::Float) && isIntLiteral(*expr.rhs)) retypeIntLiteral(*expr.rhs, r = inner);
  if (r->isError() || r == inner) return inner;
  if (r == l || r->is(TypeKind::None)) return l;
  diags_.emit(DiagId::TypeMismatch, expr.rhs->loc, inner->name(), r->name());
  return inner;
}

const Type* Checker::checkArithmetic(ast::BinaryExpr& expr, const Type* expected) {
  using Op = ast::BinaryOp;
  const Type* want = expected ? expected->stripOptional() : nullptr;
  const Type* numericWant = want && want->isNumeric() ? want : nullptr;
  const Type* l = requireValue(*expr.lhs, checkExpr(*expr.lhs, numericWant), "arithmetic");
  const Type* r = requireValue(*expr.rhs, checkExpr(*expr.rhs, l->isNumeric() ? l : numericWant), "arithmetic");
  if (l->is(TypeKind::Float) && isIntLiteral(*expr.rhs)) retypeIntLiteral(*expr.rhs, r = l);
  if (r->is(TypeKind::Float) && isIntLiteral(*expr.lhs)) retypeIntLiteral(*expr.lhs, l = r);
  if (l->isError() || r->isError()) return types_.error();
  TypeKind a = l->kind(), b = r->kind();
  auto both = [&](TypeKind x, TypeKind y) { return a == x && b == y; };
  const Type* result = nullptr;
  const Type* dur = types_.durationType();
  switch (expr.op) {
    case Op::Add:
      if (l == r && (l->isNumeric() || a == TypeKind::Duration)) result = l;
      else if (both(TypeKind::Timestamp, TypeKind::Duration) || both(TypeKind::Date, TypeKind::Duration)) result = l;
      else if (both(TypeKind::Duration, TypeKind::Timestamp) || both(TypeKind::Duration, TypeKind::Date)) result = r;
      break;
    case Op::Sub:
      if (l == r && (l->isNumeric() || a == TypeKind::Duration)) result = l;
      else if (both(TypeKind::Timestamp, TypeKind::Duration) || both(TypeKind::Date, TypeKind::Duration)) result = l;
      else if (both(TypeKind::Timestamp, TypeKind::Timestamp) || both(TypeKind::Date, TypeKind::Date)) result = dur;
      break;
    case Op::Mul:
      if (l == r && l->isNumeric()) result = l;
      else if (both(TypeKind::Duration, TypeKind::Int) || both(TypeKind::Int, TypeKind::Duration)) result = dur;
      break;
    case Op::Div:
      if (l == r && l->isNumeric()) result = l;
      break;
    case Op::Mod:
      if (l == r && a == TypeKind::Int) result = l;
      break;
    default:
      break;
  }
  if (result) return result;
  diags_.emit(DiagId::BadOperands, expr.opLoc, ast::spelling(expr.op), l->name(), r->name());
  return types_.error();
}

}  // namespace gai::check
