// Renders values as message interpolations do (LANGUAGE.md §3 Messages):
//   bool       true / false
//   int        decimal, e.g. -42
//   float      the shortest digits that read back as the same double, laid out like
//              ECMAScript's Number toString: plain decimal when 1e-7 <= |x| < 1e21, else
//              d.ddde+XX / d.ddde-XX. 0.1 -> 0.1, 2.0 -> 2, 100000.0 -> 100000,
//              1e21 -> 1e+21, 1e-7 -> 1e-7, 0.000001 -> 0.000001, 123456.789 -> 123456.789,
//              5e-324 -> 5e-324; -0.0 -> -0; NaN -> nan, infinities -> inf / -inf
//   string     its text as is at the top level; inside a list, set, record or effect
//              argument, quoted with JSON escapes ("a \"b\"")
//   date       YYYY-MM-DD
//   timestamp  RFC 3339 in UTC with Z; fractional seconds only when non-zero, without
//              trailing zeros: 2024-03-01T08:00:00.25Z
//   duration   literal form: 1d12h, -2h, 0s
//   enum       member name
//   T?         none, or the value
//   list, set  [a, b] in iteration order (sets canonical), [] when empty
//   record     {f: v, g: w} in field declaration order, {} when it has no fields
#pragma once

#include <string>

#include "core/types.h"

namespace gai::rt {

// `nested` selects the quoted form of strings (inside collections, records, arguments).
void renderValue(const Type& type, const void* value, std::string& out, bool nested = false);
std::string renderValue(const Type& type, const void* value, bool nested = false);
void renderFloat(double value, std::string& out);

}  // namespace gai::rt
