// Literal pools, type names and string quoting.
#include "progen_impl.h"

namespace gai::progen {

const std::vector<std::string> kIntLits = {
    "0", "1", "2", "7", "100", "(-1)", "(-7)", "3", "9223372036854775807", "(-9223372036854775808)",
    "9223372036854775806", "4611686018427387904", "(-4611686018427387904)", "3037000500", "(-3037000500)"};
const std::vector<std::string> kFloatLits = {"0.0", "1.5", "(-0.0)", "0.1", "0.2", "1e308", "2.5e-7", "3.0",
                                             "(-2.25)", "1e21", "100.0", "0.30000000000000004"};
const std::vector<std::string> kStringLits = {"",        "a",      "AbC",   "生成式AI", "éÉ",    "ǅ",     "ß",
                                              "İstanbul", "x\"y\\z", "tab\t", "😀",      "abc",   "ABC",   "ab",
                                              "水印",     "Straße", "ΣΑΣ",   "a{b}c",   "line\n", "ﬁ",
                                              // lowering to ASCII (U+212A KELVIN SIGN, U+0130), full width
                                              "\u212Aelvin", "kelvin", "istanbul", "ＫＥＬＶＩＮ"};
const std::vector<std::string> kDateLits = {"2024-01-01", "2023-12-31", "2024-02-29", "0001-01-01",
                                            "9999-12-31", "2025-03-15", "1970-01-01", "2023-08-15"};
const std::vector<std::string> kTimestampLits = {
    "2024-01-01T00:00:00Z",      "2023-12-31T23:59:59+08:00", "1970-01-01T00:00:00Z",
    "2024-02-29T12:30:00.5Z",    "9999-12-31T23:59:59Z",      "0001-01-01T00:00:00Z",
    "2025-03-15T08:00:00-05:00", "2023-08-15T00:00:00+08:00"};
const std::vector<std::string> kDurationLits = {"0s", "1s", "1d", "2h", "1d12h", "90m", "36h", "15d", "100000d",
                                                "1d1h1m1s"};
const std::vector<std::string> kPatterns = {"^a", "[0-9]+", "(?i)abc", "生成", "\\p{Han}", "a.c", "^$", "É", "b$"};
// Effective dates: each with the day before and after (UTC+8 calendar days).
const std::vector<std::string> kPivotDates = {"2023-12-31", "2024-01-01", "2024-01-02", "2024-02-28", "2024-02-29",
                                              "2024-03-01", "2025-03-14", "2025-03-15", "2025-03-16"};

std::string typeName(const Schema& s, const Type& t) {
  switch (t.kind) {
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Date: return "date";
    case Kind::Timestamp: return "timestamp";
    case Kind::Duration: return "duration";
    case Kind::Enum: return s.enums[t.id].name;
    case Kind::Record: return s.records[t.id].name;
    case Kind::List: return "list<" + typeName(s, t.inner()) + ">";
    case Kind::Set: return "set<" + typeName(s, t.inner()) + ">";
    case Kind::Opt: return typeName(s, t.inner()) + "?";
  }
  return "bool";
}

static void appendCodePoint(std::string& out, unsigned cp) {
  static const char* hex = "0123456789ABCDEF";
  std::string h;
  for (; cp; cp >>= 4) h.insert(h.begin(), hex[cp & 15]);
  out += "\\u{" + (h.empty() ? std::string("0") : h) + "}";
}

// A .gai string literal; non-ASCII text optionally as \u{X} escapes.
std::string quoteGai(const std::string& text, bool escapeUnicode) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c >= 0x80 && escapeUnicode) {
      int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      unsigned cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
      for (int k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
      appendCodePoint(out, cp);
      i += len - 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace gai::progen
