// Breaking expressions that do not fit on one line.
#include "format/format.h"
#include "format/layout.h"

namespace gai::format {

using namespace ast;

static Line lineOf(int col, std::string text, const Expr& expr) {
  return Line{col, std::move(text), expr.loc.offset, expr.loc.end(), -1};
}

// The line opening a broken set or list: it covers only the bracket.
static Line openLine(int col, const Expr& expr) { return Line{col, "", expr.loc.offset, expr.loc.offset + 1, -1}; }

static uint32_t closeOffset(const Expr& expr) { return expr.loc.end() > 0 ? expr.loc.end() - 1 : 0; }

// A comment inside a bracketed construct keeps it broken, one item per line, so the
// comment stays next to its item.
bool ExprLayout::mustBreak(const Expr& expr) const {
  auto inside = [&](uint32_t from) { return writer_.hasCommentIn(from, expr.loc.end()); };
  auto any = [&](const std::vector<ExprPtr>& exprs) {
    for (const ExprPtr& e : exprs) {
      if (e && mustBreak(*e)) return true;
    }
    return false;
  };
  auto sub = [&](const ExprPtr& e) { return e && mustBreak(*e); };
  switch (expr.kind) {
    case ExprKind::Field: return sub(static_cast<const FieldExpr&>(expr).base);
    case ExprKind::Call: {
      const auto& c = static_cast<const CallExpr&>(expr);
      return (c.callee && inside(c.callee->loc.end())) || sub(c.callee) || any(c.args);
    }
    case ExprKind::Unary: return sub(static_cast<const UnaryExpr&>(expr).operand);
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(expr);
      return sub(b.lhs) || sub(b.rhs);
    }
    case ExprKind::If: {
      const auto& i = static_cast<const IfExpr&>(expr);
      return sub(i.cond) || sub(i.then) || sub(i.otherwise);
    }
    case ExprKind::Let: {
      const auto& l = static_cast<const LetExpr&>(expr);
      return sub(l.init) || sub(l.body);
    }
    case ExprKind::Quant: {
      const auto& q = static_cast<const QuantExpr&>(expr);
      return inside(expr.loc.offset) || sub(q.collection) || sub(q.body);
    }
    case ExprKind::SetLit: return inside(expr.loc.offset) || any(static_cast<const SetLit&>(expr).elems);
    case ExprKind::ListLit: return inside(expr.loc.offset) || any(static_cast<const ListLit&>(expr).elems);
    case ExprKind::RecordLit: {
      const auto& r = static_cast<const RecordLit&>(expr);
      if (inside(r.typeName.loc.end())) return true;
      for (const FieldInit& f : r.fields) {
        if (sub(f.value)) return true;
      }
      return false;
    }
    case ExprKind::With: {
      const auto& w = static_cast<const WithExpr&>(expr);
      if ((w.base && inside(w.base->loc.end())) || sub(w.base)) return true;
      for (const WithUpdate& u : w.updates) {
        if (sub(u.value)) return true;
      }
      return false;
    }
    default: return false;
  }
}

// A line comment between two operands of an `and`/`or`/`implies` chain keeps the chain
// broken, so the comment stays after its operand.
bool ExprLayout::chainHasComment(const Expr& expr) const {
  const auto* b = expr.as<BinaryExpr>();
  if (!b || !b->lhs || !b->rhs) return false;
  if (b->op != BinaryOp::And && b->op != BinaryOp::Or && b->op != BinaryOp::Implies) return false;
  if (writer_.hasLineCommentIn(b->lhs->loc.end(), b->rhs->loc.offset)) return true;
  auto same = [&](const ExprPtr& e) {
    const auto* inner = e->as<BinaryExpr>();
    return inner && inner->op == b->op && chainHasComment(*e);
  };
  return b->op == BinaryOp::Implies ? same(b->rhs) : same(b->lhs);
}

Lines ExprLayout::layout(const Expr& expr, int col, int base, int minPrec, int reserve) const {
  if (!mustBreak(expr) && !chainHasComment(expr)) {
    std::string text = flat(expr, minPrec);
    if (col + width(text) + reserve <= kMaxWidth) return {lineOf(base, std::move(text), expr)};
  }
  if (needsParens(expr, minPrec)) {
    Lines inner = prefixed("(", broken(expr, col + 1, base, reserve + 1));
    append(inner, ")");
    return inner;
  }
  return broken(expr, col, base, reserve);
}

Lines ExprLayout::broken(const Expr& expr, int col, int base, int reserve) const {
  switch (expr.kind) {
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(expr);
      if (b.op == BinaryOp::And || b.op == BinaryOp::Or || b.op == BinaryOp::Implies) {
        return chain(b, col, base, reserve);
      }
      return binary(b, col, base, reserve);
    }
    case ExprKind::Unary: {
      const auto& u = static_cast<const UnaryExpr&>(expr);
      if (!u.operand) break;
      if (u.op == UnaryOp::Not) return prefixed("not ", layout(*u.operand, col + 4, base, kPrecNot, reserve));
      int prec = u.operand->as<UnaryExpr>() ? kPrecPostfix : kPrecNeg;
      return prefixed("-", layout(*u.operand, col + 1, base, prec, reserve));
    }
    case ExprKind::If: return ifLines(static_cast<const IfExpr&>(expr), col, reserve);
    case ExprKind::Let: return letLines(static_cast<const LetExpr&>(expr), col, reserve);
    case ExprKind::Quant: return quantLines(static_cast<const QuantExpr&>(expr), col, base, reserve);
    case ExprKind::Field:
    case ExprKind::Call:
    case ExprKind::SetLit:
    case ExprKind::ListLit:
    case ExprKind::RecordLit:
    case ExprKind::With: return postfix(expr, col, base, reserve);
    default: break;
  }
  return {lineOf(base, flatBare(expr), expr)};
}

// `a and b and c`: one operand per line, each continuation led by its operator.
Lines ExprLayout::chain(const BinaryExpr& expr, int col, int base, int reserve) const {
  struct Operand {
    const Expr* expr;
    uint32_t opFrom;
  };
  std::vector<Operand> operands;
  const Expr* rest = &expr;
  uint32_t opFrom = 0;
  if (expr.op == BinaryOp::Implies) {
    while (const auto* b = rest->as<BinaryExpr>()) {
      if (b->op != expr.op || !b->lhs || !b->rhs || (b != &expr && b->parenthesized)) break;
      operands.push_back({b->lhs.get(), opFrom});
      opFrom = b->opLoc.offset;
      rest = b->rhs.get();
    }
    operands.push_back({rest, opFrom});
  } else {
    std::vector<Operand> reversed;
    while (const auto* b = rest->as<BinaryExpr>()) {
      if (b->op != expr.op || !b->lhs || !b->rhs || (b != &expr && b->parenthesized)) break;
      reversed.push_back({b->rhs.get(), b->opLoc.offset});
      rest = b->lhs.get();
    }
    operands.push_back({rest, 0});
    operands.insert(operands.end(), reversed.rbegin(), reversed.rend());
  }
  std::string op = spelling(expr.op);
  int firstPrec = lhsPrec(expr.op), otherPrec = rhsPrec(expr.op);
  if (expr.op == BinaryOp::Implies) otherPrec = firstPrec;
  Lines out;
  for (size_t i = 0; i < operands.size(); ++i) {
    bool last = i + 1 == operands.size();
    int prec = i == 0 ? firstPrec : (last ? rhsPrec(expr.op) : otherPrec);
    if (i == 0) {
      out = layout(*operands[i].expr, col, base, prec, last ? reserve : 0);
      continue;
    }
    int opWidth = width(op) + 1;
    Lines part = prefixed(op + " ", layout(*operands[i].expr, col + opWidth, col, prec, last ? reserve : 0));
    part.front().col = col;
    part.front().from = operands[i].opFrom;
    for (Line& line : part) out.push_back(std::move(line));
  }
  return out;
}

// Other operators stay on the line; only their bracketed operands break.
Lines ExprLayout::binary(const BinaryExpr& expr, int col, int base, int reserve) const {
  if (!expr.lhs || !expr.rhs) return {lineOf(base, flatBare(expr), expr)};
  Lines out = layout(*expr.lhs, col, base, lhsPrec(expr.op), 0);
  std::string rhsFlat = flat(*expr.rhs, rhsPrec(expr.op));
  int continuation = col + 2 + width(spelling(expr.op)) + 1;
  if (out.size() == 1 && !mustBreak(*expr.rhs) && continuation + width(rhsFlat) + reserve <= kMaxWidth) {
    // `lhs` / `op rhs` on a continuation line, indented by 2.
    out.push_back(Line{col + 2, std::string(spelling(expr.op)) + " " + rhsFlat, expr.opLoc.offset, expr.rhs->loc.end(),
                       -1});
    return out;
  }
  int start = out.size() == 1 ? col : out.back().col;
  int rhsBase = out.size() == 1 ? base : out.back().col;
  std::string op = std::string(" ") + spelling(expr.op) + " ";
  int rhsCol = start + width(out.back().text) + width(op);
  append(out, prefixed(op, layout(*expr.rhs, rhsCol, rhsBase, rhsPrec(expr.op), reserve)));
  return out;
}

static void continueLine(Lines& out, Lines part, int col, uint32_t from) {
  part.front().col = col;
  part.front().from = from;
  for (Line& line : part) out.push_back(std::move(line));
}

Lines ExprLayout::ifLines(const IfExpr& expr, int col, int reserve) const {
  if (!expr.cond || !expr.then || !expr.otherwise) return {lineOf(col, flatBare(expr), expr)};
  Lines out = prefixed("if ", layout(*expr.cond, col + 3, col, kPrecExpr, 0));
  out.front().from = expr.loc.offset;
  continueLine(out, prefixed("then ", layout(*expr.then, col + 5, col, kPrecExpr, 0)), col,
               expr.then->loc.offset);
  const Expr& otherwise = *expr.otherwise;
  if (otherwise.kind == ExprKind::If) {
    // An `else if` ladder stays in one column.
    Lines ladder = ifLines(static_cast<const IfExpr&>(otherwise), col, reserve);
    ladder.front().text.insert(0, "else ");
    continueLine(out, std::move(ladder), col, otherwise.loc.offset);
    return out;
  }
  continueLine(out, prefixed("else ", layout(otherwise, col + 5, col, kPrecExpr, reserve)), col,
               otherwise.loc.offset);
  return out;
}

Lines ExprLayout::letLines(const LetExpr& expr, int col, int reserve) const {
  if (!expr.init || !expr.body) return {lineOf(col, flatBare(expr), expr)};
  std::string head = "let " + expr.var.name.name + " = ";
  int initPrec = hasBareIn(expr.init.get(), kPrecExpr) ? kPrecPrimary + 1 : kPrecExpr;
  Lines out = prefixed(head, layout(*expr.init, col + width(head), col, initPrec, 3));
  out.front().from = expr.loc.offset;
  append(out, " in");
  continueLine(out, layout(*expr.body, col, col, kPrecExpr, reserve), col, expr.body->loc.offset);
  return out;
}

Lines ExprLayout::quantLines(const QuantExpr& expr, int col, int base, int reserve) const {
  if (!expr.collection || !expr.body) return {lineOf(base, flatBare(expr), expr)};
  std::string head = std::string(spelling(expr.quant)) + "(" + expr.var.name.name + " in ";
  Lines out = prefixed(head, layout(*expr.collection, col + width(head), base, kPrecExpr, 1));
  out.front().from = expr.loc.offset;
  append(out, ":");
  continueLine(out, layout(*expr.body, base + 2, base + 2, kPrecExpr, 0), base + 2, expr.body->loc.offset);
  out.push_back(Line{base, ")", closeOffset(expr), expr.loc.end(), base + 2});
  return out;
}

Lines bracketed(const ExprLayout& layout, Lines head, const std::vector<ListItem>& items, const char* close,
                uint32_t closeAt, int base, int reserve) {
  int col = base + 2;
  for (const ListItem& item : items) {
    Lines part;
    if (item.value) {
      part = prefixed(item.label, layout.layout(*item.value, col + width(item.label), col, kPrecExpr, 1));
    } else {
      part = {Line{col, item.label, item.from, item.to, -1}};
    }
    append(part, ",");
    part.front().col = col;
    part.front().from = item.from;
    part.front().to = std::max(part.front().to, item.from);
    for (Line& line : part) head.push_back(std::move(line));
  }
  head.push_back(Line{base, close, closeAt, closeAt + 1, col});
  return head;
}

Lines ExprLayout::exprItems(const std::vector<ExprPtr>& exprs, const char* open, const char* close, Lines head,
                            const Expr& whole, int base, int reserve) const {
  append(head, open);
  std::vector<ListItem> items;
  for (const ExprPtr& e : exprs) {
    if (e) items.push_back(ListItem{e->loc.offset, e->loc.end(), "", e.get()});
  }
  return bracketed(*this, std::move(head), items, close, closeOffset(whole), base, reserve);
}

static std::string pathOf(const std::vector<Ident>& path) {
  std::string out;
  for (const Ident& part : path) out += (out.empty() ? "" : ".") + part.name;
  return out;
}

Lines ExprLayout::postfix(const Expr& expr, int col, int base, int reserve) const {
  auto headOf = [&](const ExprPtr& e) {
    return e ? layout(*e, col, base, kPrecPostfix, 0) : Lines{Line{base, "", expr.loc.offset, expr.loc.offset, -1}};
  };
  switch (expr.kind) {
    case ExprKind::Field: {
      const auto& f = static_cast<const FieldExpr&>(expr);
      Lines out = headOf(f.base);
      append(out, (f.optionalChain ? "?." : ".") + f.field.name);
      return out;
    }
    case ExprKind::Call: {
      const auto& c = static_cast<const CallExpr&>(expr);
      return exprItems(c.args, "(", ")", headOf(c.callee), expr, base, reserve);
    }
    case ExprKind::SetLit:
      return exprItems(static_cast<const SetLit&>(expr).elems, "{", "}", {openLine(base, expr)}, expr, base,
                       reserve);
    case ExprKind::ListLit:
      return exprItems(static_cast<const ListLit&>(expr).elems, "[", "]", {openLine(base, expr)}, expr, base,
                       reserve);
    case ExprKind::RecordLit: {
      const auto& r = static_cast<const RecordLit&>(expr);
      Lines head{Line{base, r.typeName.str() + " {", expr.loc.offset, r.typeName.loc.end(), -1}};
      std::vector<ListItem> items;
      for (const FieldInit& f : r.fields) {
        items.push_back(ListItem{f.name.loc.offset, f.name.loc.end(), f.name.name + ": ", f.value.get()});
      }
      return bracketed(*this, std::move(head), items, "}", closeOffset(expr), base, reserve);
    }
    case ExprKind::With: {
      const auto& w = static_cast<const WithExpr&>(expr);
      Lines head = headOf(w.base);
      append(head, " with {");
      std::vector<ListItem> items;
      for (const WithUpdate& u : w.updates) {
        uint32_t from = u.path.empty() ? 0 : u.path.front().loc.offset;
        uint32_t to = u.path.empty() ? 0 : u.path.back().loc.end();
        items.push_back(ListItem{from, to, pathOf(u.path) + ": ", u.value.get()});
      }
      return bracketed(*this, std::move(head), items, "}", closeOffset(expr), base, reserve);
    }
    default: return {lineOf(base, flatBare(expr), expr)};
  }
}

}  // namespace gai::format
