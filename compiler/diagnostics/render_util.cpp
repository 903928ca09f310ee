#include "render_util.h"

#include <fmt/core.h>

#include "render.h"

namespace gai {

namespace render {

size_t utf8Length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace render

namespace {

void appendEscaped(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  if (c < 0x20 || c == 0x7F) {
    out += fmt::format("\\u{:04x}", c);
    return;
  }
  out += static_cast<char>(c);
}

}  // namespace

std::string jsonQuote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    size_t len = render::utf8Length(text, i);
    if (len == 0) {
      out += "\\ufffd";
      ++i;
    } else if (len == 1) {
      appendEscaped(out, static_cast<unsigned char>(text[i++]));
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  out += '"';
  return out;
}

namespace render {

Json Json::boolean(bool b) {
  Json j(Kind::Bool);
  j.bool_ = b;
  return j;
}

Json Json::number(int64_t n) {
  Json j(Kind::Int);
  j.int_ = n;
  return j;
}

Json Json::string(std::string s) {
  Json j(Kind::String);
  j.string_ = std::move(s);
  return j;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

Json& Json::set(std::string key, Json value) {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  write(out, 0);
  out += '\n';
  return out;
}

void Json::write(std::string& out, int depth) const {
  std::string indent(2 * (depth + 1), ' ');
  switch (kind_) {
    case Kind::Null: out += "null"; return;
    case Kind::Bool: out += bool_ ? "true" : "false"; return;
    case Kind::Int: out += std::to_string(int_); return;
    case Kind::String: out += jsonQuote(string_); return;
    case Kind::Array:
      if (items_.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < items_.size(); ++i) {
        out += indent;
        items_[i].write(out, depth + 1);
        out += i + 1 < items_.size() ? ",\n" : "\n";
      }
      out += std::string(2 * depth, ' ') + "]";
      return;
    case Kind::Object:
      if (members_.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < members_.size(); ++i) {
        out += indent + jsonQuote(members_[i].first) + ": ";
        members_[i].second.write(out, depth + 1);
        out += i + 1 < members_.size() ? ",\n" : "\n";
      }
      out += std::string(2 * depth, ' ') + "}";
      return;
  }
}

Region regionOf(const SourceManager& sources, Loc loc) {
  const SourceFile& file = sources.file(loc.file);
  LineCol begin = file.lineCol(loc.offset);
  LineCol end = file.lineCol(loc.end());
  return Region{begin.line, begin.column, end.line, end.column};
}

const char* severityName(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

}  // namespace render
}  // namespace gai
