// Internals of std.text shared with the prepared keyword sets (not part of std.h).
#pragma once

#include <cstdint>

namespace gai::stdlib {

// Decodes one well-formed UTF-8 sequence at s[0..avail) into cp; returns its length, or 0
// when the bytes there are not well formed (text.lower passes such a lead byte through).
int decodeCodePoint(const char* s, int64_t avail, uint32_t& cp);
// Writes cp (a scalar value) as UTF-8 to out[0..4); returns the length.
int encodeCodePoint(uint32_t cp, char* out);
// The simple lowercase mapping text.lower applies to one code point.
uint32_t lowerCodePoint(uint32_t cp);
// Every code point at or above this one maps to itself (upper and lower).
uint32_t caseTableLimit();

}  // namespace gai::stdlib
