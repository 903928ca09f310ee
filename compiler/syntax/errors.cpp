#include "syntax/errors.h"

#include <set>

#include "GaiParser.h"

namespace gai::syntax::detail {

namespace {

const char* symbolicName(size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case GaiParser::IDENT: return "identifier";
    case GaiParser::INT: return "integer";
    case GaiParser::FLOAT: return "float";
    case GaiParser::STRING: return "string";
    case GaiParser::DATE: return "date";
    case GaiParser::TIMESTAMP: return "timestamp";
    case GaiParser::DURATION: return "duration";
    case GaiParser::BAD_NUMBER: return "malformed number";
    default: return nullptr;
  }
}

bool isContextual(size_t type) { return type >= GaiParser::TITLE && type <= GaiParser::ERROR; }

// Tokens that start an expression; when most are expected we say "an expression".
bool startsExpression(size_t type) {
  switch (type) {
    case GaiParser::INT: case GaiParser::FLOAT: case GaiParser::STRING: case GaiParser::TRUE:
    case GaiParser::FALSE: case GaiParser::NONE: case GaiParser::DATE: case GaiParser::TIMESTAMP:
    case GaiParser::DURATION: case GaiParser::NOW: case GaiParser::ANY: case GaiParser::ALL:
    case GaiParser::COUNT: case GaiParser::SUM: case GaiParser::IDENT: case GaiParser::LPAREN:
    case GaiParser::LBRACE: case GaiParser::LBRACK: case GaiParser::MINUS: case GaiParser::NOT:
    case GaiParser::IF: case GaiParser::LET: case GaiParser::BAD_NUMBER:
      return true;
    default:
      return isContextual(type);
  }
}

std::string tokenTypeName(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  if (const char* name = symbolicName(type)) return name;
  std::string literal = vocabulary.getLiteralName(type);
  return literal.empty() ? vocabulary.getDisplayName(type) : literal;
}

}  // namespace

std::string describeToken(antlr4::Token* token) {
  if (!token) return "end of file";
  size_t type = token->getType();
  if (type == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  if (text.size() > 24) text = text.substr(0, 20) + "...";
  if (type == GaiParser::IDENT || isContextual(type)) return "identifier '" + text + "'";
  if (type == GaiParser::STRING) return "string " + text;
  return "'" + text + "'";
}

std::string describeExpected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<size_t> types;
  for (ssize_t t : expected.toList()) types.push_back(static_cast<size_t>(t));
  size_t exprStarts = 0;
  bool hasIdent = false;
  bool hasLiteral = false;
  for (size_t t : types) {
    exprStarts += startsExpression(t) && !isContextual(t) ? 1 : 0;
    hasIdent |= t == GaiParser::IDENT;
    hasLiteral |= t == GaiParser::INT;
  }
  std::vector<std::string> names;
  bool expression = hasLiteral && exprStarts >= 10;
  if (expression) names.push_back("an expression");
  std::set<std::string> seen;
  for (size_t t : types) {
    if (expression && startsExpression(t)) continue;
    if (hasIdent && isContextual(t)) continue;
    std::string name = tokenTypeName(t, vocabulary);
    if (seen.insert(name).second) names.push_back(name);
  }
  if (names.empty()) return "";
  if (names.size() > 8) return "a declaration or clause";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offendingSymbol, size_t,
                                      size_t, const std::string& msg, std::exception_ptr e) {
  if (++count_ > maxErrors_) return;
  if (offendingSymbol && offendingSymbol->getType() == antlr4::Token::EOF && segmentEnd_)
    offendingSymbol = segmentEnd_;
  Loc at{file_, 0, 0};
  if (offendingSymbol && offendingSymbol->getStartIndex() != INVALID_INDEX) {
    size_t start = offendingSymbol->getStartIndex();
    size_t stop = offendingSymbol->getStopIndex();
    uint32_t begin = map_.byteOf(start);
    uint32_t end = stop != INVALID_INDEX && stop + 1 > start ? map_.byteOf(stop + 1) : begin;
    at = Loc{file_, begin, end - begin};
    if (offendingSymbol->getType() == antlr4::Token::EOF) at.length = eofWidth_;
  }
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  std::string found = describeToken(offendingSymbol);
  std::string expected;
  bool atStart = true;
  try {
    if (e) std::rethrow_exception(e);
  } catch (antlr4::NoViableAltException& nva) {
    atStart = nva.getStartToken() == offendingSymbol;
  } catch (...) {
  }
  if (parser && atStart) {
    try {
      expected = describeExpected(parser->getExpectedTokens(), parser->getVocabulary());
    } catch (...) {
    }
  }
  std::string text = expected.empty() ? "unexpected " + found : "expected " + expected + ", found " + found;
  if (!parser) text = msg;
  diags_.emit(DiagId::SyntaxError, at, text);
  if (count_ == maxErrors_) diags_.emit(DiagId::SyntaxError, at, "too many syntax errors; stopping here");
}

}  // namespace gai::syntax::detail
