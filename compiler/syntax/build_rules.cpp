// Rules, exceptions, laws and tests.
#include "builder.h"
#include "core/civil_time.h"

namespace gai::syntax::detail {

using antlr4::ParserRuleContext;
using antlr4::tree::TerminalNode;

namespace {

ast::ClauseKind clauseKind(GaiParser::ClauseContext* ctx) {
  if (dynamic_cast<GaiParser::TitleClauseContext*>(ctx)) return ast::ClauseKind::Title;
  if (dynamic_cast<GaiParser::CitesClauseContext*>(ctx)) return ast::ClauseKind::Cites;
  if (dynamic_cast<GaiParser::SeverityClauseContext*>(ctx)) return ast::ClauseKind::Severity;
  if (dynamic_cast<GaiParser::EffectiveClauseContext*>(ctx)) return ast::ClauseKind::Effective;
  if (dynamic_cast<GaiParser::WhenClauseContext*>(ctx)) return ast::ClauseKind::When;
  if (dynamic_cast<GaiParser::ThenClauseContext*>(ctx)) return ast::ClauseKind::Then;
  return ast::ClauseKind::Message;
}

std::optional<ast::SeverityLevel> severityLevel(const std::string& word) {
  if (word == "info") return ast::SeverityLevel::Info;
  if (word == "low") return ast::SeverityLevel::Low;
  if (word == "medium") return ast::SeverityLevel::Medium;
  if (word == "high") return ast::SeverityLevel::High;
  if (word == "critical") return ast::SeverityLevel::Critical;
  return std::nullopt;
}

}  // namespace

bool Builder::firstClause(SeenClauses& seen, const std::string& word, Loc at) {
  for (const auto& [w, first] : seen) {
    if (w != word) continue;
    diags_.emit(DiagId::DuplicateClause, at, word).withNote(first, "first written here");
    return false;
  }
  seen.emplace_back(word, at);
  return true;
}

ast::DeclPtr Builder::ruleDecl(GaiParser::RuleDeclContext* ctx) {
  auto d = std::make_unique<ast::RuleDecl>();
  GaiParser::RuleNameContext* nameCtx = ctx->ruleName();
  d->name = ident(static_cast<ParserRuleContext*>(nameCtx));
  if (nameCtx && !nameCtx->name())
    diags_.emit(DiagId::EffectWordName, d->name.loc, d->name.name).withHelp("choose another name for the rule");
  d->param = param(ctx->param());
  clauses(*d, ctx->clause(), d.get());
  return d;
}

ast::DeclPtr Builder::exceptionDecl(GaiParser::ExceptionDeclContext* ctx) {
  auto d = std::make_unique<ast::ExceptionDecl>();
  d->name = ident(ctx->name());
  d->param = param(ctx->param());
  for (GaiParser::QualNameContext* target : ctx->qualName()) d->targets.push_back(qualName(target));
  clauses(*d, ctx->clause(), nullptr);
  return d;
}

void Builder::clauses(ast::RuleLike& decl, const std::vector<GaiParser::ClauseContext*>& list, ast::RuleDecl* rule) {
  SeenClauses seen;
  for (GaiParser::ClauseContext* c : list) {
    ast::ClauseKind kind = clauseKind(c);
    Loc at = loc(c);
    if (!rule && (kind == ast::ClauseKind::Then || kind == ast::ClauseKind::Severity ||
                  kind == ast::ClauseKind::Message)) {
      diags_.emit(DiagId::SyntaxError, loc(c->getStart()),
                  fmt::format("an exception has no '{}' clause (allowed: when, title, cites, effective)",
                              ast::spelling(kind)));
      continue;
    }
    if (!firstClause(seen, ast::spelling(kind), loc(c->getStart()))) continue;
    decl.clauses.push_back(ast::ClauseLoc{kind, at});
    clause(decl, c, kind, rule);
  }
  const char* what = rule ? "rule" : "exception";
  if (!decl.when)
    diags_.emit(DiagId::MissingClause, decl.name.loc, what, decl.name.name, "when")
        .withHelp("add 'when CONDITION'");
  if (rule && rule->effects.empty())
    diags_.emit(DiagId::MissingClause, decl.name.loc, what, decl.name.name, "then")
        .withHelp("add 'then deny', 'then flag' or 'then require ACTION'");
}

void Builder::clause(ast::RuleLike& decl, GaiParser::ClauseContext* ctx, ast::ClauseKind kind, ast::RuleDecl* rule) {
  switch (kind) {
    case ast::ClauseKind::Title:
      decl.title = localizedText(static_cast<GaiParser::TitleClauseContext*>(ctx)->localizedText());
      return;
    case ast::ClauseKind::Cites:
      decl.hasCites = true;
      for (GaiParser::CitationContext* c : static_cast<GaiParser::CitesClauseContext*>(ctx)->citation())
        decl.cites.push_back(citation(c));
      return;
    case ast::ClauseKind::Effective: {
      auto* e = static_cast<GaiParser::EffectiveClauseContext*>(ctx);
      decl.effective = effective(e->DATE(0), e->DATE(1), loc(ctx));
      return;
    }
    case ast::ClauseKind::When:
      decl.when = expr(static_cast<GaiParser::WhenClauseContext*>(ctx)->expr());
      return;
    case ast::ClauseKind::Then:
      for (GaiParser::EffectContext* e : static_cast<GaiParser::ThenClauseContext*>(ctx)->effect())
        rule->effects.push_back(effect(e));
      return;
    case ast::ClauseKind::Severity: {
      ast::Ident word = ident(static_cast<GaiParser::SeverityClauseContext*>(ctx)->name());
      rule->severity = severityLevel(word.name);
      if (!rule->severity && !word.name.empty())
        diags_.emit(DiagId::SyntaxError, word.loc,
                    fmt::format("expected info, low, medium, high or critical, found '{}'", word.name));
      return;
    }
    case ast::ClauseKind::Message:
      rule->message = message(static_cast<GaiParser::MessageClauseContext*>(ctx)->localizedText());
      return;
  }
}

ast::Effect Builder::effect(GaiParser::EffectContext* ctx) {
  ast::Effect out;
  out.loc = loc(ctx);
  if (dynamic_cast<GaiParser::DenyEffectContext*>(ctx)) {
    out.kind = ast::EffectKind::Deny;
  } else if (dynamic_cast<GaiParser::FlagEffectContext*>(ctx)) {
    out.kind = ast::EffectKind::Flag;
  } else if (auto* r = dynamic_cast<GaiParser::RequireEffectContext*>(ctx)) {
    out.kind = ast::EffectKind::Require;
    out.action = qualName(r->qualName());
    out.hasArgs = r->LPAREN() != nullptr;
    out.args = args(r->args());
  } else {
    out.kind = ast::EffectKind::Deny;  // error recovery left no alternative; already reported
  }
  return out;
}

ast::DeclPtr Builder::lawDecl(GaiParser::LawDeclContext* ctx) {
  auto d = std::make_unique<ast::LawDecl>();
  d->name = ident(ctx->name());
  SeenClauses seen;
  for (GaiParser::LawItemContext* item : ctx->lawItem()) lawItem(*d, item, seen);
  return d;
}

void Builder::lawItem(ast::LawDecl& law, GaiParser::LawItemContext* ctx, SeenClauses& seen) {
  if (auto* t = dynamic_cast<GaiParser::LawTitleContext*>(ctx)) {
    if (firstClause(seen, "title", loc(ctx->getStart()))) law.title = localizedText(t->localizedText());
    return;
  }
  if (auto* e = dynamic_cast<GaiParser::LawEffectiveContext*>(ctx)) {
    if (e->UNTIL()) diags_.emit(DiagId::SyntaxError, loc(e->UNTIL()), "a law's 'effective' takes no 'until'");
    if (firstClause(seen, "effective", loc(ctx->getStart())))
      law.effective = effective(e->DATE(0), nullptr, loc(ctx));
    return;
  }
  if (auto* a = dynamic_cast<GaiParser::LawArticleContext*>(ctx)) law.articles.push_back(article(a));
}

ast::Article Builder::article(GaiParser::LawArticleContext* ctx) {
  ast::Article out;
  out.loc = loc(ctx);
  out.number = smallInt(ctx->INT()).value_or(0);
  if (ctx->STRING()) out.heading = stringValue(ctx->STRING()->getSymbol());
  SeenClauses seen;
  for (GaiParser::ArticleBoundContext* bound : ctx->articleBound()) {
    bool paras = bound->PARAS() != nullptr;
    if (!firstClause(seen, paras ? "paras" : "items", loc(bound))) continue;
    (paras ? out.paras : out.items) = smallInt(bound->INT());
  }
  return out;
}

ast::DeclPtr Builder::testDecl(GaiParser::TestDeclContext* ctx) {
  auto d = std::make_unique<ast::TestDecl>();
  if (TerminalNode* name = ctx->STRING()) d->name = ast::Ident{stringValue(name->getSymbol()), loc(name)};
  SeenClauses seen;
  for (GaiParser::TestItemContext* item : ctx->testItem()) testItem(*d, item, seen);
  return d;
}

void Builder::testItem(ast::TestDecl& test, GaiParser::TestItemContext* ctx, SeenClauses& seen) {
  if (auto* n = dynamic_cast<GaiParser::TestNowContext*>(ctx)) {
    if (!firstClause(seen, "now", loc(ctx->getStart())) || !n->TIMESTAMP()) return;
    test.nowText = n->TIMESTAMP()->getText();
    test.nowLoc = loc(ctx);
    test.nowMicros = rt::parseTimestamp(test.nowText);
    if (!test.nowMicros) {
      diags_.emit(DiagId::InvalidTimestamp, loc(n->TIMESTAMP()), test.nowText);
      test.nowMicros = 0;
    }
    return;
  }
  if (auto* g = dynamic_cast<GaiParser::TestGivenContext*>(ctx)) {
    if (!firstClause(seen, "given", loc(ctx->getStart()))) return;
    test.given.name = ident(g->name());
    test.givenValue = expr(g->expr());
    test.givenLoc = loc(ctx);
    return;
  }
  if (auto* e = dynamic_cast<GaiParser::TestExpectContext*>(ctx)) {
    ast::Expectation x = expectation(e->expectation());
    x.loc = loc(ctx);
    test.expectations.push_back(std::move(x));
    return;
  }
  auto* a = dynamic_cast<GaiParser::TestAssertContext*>(ctx);
  if (!a) return;  // error recovery left no alternative; already reported
  ast::Expectation x;
  x.kind = ast::ExpectKind::Assert;
  x.condition = expr(a->expr());
  x.loc = loc(ctx);
  test.expectations.push_back(std::move(x));
}

ast::Expectation Builder::expectation(GaiParser::ExpectationContext* ctx) {
  ast::Expectation out;
  out.kind = ast::ExpectKind::Fires;
  if (!ctx) return out;
  if (auto* n = dynamic_cast<GaiParser::ExpectNotContext*>(ctx)) {
    out.kind = ast::ExpectKind::NotFires;
    out.target = qualName(n->qualName());
  } else if (auto* x = dynamic_cast<GaiParser::ExpectExceptedContext*>(ctx)) {
    out.kind = ast::ExpectKind::Excepted;
    out.target = qualName(x->qualName(0));
    if (x->BY()) out.by = qualName(x->qualName(1));
  } else if (auto* e = dynamic_cast<GaiParser::ExpectErrorContext*>(ctx)) {
    out.kind = ast::ExpectKind::Error;
    out.target = qualName(e->qualName());
  } else if (dynamic_cast<GaiParser::ExpectDenyContext*>(ctx)) {
    out.kind = ast::ExpectKind::Deny;
  } else if (dynamic_cast<GaiParser::ExpectAllowContext*>(ctx)) {
    out.kind = ast::ExpectKind::Allow;
  } else if (auto* r = dynamic_cast<GaiParser::ExpectRequireContext*>(ctx)) {
    out.kind = ast::ExpectKind::Require;
    out.target = qualName(r->qualName());
    out.hasArgs = r->LPAREN() != nullptr;
    out.args = args(r->args());
  } else if (auto* f = dynamic_cast<GaiParser::ExpectFiresContext*>(ctx)) {
    out.target = qualName(f->qualName());
  }
  return out;
}

}  // namespace gai::syntax::detail
