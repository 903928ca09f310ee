// Expressions and types in the canonical layout: flat when they fit, else broken at the
// loosest structure (`and`/`or`/`implies` chains, brackets, if/let/quantifier parts).
#pragma once

#include <string>

#include "format/writer.h"
#include "syntax/ast.h"

namespace gai::format {

// Binding strength, loosest first (LANGUAGE.md §4).
enum Prec : int {
  kPrecExpr = 0,  // if, let
  kPrecImplies,
  kPrecOr,
  kPrecAnd,
  kPrecNot,
  kPrecCmp,
  kPrecCoalesce,
  kPrecAdd,
  kPrecMul,
  kPrecNeg,
  kPrecPostfix,
  kPrecPrimary,
};

std::string quoteString(std::string_view value);
std::string typeText(const ast::TypeRef& type);
int precOf(const ast::Expr& expr);
// The least precedence each operand may have without parentheses.
int lhsPrec(ast::BinaryOp op);
int rhsPrec(ast::BinaryOp op);
// Whether `in` could appear outside brackets once printed (a `let` initialiser stops there).
bool hasBareIn(const ast::Expr* expr, int minPrec);

class ExprLayout {
 public:
  explicit ExprLayout(const Writer& writer) : writer_(writer) {}

  // The expression on one line, parenthesised when it binds looser than `minPrec`.
  std::string flat(const ast::Expr& expr, int minPrec = kPrecExpr) const;
  // Lines starting at column `col` (the first line continues the current one); `base` is
  // the indentation of the current line; `reserve` columns follow the expression.
  Lines layout(const ast::Expr& expr, int col, int base, int minPrec = kPrecExpr, int reserve = 0) const;

 private:
  std::string flatBare(const ast::Expr& expr) const;
  std::string flatList(const std::vector<ast::ExprPtr>& exprs) const;
  bool needsParens(const ast::Expr& expr, int minPrec) const;
  bool mustBreak(const ast::Expr& expr) const;
  bool chainHasComment(const ast::Expr& expr) const;
  Lines broken(const ast::Expr& expr, int col, int base, int reserve) const;
  Lines chain(const ast::BinaryExpr& expr, int col, int base, int reserve) const;
  Lines binary(const ast::BinaryExpr& expr, int col, int base, int reserve) const;
  Lines ifLines(const ast::IfExpr& expr, int col, int reserve) const;
  Lines letLines(const ast::LetExpr& expr, int col, int reserve) const;
  Lines quantLines(const ast::QuantExpr& expr, int col, int base, int reserve) const;
  Lines postfix(const ast::Expr& expr, int col, int base, int reserve) const;
  Lines exprItems(const std::vector<ast::ExprPtr>& items, const char* open, const char* close,
                  Lines head, const ast::Expr& whole, int base, int reserve) const;

  const Writer& writer_;
};

// Where a bracketed list is broken: one item per line at `base + 2`, trailing commas,
// the closing bracket on its own line at `base`.
struct ListItem {
  uint32_t from = 0, to = 0;
  std::string label;        // `name: ` before a value, or empty
  const ast::Expr* value;   // may be null (then `label` is the whole item)
};
Lines bracketed(const ExprLayout& layout, Lines head, const std::vector<ListItem>& items, const char* close,
                uint32_t closeAt, int base, int reserve);

}  // namespace gai::format
