// Private to compiler/syntax: ANTLR's syntax errors as E0001 diagnostics.
#pragma once

#include "antlr4-runtime.h"
#include "diagnostics/diagnostic.h"
#include "syntax/source_text.h"

namespace gai::syntax::detail {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(FileId file, const OffsetMap& map, DiagnosticSink& diags, size_t maxErrors = 25)
      : file_(file), map_(map), diags_(diags), maxErrors_(maxErrors) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offendingSymbol, size_t line,
                   size_t charPositionInLine, const std::string& msg, std::exception_ptr e) override;
  size_t errorCount() const { return count_; }
  // While parsing one piece of a file, its end of file stands for this token.
  void setSegmentEnd(antlr4::Token* next) { segmentEnd_ = next; }
  // For an interpolation: its end of file is the closing brace, one byte wide.
  void setEofWidth(uint32_t width) { eofWidth_ = width; }

 private:
  FileId file_;
  const OffsetMap& map_;
  DiagnosticSink& diags_;
  size_t maxErrors_;
  size_t count_ = 0;
  antlr4::Token* segmentEnd_ = nullptr;
  uint32_t eofWidth_ = 0;
};

// "identifier 'foo'", "'}'", "end of file".
std::string describeToken(antlr4::Token* token);
// "')'", "an expression", "identifier" ... for a set of expected token types.
std::string describeExpected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary);

}  // namespace gai::syntax::detail
