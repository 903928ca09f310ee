// Private to compiler/syntax: builds the AST from ANTLR's parse tree.
#pragma once

#include <functional>
#include <string_view>

#include "GaiParser.h"
#include "antlr4-runtime.h"
#include "syntax/ast.h"
#include "syntax/literals.h"
#include "syntax/source_text.h"

namespace gai::syntax::detail {

// Parses a message interpolation: `text` starts at byte `fileOffset` of the same file.
using ExprReparser = std::function<ast::ExprPtr(std::string_view text, uint32_t fileOffset)>;

class Builder {
 public:
  Builder(FileId file, const OffsetMap& map, antlr4::CommonTokenStream& tokens, DiagnosticSink& diags,
          ExprReparser reparse)
      : file_(file), map_(map), tokens_(tokens), diags_(diags), reparse_(std::move(reparse)) {}

  std::unique_ptr<ast::File> buildFile(GaiParser::FileContext* ctx);
  // Piecewise, for parsing one declaration at a time.
  std::unique_ptr<ast::File> newFile();  // id and comments
  void package(ast::File& file, GaiParser::PackageDeclContext* ctx);
  ast::Import import(GaiParser::ImportDeclContext* ctx);
  ast::DeclPtr decl(GaiParser::DeclContext* ctx);
  // Any expression rule (expr, letInit, the operator ladder, primary...). Null when missing.
  ast::ExprPtr expr(antlr4::ParserRuleContext* ctx);

 private:
  // locations
  Loc loc(antlr4::Token* token) const;
  Loc loc(antlr4::tree::TerminalNode* node) const { return node ? loc(node->getSymbol()) : Loc{}; }
  Loc loc(antlr4::ParserRuleContext* ctx) const;

  // names and types
  ast::Ident ident(GaiParser::NameContext* ctx) const;
  ast::Ident ident(antlr4::ParserRuleContext* ctx) const;
  ast::QualName qualName(GaiParser::QualNameContext* ctx) const;
  ast::TypeRefPtr typeRef(GaiParser::TypeRefContext* ctx);
  std::vector<ast::Param> params(GaiParser::ParamsContext* ctx);
  ast::Param param(GaiParser::ParamContext* ctx);

  // declarations (build_decls.cpp)
  ast::DeclPtr enumDecl(GaiParser::EnumDeclContext* ctx);
  ast::DeclPtr recordDecl(GaiParser::RecordDeclContext* ctx);
  ast::DeclPtr constDecl(GaiParser::ConstDeclContext* ctx);
  ast::DeclPtr fnDecl(GaiParser::FnDeclContext* ctx);
  ast::DeclPtr actionDecl(GaiParser::ActionDeclContext* ctx);
  ast::DeclPtr ruleDecl(GaiParser::RuleDeclContext* ctx);
  ast::DeclPtr exceptionDecl(GaiParser::ExceptionDeclContext* ctx);
  ast::DeclPtr lawDecl(GaiParser::LawDeclContext* ctx);
  ast::DeclPtr testDecl(GaiParser::TestDeclContext* ctx);
  void clauses(ast::RuleLike& decl, const std::vector<GaiParser::ClauseContext*>& list, ast::RuleDecl* rule);
  void clause(ast::RuleLike& decl, GaiParser::ClauseContext* ctx, ast::ClauseKind kind, ast::RuleDecl* rule);
  ast::Effect effect(GaiParser::EffectContext* ctx);
  using SeenClauses = std::vector<std::pair<std::string, Loc>>;
  void lawItem(ast::LawDecl& law, GaiParser::LawItemContext* ctx, SeenClauses& seen);
  ast::Article article(GaiParser::LawArticleContext* ctx);
  void testItem(ast::TestDecl& test, GaiParser::TestItemContext* ctx, SeenClauses& seen);
  ast::Expectation expectation(GaiParser::ExpectationContext* ctx);
  std::vector<ast::ExprPtr> args(GaiParser::ArgsContext* ctx);
  // False (and E0014 with a note at the first) when `word` was seen before.
  bool firstClause(SeenClauses& seen, const std::string& word, Loc at);
  void collectComments(ast::File& file);
  std::string docFor(antlr4::ParserRuleContext* ctx);

  // expressions (build_exprs.cpp)
  ast::ExprPtr dispatchAlternative(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr operand(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr comparison(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr prefix(antlr4::ParserRuleContext* ctx, antlr4::Token* op);
  ast::ExprPtr postfix(antlr4::ParserRuleContext* ctx, antlr4::Token* op);
  ast::ExprPtr primary(GaiParser::PrimaryContext* ctx);
  ast::ExprPtr literal(antlr4::Token* token, bool negated);
  ast::ExprPtr ifExpr(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr letExpr(antlr4::ParserRuleContext* ctx);
  ast::ExprPtr quant(GaiParser::QuantExprContext* ctx);
  ast::ExprPtr makeBinary(ast::BinaryOp op, Loc opLoc, ast::ExprPtr lhs, ast::ExprPtr rhs);

  // strings, templates and literal tokens (build_text.cpp)
  std::string stringValue(antlr4::Token* token);
  ast::StringPart stringPart(antlr4::tree::TerminalNode* node);
  ast::LocalizedText localizedText(GaiParser::LocalizedTextContext* ctx);
  ast::Message message(GaiParser::LocalizedTextContext* ctx);
  ast::Template messageTemplate(antlr4::tree::TerminalNode* node);
  ast::Citation citation(GaiParser::CitationContext* ctx);
  std::optional<int32_t> date(antlr4::tree::TerminalNode* node);
  std::optional<int64_t> smallInt(antlr4::tree::TerminalNode* node);
  ast::Effective effective(antlr4::tree::TerminalNode* from, antlr4::tree::TerminalNode* until, Loc at);
  ast::ExprPtr intLiteral(antlr4::Token* token, bool negated);

  FileId file_;
  const OffsetMap& map_;
  antlr4::CommonTokenStream& tokens_;
  DiagnosticSink& diags_;
  ExprReparser reparse_;
  std::vector<antlr4::Token*> allTokens_;  // tokens_.getTokens() copies: cached on first use
};

}  // namespace gai::syntax::detail
