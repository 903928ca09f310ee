// Internals shared by the JSON and SARIF renderers: a small ordered JSON tree and spans
// as line/column regions.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "diagnostic.h"
#include "source.h"

namespace gai::render {

// A JSON value; objects keep insertion order so output is deterministic.
class Json {
 public:
  enum class Kind : uint8_t { Null, Bool, Int, String, Array, Object };

  static Json null() { return Json(Kind::Null); }
  static Json boolean(bool b);
  static Json number(int64_t n);
  static Json string(std::string s);
  static Json array() { return Json(Kind::Array); }
  static Json object() { return Json(Kind::Object); }

  Json& push(Json value);                  // appends to an array
  Json& set(std::string key, Json value);  // adds a member to an object
  bool isNull() const { return kind_ == Kind::Null; }

  // Two-space indentation, one member or element per line, a final newline.
  std::string dump() const;

 private:
  explicit Json(Kind kind) : kind_(kind) {}
  void write(std::string& out, int depth) const;

  Kind kind_;
  bool bool_ = false;
  int64_t int_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

struct Region {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t endLine = 0;
  uint32_t endColumn = 0;  // exclusive
};

// Whether `loc` names a place in one of `sources`' files.
inline bool hasPlace(const SourceManager& sources, Loc loc) {
  return loc.valid() && loc.file < sources.size();
}

// The region of `loc`, which must have a place.
Region regionOf(const SourceManager& sources, Loc loc);

const char* severityName(Severity severity);

// Length of the valid UTF-8 sequence starting at byte `i` of `s`, or 0 when the bytes
// there are not one (overlong forms and surrogates are invalid).
size_t utf8Length(std::string_view s, size_t i);

}  // namespace gai::render
