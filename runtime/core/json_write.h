// Writing JSON text: string escaping shared by binding errors, rendering and decisions.
#pragma once

#include <string>
#include <string_view>

namespace gai::rt {

// Appends `text` as a JSON string with quotes. Escapes `"`, `\`, and control characters
// (\b \f \n \r \t, others as \u00XX); everything else, including non-ASCII UTF-8, is copied.
inline void appendJsonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

}  // namespace gai::rt
