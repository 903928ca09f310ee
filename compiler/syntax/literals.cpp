#include "syntax/literals.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace gai::syntax::detail {

namespace {

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the escape starting at raw[i] (a backslash), as far as it goes.
size_t escapeLength(std::string_view raw, size_t i) {
  if (i + 1 >= raw.size()) return 1;
  if (raw[i + 1] != 'u' || i + 2 >= raw.size() || raw[i + 2] != '{') return 2;
  size_t close = raw.find('}', i + 3);
  if (close == std::string_view::npos || close - i > 12) return 2;
  return close - i + 1;
}

// Decodes one `\u{...}`; nullopt when malformed.
std::optional<uint32_t> decodeUnicodeEscape(std::string_view esc) {
  if (esc.size() < 5 || esc.size() > 10) return std::nullopt;  // \u{X} .. \u{XXXXXX}
  uint32_t cp = 0;
  for (char c : esc.substr(3, esc.size() - 4)) {
    int v = hexValue(c);
    if (v < 0) return std::nullopt;
    cp = cp * 16 + static_cast<uint32_t>(v);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

}  // namespace

std::string decodeEscapes(std::string_view raw, std::vector<LiteralProblem>& problems) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\') {
      out += raw[i++];
      continue;
    }
    size_t n = escapeLength(raw, i);
    std::string_view esc = raw.substr(i, n);
    char kind = n >= 2 ? esc[1] : '\0';
    std::optional<uint32_t> cp;
    if (kind == '"') cp = '"';
    else if (kind == '\\') cp = '\\';
    else if (kind == 'n') cp = '\n';
    else if (kind == 't') cp = '\t';
    else if (kind == 'u') cp = decodeUnicodeEscape(esc);
    if (cp) {
      appendUtf8(out, *cp);
    } else {
      problems.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(n), std::string(esc)});
      out += esc;
    }
    i += n;
  }
  return out;
}

IntValue decodeInt(std::string_view digits) {
  IntValue v;
  for (char c : digits) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v.magnitude > (UINT64_MAX - d) / 10) {
      v.overflow = true;
      v.magnitude = UINT64_MAX;
      return v;
    }
    v.magnitude = v.magnitude * 10 + d;
  }
  return v;
}

std::optional<double> decodeFloat(std::string_view text) {
  std::string copy(text);
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (std::isinf(value) || (errno == ERANGE && value != 0)) return std::nullopt;
  return value;
}

namespace {

struct Splitter {
  std::string_view raw;
  TemplateProblems& problems;
  std::vector<TemplatePiece> pieces;
  size_t runStart = 0;  // start of the pending raw text run

  void flushRun(size_t end) {
    std::vector<LiteralProblem> escProblems;
    pieces.back().text += decodeEscapes(raw.substr(runStart, end - runStart), escProblems);
    for (LiteralProblem& p : escProblems) {
      p.offset += static_cast<uint32_t>(runStart);
      problems.escapes.push_back(std::move(p));
    }
  }

  // Scans an interpolation whose `{` is at raw[open]; returns the index after its `}`.
  size_t interpolation(size_t open) {
    size_t depth = 0;
    size_t i = open + 1;
    for (; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '\\' || c == '"') {
        problems.interpolations.push_back(
            {static_cast<uint32_t>(i), 1, "string literals are not allowed inside an interpolation"});
        return skipTo(open);
      }
      if (c == '{') ++depth;
      if (c == '}' && depth-- == 0) break;
    }
    if (i >= raw.size()) {
      problems.interpolations.push_back({static_cast<uint32_t>(open), 1, "missing '}'"});
      return raw.size();
    }
    std::string_view body = raw.substr(open + 1, i - open - 1);
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      problems.interpolations.push_back(
          {static_cast<uint32_t>(open), static_cast<uint32_t>(i - open + 1), "empty interpolation"});
      return i + 1;
    }
    pieces.push_back({true, std::string(body), static_cast<uint32_t>(open + 1), static_cast<uint32_t>(body.size())});
    pieces.push_back({false, "", static_cast<uint32_t>(i + 1), 0});
    return i + 1;
  }

  // After a bad interpolation: resume after its closing brace, if any.
  size_t skipTo(size_t open) {
    size_t close = raw.find('}', open);
    return close == std::string_view::npos ? raw.size() : close + 1;
  }

  void run() {
    pieces.push_back({false, "", 0, 0});
    size_t i = 0;
    while (i < raw.size()) {
      char c = raw[i];
      if (c == '\\') {
        i += escapeLength(raw, i);
        continue;
      }
      if (c != '{' && c != '}') {
        ++i;
        continue;
      }
      flushRun(i);
      if (i + 1 < raw.size() && raw[i + 1] == c) {
        pieces.back().text += c;
        i += 2;
      } else if (c == '}') {
        problems.loneBraces.push_back({static_cast<uint32_t>(i), 1, "}"});
        ++i;
      } else {
        i = interpolation(i);
      }
      runStart = i;
    }
    flushRun(raw.size());
    for (TemplatePiece& p : pieces)
      if (!p.isExpr) p.length = 0;
  }
};

}  // namespace

std::vector<TemplatePiece> splitTemplate(std::string_view raw, TemplateProblems& problems) {
  Splitter s{raw, problems, {}};
  s.run();
  return std::move(s.pieces);
}

}  // namespace gai::syntax::detail
