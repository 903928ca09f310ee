// The declaration-level printer shared by format.cpp and format_rules.cpp.
#pragma once

#include <string>
#include <string_view>

#include "format/layout.h"
#include "format/writer.h"
#include "syntax/ast.h"

namespace gai::format {

constexpr int kIndent = 2;
constexpr int kClauseColumn = 10;  // clause keywords are padded to this width

class Formatter {
 public:
  Formatter(const ast::File& file, std::string_view source)
      : file_(file), writer_(source, file.comments), layout_(writer_) {}
  std::string run();

 private:
  void header();
  void decl(const ast::Decl& decl);
  void enumDecl(const ast::EnumDecl& decl);
  void recordDecl(const ast::RecordDecl& decl);
  void valueDecl(const ast::Decl& decl, std::string head, const ast::Expr* value);
  void actionDecl(const ast::ActionDecl& decl);
  void ruleLike(const ast::RuleLike& decl);
  void clause(const ast::RuleLike& decl, const ast::ClauseLoc& clause);
  void lawDecl(const ast::LawDecl& decl);
  void testDecl(const ast::TestDecl& decl);
  void expectation(const ast::Expectation& expect);

  // `}` of a declaration body, after the comments that end the body.
  void close(const ast::Decl& decl);
  bool emptyBody(const ast::Decl& decl, uint32_t openFrom) const;
  // `prefix` then the expression, starting a line at `indent`. Broken brackets indent
  // from `indent`, or from the expression's column with `alignToExpr` (clauses).
  Lines exprLine(std::string prefix, const ast::Expr& expr, int indent, uint32_t from,
                 bool alignToExpr = false) const;
  // Items joined by ", " after a padded keyword, or one per line when too long.
  Lines clauseItems(const std::string& keyword, const std::vector<Line>& items, int indent, uint32_t from,
                    const char* separator, const char* lineEnd) const;
  Lines listClause(const std::string& keyword, const std::vector<Line>& items, int indent, uint32_t from) const;
  Lines textClause(const std::string& keyword, std::vector<Line> parts, int indent, uint32_t from) const;
  Lines titleLines(const ast::LocalizedText& title, int indent, uint32_t from) const;
  Lines messageLines(const ast::Message& message, int indent, uint32_t from) const;
  uint32_t keywordBefore(uint32_t offset, std::string_view keyword) const;
  std::string params(const std::vector<ast::Param>& params) const;
  std::string argsText(const std::vector<ast::ExprPtr>& args) const;

  const ast::File& file_;
  Writer writer_;
  ExprLayout layout_;
};

std::string padKeyword(const std::string& keyword);

}  // namespace gai::format
