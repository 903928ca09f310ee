#include "core/json_scan.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/json_bind.h"

namespace gai::rt {

namespace {

struct Frame {
  bool isObject;
  bool expectKey;
  size_t index;
  std::string key;
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isNumberChar(char c) {
  return isDigit(c) || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

unsigned hexValue(char c) {
  if (isDigit(c)) return static_cast<unsigned>(c - '0');
  c = static_cast<char>(c | 0x20);
  return c >= 'a' && c <= 'f' ? static_cast<unsigned>(c - 'a' + 10) : 0;
}

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool wellFormed(std::string_view t, bool& integral) {
  size_t i = 0;
  integral = true;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size() || !isDigit(t[i])) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (i < t.size() && isDigit(t[i])) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    integral = false;
    size_t start = ++i;
    while (i < t.size() && isDigit(t[i])) ++i;
    if (i == start) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    integral = false;
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    size_t start = i;
    while (i < t.size() && isDigit(t[i])) ++i;
    if (i == start) return false;
  }
  return i == t.size();
}

bool fitsInteger(std::string_view t) {
  bool negative = t[0] == '-';
  std::string_view digits = t.substr(negative ? 1 : 0);
  std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  if (digits.size() != limit.size()) return digits.size() < limit.size();
  return digits <= limit;
}

bool fitsDouble(std::string_view t) {
  std::string copy(t);
  errno = 0;
  double v = std::strtod(copy.c_str(), nullptr);
  return std::isfinite(v);
}

// Reads a string starting at the quote; returns the position after the closing quote and
// the unescaped text (lossy for odd escapes; only used to name paths).
size_t readString(std::string_view json, size_t pos, std::string& out) {
  out.clear();
  ++pos;
  while (pos < json.size() && json[pos] != '"') {
    char c = json[pos];
    if (c != '\\') {
      out += c;
      ++pos;
      continue;
    }
    if (pos + 1 >= json.size()) return json.size();
    char e = json[pos + 1];
    pos += 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        unsigned cp = 0;
        for (int k = 0; k < 4 && pos < json.size(); ++k, ++pos) cp = cp * 16 + hexValue(json[pos]);
        if (cp < 0x80) {
          out += static_cast<char>(cp);
        } else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        break;
      }
      default: out += e;
    }
  }
  return pos < json.size() ? pos + 1 : pos;
}

std::string pathOf(const std::vector<Frame>& stack) {
  std::string path = "$";
  for (const Frame& f : stack) {
    if (f.isObject) {
      appendPathKey(path, f.key);
    } else {
      path += '[' + std::to_string(f.index) + ']';
    }
  }
  return path;
}

}  // namespace

std::vector<BadNumber> scanBadNumbers(std::string_view json, unsigned maxDepth) {
  std::vector<BadNumber> found;
  std::vector<Frame> stack;
  std::string text;
  size_t pos = 0;
  while (pos < json.size()) {
    char c = json[pos];
    if (c == '{' || c == '[') {
      if (stack.size() >= maxDepth) break;
      stack.push_back(Frame{c == '{', c == '{', 0, {}});
      ++pos;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
      ++pos;
    } else if (c == ',') {
      if (!stack.empty()) {
        stack.back().index++;
        stack.back().expectKey = stack.back().isObject;
      }
      ++pos;
    } else if (c == ':') {
      if (!stack.empty()) stack.back().expectKey = false;
      ++pos;
    } else if (c == '"') {
      pos = readString(json, pos, text);
      if (!stack.empty() && stack.back().isObject && stack.back().expectKey) stack.back().key = text;
    } else if (c == '-' || isDigit(c)) {
      size_t start = pos;
      while (pos < json.size() && isNumberChar(json[pos])) ++pos;
      std::string_view token = json.substr(start, pos - start);
      bool integral = false;
      BadNumber::Kind kind;
      if (!wellFormed(token, integral)) {
        kind = BadNumber::Malformed;
      } else if (integral) {
        if (fitsInteger(token)) continue;
        kind = BadNumber::BigInteger;
      } else {
        if (fitsDouble(token)) continue;
        kind = BadNumber::OutOfRange;
      }
      found.push_back(BadNumber{kind, start, pos, pathOf(stack)});
    } else {
      ++pos;
    }
  }
  return found;
}

}  // namespace gai::rt
