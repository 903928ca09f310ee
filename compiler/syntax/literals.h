// Decoding literal tokens: string escapes, integers, floats and message templates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gai::syntax::detail {

// A problem inside a literal; offset and length are relative to the text given.
struct LiteralProblem {
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;  // the offending text, or a description
};

// Decodes `\" \\ \n \t \u{XXXX}` in the body of a string literal (between the quotes).
// Invalid escapes are reported and kept as written.
std::string decodeEscapes(std::string_view raw, std::vector<LiteralProblem>& problems);

struct IntValue {
  uint64_t magnitude = 0;
  bool overflow = false;  // does not fit in 64 bits unsigned
};
IntValue decodeInt(std::string_view digits);

// nullopt when the value is out of the range of a double.
std::optional<double> decodeFloat(std::string_view text);

// One piece of a message string: literal text (decoded) or an interpolation (raw).
struct TemplatePiece {
  bool isExpr = false;
  std::string text;
  uint32_t offset = 0;  // of the raw text (for an interpolation: after the `{`)
  uint32_t length = 0;
};

struct TemplateProblems {
  std::vector<LiteralProblem> escapes;         // E0005
  std::vector<LiteralProblem> loneBraces;      // E0018
  std::vector<LiteralProblem> interpolations;  // E0019, text = the reason
};

// Splits the body of a message string at its `{expr}` interpolations; `{{` and `}}` are
// literal braces. Texts and interpolations alternate, starting and ending with a text.
std::vector<TemplatePiece> splitTemplate(std::string_view raw, TemplateProblems& problems);

}  // namespace gai::syntax::detail
