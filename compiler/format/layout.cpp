#include "format/layout.h"

#include <cstdio>

#include "format/format.h"

namespace gai::format {

using namespace ast;

std::string quoteString(std::string_view value) {
  std::string out = "\"";
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%X}", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string typeText(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::Named: return type.name.str();
    case TypeRef::Kind::List: return "list<" + (type.elem ? typeText(*type.elem) : "") + ">";
    case TypeRef::Kind::Set: return "set<" + (type.elem ? typeText(*type.elem) : "") + ">";
    case TypeRef::Kind::Optional: return (type.elem ? typeText(*type.elem) : "") + "?";
  }
  return "";
}

static int precOf(BinaryOp op) {
  switch (op) {
    case BinaryOp::Implies: return kPrecImplies;
    case BinaryOp::Or: return kPrecOr;
    case BinaryOp::And: return kPrecAnd;
    case BinaryOp::Coalesce: return kPrecCoalesce;
    case BinaryOp::Add:
    case BinaryOp::Sub: return kPrecAdd;
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod: return kPrecMul;
    default: return kPrecCmp;
  }
}

int precOf(const Expr& expr) {
  switch (expr.kind) {
    case ExprKind::If:
    case ExprKind::Let: return kPrecExpr;
    case ExprKind::Binary: return precOf(static_cast<const BinaryExpr&>(expr).op);
    case ExprKind::Unary:
      return static_cast<const UnaryExpr&>(expr).op == UnaryOp::Not ? kPrecNot : kPrecNeg;
    case ExprKind::Field:
    case ExprKind::Call:
    case ExprKind::With: return kPrecPostfix;
    default: return kPrecPrimary;
  }
}

// The minimum precedence of each operand: implies and ?? associate to the right,
// comparisons do not chain, the others associate to the left.
int lhsPrec(BinaryOp op) {
  int p = precOf(op);
  if (op == BinaryOp::Implies || op == BinaryOp::Coalesce || p == kPrecCmp) return p + 1;
  return p;
}
int rhsPrec(BinaryOp op) {
  int p = precOf(op);
  if (op == BinaryOp::Implies || op == BinaryOp::Coalesce) return p;
  return p + 1;
}
static int operandPrec(const UnaryExpr& expr) {
  if (expr.op == UnaryOp::Not) return kPrecNot;
  const auto* inner = expr.operand ? expr.operand->as<UnaryExpr>() : nullptr;
  return inner && inner->op == UnaryOp::Neg ? kPrecPostfix : kPrecNeg;
}

// Parentheses the author wrote around an operator's operand are kept when they group an
// operation (`a or (b and c)`, `(r with { f: v }).f`); around a name, a call or a whole
// clause they say nothing.
static bool keepsSourceParens(const Expr& expr, int minPrec) {
  if (!expr.parenthesized || minPrec == kPrecExpr) return false;
  return precOf(expr) < kPrecPostfix || expr.kind == ExprKind::With;
}

bool ExprLayout::needsParens(const Expr& expr, int minPrec) const {
  return precOf(expr) < minPrec || keepsSourceParens(expr, minPrec);
}

// Whether `in` could appear outside brackets once printed: a `let` initialiser must then
// be parenthesised (its grammar stops at the first top-level `in`).
bool hasBareIn(const Expr* expr, int minPrec) {
  if (!expr || precOf(*expr) < minPrec || keepsSourceParens(*expr, minPrec)) return false;
  switch (expr->kind) {
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(*expr);
      if (b.op == BinaryOp::In || b.op == BinaryOp::NotIn) return true;
      return hasBareIn(b.lhs.get(), lhsPrec(b.op)) || hasBareIn(b.rhs.get(), rhsPrec(b.op));
    }
    case ExprKind::Unary: {
      const auto& u = static_cast<const UnaryExpr&>(*expr);
      return hasBareIn(u.operand.get(), operandPrec(u));
    }
    case ExprKind::If:
    case ExprKind::Let: return true;
    case ExprKind::Field: return hasBareIn(static_cast<const FieldExpr&>(*expr).base.get(), kPrecPostfix);
    case ExprKind::Call: return hasBareIn(static_cast<const CallExpr&>(*expr).callee.get(), kPrecPostfix);
    case ExprKind::With: return hasBareIn(static_cast<const WithExpr&>(*expr).base.get(), kPrecPostfix);
    default: return false;
  }
}

std::string ExprLayout::flat(const Expr& expr, int minPrec) const {
  if (needsParens(expr, minPrec)) return "(" + flatBare(expr) + ")";
  return flatBare(expr);
}

std::string ExprLayout::flatList(const std::vector<ExprPtr>& exprs) const {
  std::string out;
  for (const ExprPtr& e : exprs) {
    if (!out.empty()) out += ", ";
    if (e) out += flat(*e);
  }
  return out;
}

static std::string pathText(const std::vector<Ident>& path) {
  std::string out;
  for (const Ident& part : path) out += (out.empty() ? "" : ".") + part.name;
  return out;
}

static std::string letInitText(const ExprLayout& layout, const LetExpr& let) {
  if (!let.init) return "";
  std::string init = layout.flat(*let.init);
  if (hasBareIn(let.init.get(), kPrecExpr)) return "(" + init + ")";
  return init;
}

std::string ExprLayout::flatBare(const Expr& expr) const {
  auto sub = [&](const ExprPtr& e, int prec) { return e ? flat(*e, prec) : std::string(); };
  switch (expr.kind) {
    case ExprKind::IntLit: return static_cast<const IntLit&>(expr).text;
    case ExprKind::FloatLit: return static_cast<const FloatLit&>(expr).text;
    case ExprKind::StringLit: return quoteString(static_cast<const StringLit&>(expr).value);
    case ExprKind::BoolLit: return static_cast<const BoolLit&>(expr).value ? "true" : "false";
    case ExprKind::NoneLit: return "none";
    case ExprKind::DateLit: return static_cast<const DateLit&>(expr).text;
    case ExprKind::TimestampLit: return static_cast<const TimestampLit&>(expr).text;
    case ExprKind::DurationLit: return static_cast<const DurationLit&>(expr).text;
    case ExprKind::Now: return "now";
    case ExprKind::Name: return static_cast<const NameExpr&>(expr).name.name;
    case ExprKind::Field: {
      const auto& f = static_cast<const FieldExpr&>(expr);
      return sub(f.base, kPrecPostfix) + (f.optionalChain ? "?." : ".") + f.field.name;
    }
    case ExprKind::Call: {
      const auto& c = static_cast<const CallExpr&>(expr);
      return sub(c.callee, kPrecPostfix) + "(" + flatList(c.args) + ")";
    }
    case ExprKind::Unary: {
      const auto& u = static_cast<const UnaryExpr&>(expr);
      return (u.op == UnaryOp::Not ? "not " : "-") + sub(u.operand, operandPrec(u));
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(expr);
      return sub(b.lhs, lhsPrec(b.op)) + " " + spelling(b.op) + " " + sub(b.rhs, rhsPrec(b.op));
    }
    case ExprKind::If: {
      const auto& i = static_cast<const IfExpr&>(expr);
      return "if " + sub(i.cond, 0) + " then " + sub(i.then, 0) + " else " + sub(i.otherwise, 0);
    }
    case ExprKind::Let: {
      const auto& l = static_cast<const LetExpr&>(expr);
      return "let " + l.var.name.name + " = " + letInitText(*this, l) + " in " + sub(l.body, 0);
    }
    case ExprKind::Quant: {
      const auto& q = static_cast<const QuantExpr&>(expr);
      return std::string(spelling(q.quant)) + "(" + q.var.name.name + " in " + sub(q.collection, 0) + ": " +
             sub(q.body, 0) + ")";
    }
    case ExprKind::SetLit: return "{" + flatList(static_cast<const SetLit&>(expr).elems) + "}";
    case ExprKind::ListLit: return "[" + flatList(static_cast<const ListLit&>(expr).elems) + "]";
    case ExprKind::RecordLit: {
      const auto& r = static_cast<const RecordLit&>(expr);
      std::string out = r.typeName.str() + " {";
      for (size_t i = 0; i < r.fields.size(); ++i) {
        out += (i ? ", " : " ") + r.fields[i].name.name + ": " + sub(r.fields[i].value, 0);
      }
      return out + (r.fields.empty() ? "}" : " }");
    }
    case ExprKind::With: {
      const auto& w = static_cast<const WithExpr&>(expr);
      std::string out = sub(w.base, kPrecPostfix) + " with {";
      for (size_t i = 0; i < w.updates.size(); ++i) {
        out += (i ? ", " : " ") + pathText(w.updates[i].path) + ": " + sub(w.updates[i].value, 0);
      }
      return out + (w.updates.empty() ? "}" : " }");
    }
  }
  return "";
}

}  // namespace gai::format
