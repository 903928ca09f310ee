// Literal tokens, strings, message templates, titles and citations.
#include <limits>

#include "builder.h"
#include "core/civil_time.h"

namespace gai::syntax::detail {

using antlr4::Token;
using antlr4::tree::TerminalNode;

namespace {

// The body of a string token (without quotes) and whether its closing quote is there.
std::string_view stringBody(std::string_view text, bool* terminated) {
  *terminated = false;
  if (text.empty()) return text;
  size_t i = 1;
  while (i < text.size()) {
    if (text[i] == '\\') {
      i += 2;
      continue;
    }
    if (text[i] == '"') {
      *terminated = true;
      return text.substr(1, i - 1);
    }
    ++i;
  }
  return text.substr(1);
}

}  // namespace

Loc Builder::loc(Token* token) const {
  if (!token || token->getStartIndex() == INVALID_INDEX) return Loc{file_, 0, 0};
  size_t start = token->getStartIndex();
  size_t stop = token->getStopIndex();
  uint32_t begin = map_.byteOf(start);
  uint32_t end = stop != INVALID_INDEX && stop + 1 > start ? map_.byteOf(stop + 1) : begin;
  return Loc{file_, begin, end - begin};
}

Loc Builder::loc(antlr4::ParserRuleContext* ctx) const {
  if (!ctx) return Loc{};
  Loc first = loc(ctx->getStart());
  Token* stop = ctx->getStop();
  if (!stop || stop->getStartIndex() == INVALID_INDEX || !ctx->getStart() ||
      stop->getTokenIndex() < ctx->getStart()->getTokenIndex())
    return Loc{first.file, first.offset, 0};
  return Loc::cover(first, loc(stop));
}

// The range check (E0012) is the checker's: it knows whether the literal is negated.
ast::ExprPtr Builder::intLiteral(Token* token, bool) {
  auto node = std::make_unique<ast::IntLit>(loc(token));
  node->text = token->getText();
  IntValue v = decodeInt(node->text);
  node->magnitude = v.magnitude;
  node->overflow = v.overflow;
  return node;
}

ast::ExprPtr Builder::literal(Token* token, bool negated) {
  Loc at = loc(token);
  std::string text = token->getText();
  switch (token->getType()) {
    case GaiParser::INT:
      return intLiteral(token, negated);
    case GaiParser::BAD_NUMBER: {  // reported while lexing
      auto node = std::make_unique<ast::IntLit>(at);
      node->text = text;
      return node;
    }
    case GaiParser::FLOAT: {
      auto node = std::make_unique<ast::FloatLit>(at);
      auto value = decodeFloat(text);
      if (!value) diags_.emit(DiagId::FloatOutOfRange, at, text);
      node->value = value.value_or(0);
      node->text = std::move(text);
      return node;
    }
    case GaiParser::STRING: {
      auto node = std::make_unique<ast::StringLit>(at);
      node->value = stringValue(token);
      return node;
    }
    case GaiParser::TRUE:
    case GaiParser::FALSE: {
      auto node = std::make_unique<ast::BoolLit>(at);
      node->value = token->getType() == GaiParser::TRUE;
      return node;
    }
    case GaiParser::NONE:
      return std::make_unique<ast::NoneLit>(at);
    case GaiParser::NOW:
      return std::make_unique<ast::NowExpr>(at);
    case GaiParser::DATE: {
      auto node = std::make_unique<ast::DateLit>(at);
      auto days = rt::parseDate(text);
      if (!days) diags_.emit(DiagId::InvalidDate, at, text);
      node->days = days.value_or(0);
      node->text = std::move(text);
      return node;
    }
    case GaiParser::TIMESTAMP: {
      auto node = std::make_unique<ast::TimestampLit>(at);
      auto micros = rt::parseTimestamp(text);
      if (!micros) diags_.emit(DiagId::InvalidTimestamp, at, text);
      node->micros = micros.value_or(0);
      node->text = std::move(text);
      return node;
    }
    case GaiParser::DURATION: {
      auto node = std::make_unique<ast::DurationLit>(at);
      auto seconds = rt::parseDuration(text);
      if (!seconds) diags_.emit(DiagId::InvalidDuration, at, text);
      node->seconds = seconds.value_or(0);
      node->text = std::move(text);
      return node;
    }
    default:
      return nullptr;
  }
}

std::string Builder::stringValue(Token* token) {
  std::string text = token->getText();
  bool terminated = false;
  std::string_view body = stringBody(text, &terminated);
  std::vector<LiteralProblem> problems;
  std::string value = decodeEscapes(body, problems);
  uint32_t bodyStart = loc(token).offset + 1;
  for (const LiteralProblem& p : problems)
    diags_.emit(DiagId::InvalidEscape, Loc{file_, bodyStart + p.offset, p.length}, p.text)
        .withHelp("valid escapes are \\\" \\\\ \\n \\t \\u{XXXX}");
  return value;
}

ast::StringPart Builder::stringPart(TerminalNode* node) {
  if (!node) return {};
  return ast::StringPart{stringValue(node->getSymbol()), loc(node)};
}

ast::Template Builder::messageTemplate(TerminalNode* node) {
  ast::Template out;
  if (!node) {
    out.texts.emplace_back();
    return out;
  }
  Token* token = node->getSymbol();
  out.loc = loc(token);
  out.source = token->getText();
  bool terminated = false;
  std::string_view body = stringBody(out.source, &terminated);
  uint32_t bodyStart = out.loc.offset + 1;
  TemplateProblems problems;
  std::vector<TemplatePiece> pieces = splitTemplate(body, problems);
  for (TemplatePiece& piece : pieces) {
    if (!piece.isExpr) {
      out.texts.push_back(std::move(piece.text));
      continue;
    }
    ast::ExprPtr e = reparse_ ? reparse_(piece.text, bodyStart + piece.offset) : nullptr;
    out.exprs.push_back(std::move(e));
  }
  for (const LiteralProblem& p : problems.escapes)
    diags_.emit(DiagId::InvalidEscape, Loc{file_, bodyStart + p.offset, p.length}, p.text);
  for (const LiteralProblem& p : problems.loneBraces)
    diags_.emit(DiagId::LoneBrace, Loc{file_, bodyStart + p.offset, p.length});
  for (const LiteralProblem& p : problems.interpolations)
    diags_.emit(DiagId::BadInterpolation, Loc{file_, bodyStart + p.offset, p.length}, p.text);
  return out;
}

ast::LocalizedText Builder::localizedText(GaiParser::LocalizedTextContext* ctx) {
  ast::LocalizedText out;
  if (!ctx) return out;
  out.loc = loc(ctx);
  if (ctx->STRING()) {
    out.plain = stringPart(ctx->STRING());
    return out;
  }
  for (GaiParser::LangStringContext* lang : ctx->langString()) {
    bool en = lang->EN() != nullptr;
    auto& slot = en ? out.en : out.zh;
    if (slot) diags_.emit(DiagId::DuplicateClause, loc(lang), en ? "en" : "zh").withNote(slot->loc, "first written here");
    slot = stringPart(lang->STRING());
  }
  return out;
}

ast::Message Builder::message(GaiParser::LocalizedTextContext* ctx) {
  ast::Message out;
  if (!ctx) return out;
  out.loc = loc(ctx);
  if (ctx->STRING()) {
    out.plain = messageTemplate(ctx->STRING());
    return out;
  }
  std::vector<GaiParser::LangStringContext*> langs = ctx->langString();
  if (!langs.empty()) out.enFirst = langs.front()->EN() != nullptr;
  for (GaiParser::LangStringContext* lang : langs) {
    bool en = lang->EN() != nullptr;
    auto& slot = en ? out.en : out.zh;
    if (slot) diags_.emit(DiagId::DuplicateClause, loc(lang), en ? "en" : "zh").withNote(slot->loc, "first written here");
    slot = messageTemplate(lang->STRING());
  }
  return out;
}

std::optional<int64_t> Builder::smallInt(TerminalNode* node) {
  if (!node) return std::nullopt;
  std::string text = node->getText();
  IntValue v = decodeInt(text);
  if (v.overflow || v.magnitude > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    diags_.emit(DiagId::IntOutOfRange, loc(node), text);
    return std::nullopt;
  }
  return static_cast<int64_t>(v.magnitude);
}

ast::Citation Builder::citation(GaiParser::CitationContext* ctx) {
  ast::Citation out;
  out.loc = loc(ctx);
  if (auto* free = dynamic_cast<GaiParser::FreeCitationContext*>(ctx)) {
    out.kind = ast::Citation::Kind::Free;
    out.text = free->STRING() ? stringValue(free->STRING()->getSymbol()) : "";
    return out;
  }
  auto* s = dynamic_cast<GaiParser::StructuredCitationContext*>(ctx);
  if (!s) {  // error recovery left no alternative; already reported
    out.kind = ast::Citation::Kind::Free;
    return out;
  }
  out.kind = ast::Citation::Kind::Structured;
  out.law = qualName(s->qualName());
  std::optional<int64_t>* next = nullptr;
  for (antlr4::tree::ParseTree* child : s->children) {
    auto* term = dynamic_cast<TerminalNode*>(child);
    if (!term) continue;
    switch (term->getSymbol()->getType()) {
      case GaiParser::ART: next = &out.article; break;
      case GaiParser::PARA: next = &out.para; break;
      case GaiParser::ITEM: next = &out.item; break;
      case GaiParser::INT:
        if (next) *next = smallInt(term);
        break;
      default: break;
    }
  }
  return out;
}

std::optional<int32_t> Builder::date(TerminalNode* node) {
  if (!node) return std::nullopt;
  std::string text = node->getText();
  auto days = rt::parseDate(text);
  if (!days) diags_.emit(DiagId::InvalidDate, loc(node), text);
  return days;
}

ast::Effective Builder::effective(TerminalNode* from, TerminalNode* until, Loc at) {
  ast::Effective out;
  out.loc = at;
  out.fromDays = date(from).value_or(0);
  out.fromText = from ? from->getText() : "";
  if (until) {
    out.untilDays = date(until).value_or(0);
    out.untilText = until->getText();
  }
  return out;
}

}  // namespace gai::syntax::detail
