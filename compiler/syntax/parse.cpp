// parseFile: source bytes -> tokens (lexical checks, nesting limit) -> ANTLR parse (SLL,
// then LL on failure) -> AST. Runs on a thread with a large stack; nothing escapes.
#include "syntax/parse.h"

#include <pthread.h>

#include <cctype>

#include "GaiLexer.h"
#include "GaiParser.h"
#include "antlr4-runtime.h"
#include "builder.h"
#include "errors.h"

namespace gai::syntax {

namespace detail {
namespace {

constexpr size_t kMaxLexicalErrors = 25;

// A lexer listener: with the catch-all BAD_CHAR rule this should never fire.
class LexerErrorListener : public antlr4::BaseErrorListener {
 public:
  LexerErrorListener(FileId file, const OffsetMap& map, DiagnosticSink& diags) : file_(file), map_(map), diags_(diags) {}
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token*, size_t, size_t, const std::string& msg,
                   std::exception_ptr) override {
    auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer);
    uint32_t at = lexer ? map_.byteOf(lexer->tokenStartCharIndex) : 0;
    diags_.emit(DiagId::UnexpectedCharacter, Loc{file_, at, 1}, msg);
  }

 private:
  FileId file_;
  const OffsetMap& map_;
  DiagnosticSink& diags_;
};

// ANTLR's input over already validated UTF-8: decodes without std::wstring_convert and
// answers getText() by slicing the UTF-8 instead of re-encoding.
// Every code point >= 0x80 is one lexer class of the grammar (it appears only in string and
// comment bodies and as BAD_CHAR), and ANTLR's lexer DFA caches edges only for 0..127: a
// non-ASCII code point would be lexed by full ATN simulation, every time (most of the
// start-up of a bundle with Chinese messages). So the lexer sees them all as 0x7F, which
// is in the same class; token text comes from the source bytes (getText).
constexpr char32_t kNonAscii = 0x7F;

class SourceStream : public antlr4::ANTLRInputStream {
 public:
  SourceStream(std::string_view text, const OffsetMap& map) : text_(text), map_(map) {
    _data.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
      auto c = static_cast<unsigned char>(text[i]);
      size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
      for (size_t k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
      _data.push_back(cp < 0x80 ? cp : kNonAscii);
      i += n;
    }
  }

  std::string getText(const antlr4::misc::Interval& interval) override {
    if (interval.a < 0 || interval.b < interval.a) return "";
    auto begin = map_.byteOf(static_cast<size_t>(interval.a)) - map_.base();
    auto end = map_.byteOf(static_cast<size_t>(interval.b) + 1) - map_.base();
    return std::string(text_.substr(begin, end - begin));
  }

 private:
  std::string_view text_;
  const OffsetMap& map_;
};

bool isTerminatedString(const std::string& text) {
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == '"') return true;
  }
  return false;
}

bool isDeclOrClauseStart(size_t type) {
  switch (type) {
    case GaiParser::PACKAGE: case GaiParser::IMPORT: case GaiParser::ENUM: case GaiParser::RECORD:
    case GaiParser::CONST: case GaiParser::FN: case GaiParser::ACTION: case GaiParser::RULE:
    case GaiParser::EXCEPTION: case GaiParser::LAW: case GaiParser::TEST: case GaiParser::WHEN:
    case GaiParser::GIVEN: case GaiParser::EXPECT: case GaiParser::ASSERT:
      return true;
    default:
      return false;
  }
}

class Session {
 public:
  Session(std::string_view text, uint32_t base, FileId file, DiagnosticSink& diags, const ParseLimits& limits)
      : file_(file), diags_(diags), limits_(limits), map_(text, base), input_(text, map_), lexer_(&input_),
        tokens_(&lexer_), parser_(&tokens_), lexerListener_(file, map_, diags), listener_(file, map_, diags) {
    lexer_.removeErrorListeners();
    lexer_.addErrorListener(&lexerListener_);
    parser_.removeErrorListeners();
  }

  // Lexes everything and reports lexical errors; false when the nesting limit is exceeded.
  bool lex() {
    tokens_.fill();
    reportLexicalErrors();
    return checkNesting();
  }

  antlr4::ParserRuleContext* parse(bool wholeFile) {
    auto* sim = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser_.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      return entry(wholeFile);
    } catch (std::exception&) {
    }
    tokens_.seek(0);
    parser_.reset();
    sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser_.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser_.addErrorListener(&listener_);
    return entry(wholeFile);
  }

  // The fast path: SLL prediction, bailing out at the first error, one declaration at a
  // time (each parse tree is freed once its AST is built). Null on any syntax error.
  std::unique_ptr<ast::File> parseByDecl(Builder& builder) {
    parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser_.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      std::unique_ptr<ast::File> file = builder.newFile();
      builder.package(*file, tokens_.LA(1) == GaiParser::PACKAGE ? parser_.packageDecl() : nullptr);
      while (tokens_.LA(1) == GaiParser::IMPORT) file->imports.push_back(builder.import(parser_.importDecl()));
      while (tokens_.LA(1) != antlr4::Token::EOF) {
        ast::DeclPtr decl = builder.decl(parser_.decl());
        parser_.getTreeTracker().reset();
        if (!decl) return nullptr;
        decl->file = file.get();
        file->decls.push_back(std::move(decl));
      }
      return file;
    } catch (std::exception&) {
      parser_.getTreeTracker().reset();
      return nullptr;
    }
  }

  // The full path, for files with syntax errors: the tokens are split before every
  // declaration keyword and each piece is parsed on its own (LL prediction, every error
  // reported), so an error never swallows the next declaration.
  std::unique_ptr<ast::File> parseBySegments(Builder& builder) {
    std::vector<antlr4::Token*> visible;
    for (antlr4::Token* t : tokens_.getTokens())
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL && t->getType() != antlr4::Token::EOF)
        visible.push_back(t);
    std::vector<size_t> starts;
    for (size_t i = 0; i < visible.size(); ++i)
      if (i == 0 || isDeclStart(visible[i]->getType())) starts.push_back(i);
    starts.push_back(visible.size());
    std::unique_ptr<ast::File> file = builder.newFile();
    if (visible.empty() || visible[0]->getType() != GaiParser::PACKAGE) builder.package(*file, nullptr);
    for (size_t s = 0; s + 1 < starts.size(); ++s) {
      antlr4::Token* next = starts[s + 1] < visible.size() ? visible[starts[s + 1]] : tokens_.get(tokens_.size() - 1);
      parseSegment(builder, *file, visible, starts[s], starts[s + 1], next);
    }
    return file;
  }

  void forInterpolation() { listener_.setEofWidth(1); }

  Builder builder(ExprReparser reparse, DiagnosticSink& sink) {
    return Builder(file_, map_, tokens_, sink, std::move(reparse));
  }

 private:
  static bool isDeclStart(size_t type) {
    switch (type) {
      case GaiParser::PACKAGE: case GaiParser::IMPORT: case GaiParser::ENUM: case GaiParser::RECORD:
      case GaiParser::CONST: case GaiParser::FN: case GaiParser::ACTION: case GaiParser::RULE:
      case GaiParser::EXCEPTION: case GaiParser::LAW: case GaiParser::TEST:
        return true;
      default:
        return false;
    }
  }

  void parseSegment(Builder& builder, ast::File& file, const std::vector<antlr4::Token*>& visible, size_t begin,
                    size_t end, antlr4::Token* next) {
    std::vector<std::unique_ptr<antlr4::Token>> copies;
    for (size_t k = begin; k < end; ++k) copies.push_back(std::make_unique<antlr4::CommonToken>(visible[k]));
    antlr4::ListTokenSource source(std::move(copies));
    antlr4::CommonTokenStream stream(&source);
    GaiParser parser(&stream);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener_);
    listener_.setSegmentEnd(next);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    size_t errorsBefore = listener_.errorCount();
    size_t type = visible[begin]->getType();
    if (type == GaiParser::PACKAGE) {
      auto* ctx = parser.packageDecl();
      if (begin == 0) builder.package(file, ctx);
      else diags_.emit(DiagId::SyntaxError, loc(visible[begin]), "'package' must be the first line of the file");
    } else if (type == GaiParser::IMPORT) {
      file.imports.push_back(builder.import(parser.importDecl()));
      if (!file.decls.empty())
        diags_.emit(DiagId::SyntaxError, loc(visible[begin]), "imports must come before the declarations");
    } else if (ast::DeclPtr decl = builder.decl(parser.decl())) {
      decl->file = &file;
      file.decls.push_back(std::move(decl));
    }
    if (stream.LA(1) != antlr4::Token::EOF && listener_.errorCount() == errorsBefore)
      diags_.emit(DiagId::SyntaxError, loc(stream.LT(1)), "unexpected " + describeToken(stream.LT(1)));
    listener_.setSegmentEnd(nullptr);
  }

  antlr4::ParserRuleContext* entry(bool wholeFile) {
    if (wholeFile) return parser_.file();
    return parser_.standaloneExpr();
  }

  Loc loc(antlr4::Token* t) const {
    uint32_t begin = map_.byteOf(t->getStartIndex());
    uint32_t end = t->getStopIndex() + 1 > t->getStartIndex() ? map_.byteOf(t->getStopIndex() + 1) : begin;
    return Loc{file_, begin, end - begin};
  }

  void reportLexicalErrors() {
    size_t count = 0;
    size_t lastBadChar = SIZE_MAX;
    for (antlr4::Token* t : tokens_.getTokens()) {
      if (count >= kMaxLexicalErrors) return;
      size_t type = t->getType();
      if (type == GaiParser::BAD_CHAR) {
        bool continuesRun = lastBadChar != SIZE_MAX && lastBadChar + 1 == t->getTokenIndex();
        lastBadChar = t->getTokenIndex();
        if (continuesRun) continue;
        ++count;
        diags_.emit(DiagId::UnexpectedCharacter, loc(t), "'" + t->getText() + "'");
      } else if (type == GaiParser::STRING && !isTerminatedString(t->getText())) {
        ++count;
        Loc at = loc(t);
        diags_.emit(DiagId::UnterminatedString, Loc{file_, at.offset, 1})
            .withHelp("close the string with '\"' on the same line; write \\n for a line break");
      } else if (type == GaiParser::BLOCK_COMMENT && !isClosedComment(t->getText())) {
        ++count;
        diags_.emit(DiagId::UnterminatedComment, Loc{file_, loc(t).offset, 2});
      } else if (type == GaiParser::BAD_NUMBER) {
        ++count;
        reportBadNumber(t);
      }
    }
  }

  static bool isClosedComment(const std::string& text) {
    return text.size() >= 4 && text.compare(text.size() - 2, 2, "*/") == 0;
  }

  void reportBadNumber(antlr4::Token* t) {
    std::string text = t->getText();
    bool digits = text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) {
      diags_.emit(DiagId::LeadingZero, loc(t), text).withHelp("write the number without leading zeros");
      return;
    }
    diags_.emit(DiagId::MalformedNumber, loc(t), text)
        .withHelp("numbers cannot be glued to letters; durations use the units d, h, m, s in that order, "
                  "like 15d or 1d12h");
  }

  // Brackets, and prefix forms that nest without brackets, must stay within the limit;
  // so must unbracketed operator chains (their trees are as deep as they are long).
  bool checkNesting() {
    struct Level {
      uint32_t nested = 0;  // if/let/implies/?? opened at this bracket level
      uint32_t chain = 0;   // binary operators in the current operand chain
    };
    std::vector<Level> levels(1);
    uint64_t depth = 0;  // brackets + nested forms of all open levels
    uint32_t prefixRun = 0;
    uint32_t maxChain = limits_.maxNesting * 16;
    for (antlr4::Token* t : tokens_.getTokens()) {
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      size_t type = t->getType();
      bool prefix = type == GaiParser::NOT || type == GaiParser::MINUS;
      prefixRun = prefix ? prefixRun + 1 : 0;
      switch (type) {
        case GaiParser::LPAREN: case GaiParser::LBRACE: case GaiParser::LBRACK:
          levels.emplace_back();
          ++depth;
          break;
        case GaiParser::RPAREN: case GaiParser::RBRACE: case GaiParser::RBRACK:
          if (levels.size() > 1) {
            depth -= 1 + levels.back().nested;
            levels.pop_back();
          }
          break;
        case GaiParser::IF: case GaiParser::LET: case GaiParser::IMPLIES: case GaiParser::COALESCE:
          ++levels.back().nested;
          ++depth;
          break;
        case GaiParser::COMMA:
          levels.back().chain = 0;
          break;
        case GaiParser::OR: case GaiParser::AND: case GaiParser::PLUS: case GaiParser::STAR:
        case GaiParser::SLASH: case GaiParser::PERCENT: case GaiParser::DOT: case GaiParser::QDOT:
          ++levels.back().chain;
          break;
        default:
          if (isDeclOrClauseStart(type)) {
            depth -= levels.back().nested;
            levels.back() = Level{};
          }
          break;
      }
      if (type == GaiParser::MINUS) ++levels.back().chain;
      if (depth + prefixRun > limits_.maxNesting || levels.back().chain > maxChain) {
        diags_.emit(DiagId::NestingTooDeep, loc(t), depth + prefixRun > limits_.maxNesting ? limits_.maxNesting : maxChain)
            .withHelp("split the expression, e.g. with a fn or a let");
        return false;
      }
    }
    return true;
  }

  FileId file_;
  DiagnosticSink& diags_;
  const ParseLimits& limits_;
  OffsetMap map_;
  SourceStream input_;
  GaiLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  GaiParser parser_;
  LexerErrorListener lexerListener_;
  SyntaxErrorListener listener_;
};

bool isHardKeyword(std::string_view word) {
  static const char* const kWords[] = {
      "package", "import", "as", "enum", "record", "const", "fn", "action", "rule", "exception", "for",
      "test", "law", "if", "then", "else", "let", "in", "not", "and", "or", "implies", "true", "false",
      "none", "now", "any", "all", "count", "sum", "with", "given", "expect", "assert", "when", "deny",
      "allow", "flag", "require", "excepted"};
  for (const char* w : kWords)
    if (word == w) return true;
  return false;
}

// The common interpolation `{a.b.c}` built without ANTLR; null when the text is anything else.
ast::ExprPtr simplePath(std::string_view text, uint32_t offset, FileId file) {
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  if (begin == std::string_view::npos) return nullptr;
  ast::ExprPtr acc;
  size_t i = begin;
  while (i <= end) {
    size_t start = i;
    auto identChar = [&](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (!(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_')) return nullptr;
    while (i <= end && identChar(text[i])) ++i;
    std::string_view word = text.substr(start, i - start);
    if (isHardKeyword(word)) return nullptr;
    Loc at{file, offset + static_cast<uint32_t>(start), static_cast<uint32_t>(word.size())};
    if (!acc) {
      auto name = std::make_unique<ast::NameExpr>(at);
      name->name = ast::Ident{std::string(word), at};
      acc = std::move(name);
    } else {
      auto field = std::make_unique<ast::FieldExpr>(Loc::cover(acc->loc, at));
      field->base = std::move(acc);
      field->field = ast::Ident{std::string(word), at};
      acc = std::move(field);
    }
    if (i > end) break;
    if (text[i] != '.' || i == end) return nullptr;
    ++i;
  }
  return acc;
}

ast::ExprPtr parseInterpolation(std::string_view text, uint32_t offset, FileId file, DiagnosticSink& diags,
                                const ParseLimits& limits) {
  if (ast::ExprPtr path = simplePath(text, offset, file)) return path;
  Session session(text, offset, file, diags, limits);
  session.forInterpolation();
  if (!session.lex()) return nullptr;
  antlr4::ParserRuleContext* tree = session.parse(false);
  return session.builder(nullptr, diags).expr(tree);
}

std::unique_ptr<ast::File> parseTextUnlimited(std::string_view text, FileId file, DiagnosticSink& diags,
                                              const ParseLimits& limits);

std::unique_ptr<ast::File> parseText(std::string_view text, FileId file, DiagnosticSink& diags,
                                     const ParseLimits& limits) {
  std::unique_ptr<ast::File> out = parseTextUnlimited(text, file, diags, limits);
  if (out->decls.size() > limits.maxDecls) {
    diags.emit(DiagId::TooManyDecls, out->decls[limits.maxDecls]->loc, limits.maxDecls);
    out->decls.resize(limits.maxDecls);
  }
  return out;
}

std::unique_ptr<ast::File> parseTextUnlimited(std::string_view text, FileId file, DiagnosticSink& diags,
                                              const ParseLimits& limits) {
  PreparedText prepared = prepareSource(text, file, diags);
  Session session(prepared.text, prepared.base, file, diags, limits);
  if (!session.lex()) {
    auto out = std::make_unique<ast::File>();
    out->id = file;
    return out;
  }
  {
    // Diagnostics of the fast path are kept only when it succeeds.
    DiagnosticSink fastDiags;
    Builder fast = session.builder([&](std::string_view sub, uint32_t offset) {
      return parseInterpolation(sub, offset, file, fastDiags, limits);
    }, fastDiags);
    if (std::unique_ptr<ast::File> out = session.parseByDecl(fast)) {
      for (const Diagnostic& d : fastDiags.diagnostics()) diags.add(d);
      return out;
    }
  }
  Builder full = session.builder([&](std::string_view sub, uint32_t offset) {
    return parseInterpolation(sub, offset, file, diags, limits);
  }, diags);
  return session.parseBySegments(full);
}

template <typename F>
void runWithLargeStack(F& body) {
  constexpr size_t kStackBytes = size_t{256} << 20;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kStackBytes);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<F*>(arg))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, trampoline, &body) == 0) {
    pthread_join(thread, nullptr);
  } else {
    body();
  }
  pthread_attr_destroy(&attr);
}

}  // namespace
}  // namespace detail

std::unique_ptr<ast::File> parseFile(const SourceManager& sources, FileId file, DiagnosticSink& diags,
                                     const ParseLimits& limits) {
  const std::string& text = sources.file(file).text();
  if (text.size() > limits.maxSourceBytes) {
    diags.emit(DiagId::SourceTooLarge, Loc{file, 0, 0}, text.size(), limits.maxSourceBytes);
    auto out = std::make_unique<ast::File>();
    out->id = file;
    return out;
  }
  std::unique_ptr<ast::File> result;
  auto body = [&] {
    try {
      result = detail::parseText(text, file, diags, limits);
    } catch (std::exception& e) {
      diags.emit(DiagId::SyntaxError, Loc{file, 0, 0}, std::string("internal parser failure: ") + e.what());
    } catch (...) {
      diags.emit(DiagId::SyntaxError, Loc{file, 0, 0}, "internal parser failure");
    }
  };
  detail::runWithLargeStack(body);
  if (!result) {
    result = std::make_unique<ast::File>();
    result->id = file;
  }
  return result;
}

}  // namespace gai::syntax
