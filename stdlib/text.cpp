// std.text: length, case mapping and byte-exact search.
#include <cstring>

#include "stdlib/std.h"
#include "stdlib/text_impl.h"

namespace {

#include "stdlib/case_tables.inc"

// Decodes one well-formed UTF-8 sequence at s[0..avail); returns its length (0 when the
// bytes are not a well-formed sequence, in which case the lead byte is passed through).
int decodeUtf8(const unsigned char* s, int64_t avail, uint32_t& cp) {
  unsigned char b0 = s[0];
  auto cont = [&](int i) { return i < avail && (s[i] & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return 0;
    cp = (uint32_t(b0 & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    cp = (uint32_t(b0 & 0x0F) << 12) | (uint32_t(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) ? 0 : 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    cp = (uint32_t(b0 & 0x07) << 18) | (uint32_t(s[1] & 0x3F) << 12) |
         (uint32_t(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return (cp < 0x10000 || cp > 0x10FFFF) ? 0 : 4;
  }
  return 0;
}

int encodeUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = char(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = char(0xC0 | (cp >> 6));
    out[1] = char(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = char(0xE0 | (cp >> 12));
    out[1] = char(0x80 | ((cp >> 6) & 0x3F));
    out[2] = char(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = char(0xF0 | (cp >> 18));
  out[1] = char(0x80 | ((cp >> 12) & 0x3F));
  out[2] = char(0x80 | ((cp >> 6) & 0x3F));
  out[3] = char(0x80 | (cp & 0x3F));
  return 4;
}

using CaseIndex = const uint16_t*;
using CaseBlocks = const int32_t (*)[1u << kCaseShift];

uint32_t mapCase(uint32_t cp, CaseIndex index, CaseBlocks blocks) {
  if (cp >= kCaseLimit) return cp;
  return uint32_t(int32_t(cp) + blocks[index[cp >> kCaseShift]][cp & ((1u << kCaseShift) - 1)]);
}

// A case mapping: the tables for non-ASCII code points, and the one ASCII range it moves
// (simple case mappings keep ASCII within ASCII: A-Z <-> a-z).
struct CaseMap {
  CaseIndex index;
  CaseBlocks blocks;
  unsigned char from, to;
  int delta;
};

const CaseMap kLower{kLowerIndex, kLowerBlocks, 'A', 'Z', 'a' - 'A'};
const CaseMap kUpper{kUpperIndex, kUpperBlocks, 'a', 'z', 'A' - 'a'};

// A well-formed 3-byte sequence in U+3000..U+9FFF (CJK punctuation, kana, ideographs) or
// U+C000..U+DFFF (Hangul; surrogates would be passed through byte by byte, unchanged
// too): caseless, so it is kept as it is without decoding.
bool caselessWide(const unsigned char* s, int64_t avail) {
  unsigned char c = s[0];
  return ((c >= 0xE3 && c <= 0xE9) || c == 0xEC || c == 0xED) && avail >= 3 && (s[1] & 0xC0) == 0x80 &&
         (s[2] & 0xC0) == 0x80;
}

// The offset of the first code point that maps to another one; len when there is none.
int64_t firstChange(const unsigned char* s, int64_t len, const CaseMap& m) {
  for (int64_t i = 0; i < len;) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c >= m.from && c <= m.to) return i;
      ++i;
      continue;
    }
    if (caselessWide(s + i, len - i)) {
      i += 3;
      continue;
    }
    uint32_t cp = 0;
    int n = decodeUtf8(s + i, len - i, cp);
    if (n == 0) {  // Malformed: passed through.
      ++i;
      continue;
    }
    if (mapCase(cp, m.index, m.blocks) != cp) return i;
    i += n;
  }
  return len;
}

// Maps s[i..len) to out; returns the bytes written (at most 2 * (len - i): ASCII and
// malformed bytes keep one byte, a 2-byte sequence becomes at most 4).
int64_t mapFrom(const unsigned char* s, int64_t i, int64_t len, const CaseMap& m, char* out) {
  int64_t o = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) {
      out[o++] = char(c >= m.from && c <= m.to ? c + m.delta : c);
      ++i;
      continue;
    }
    if (caselessWide(s + i, len - i)) {
      std::memcpy(out + o, s + i, 3);
      o += 3;
      i += 3;
      continue;
    }
    uint32_t cp = 0;
    int n = decodeUtf8(s + i, len - i, cp);
    if (n == 0) {
      out[o++] = char(c);
      ++i;
      continue;
    }
    o += encodeUtf8(mapCase(cp, m.index, m.blocks), out + o);
    i += n;
  }
  return o;
}

// One scan up to the first change (unchanged text is returned as is, without a copy), then
// one mapping pass over the rest into a buffer of the worst-case size.
gai_std_status caseMap(const char* s, int64_t len, const CaseMap& m, gai_alloc_fn alloc, void* ctx,
                       gai_str* out) {
  auto* bytes = reinterpret_cast<const unsigned char*>(s);
  int64_t first = firstChange(bytes, len, m);
  if (first == len) {
    *out = gai_str{s, len};
    return GAI_STD_OK;
  }
  auto* buf = static_cast<char*>(alloc(ctx, first + 2 * (len - first)));
  if (!buf) return GAI_STD_ERR_OUT_OF_MEMORY;
  std::memcpy(buf, s, size_t(first));
  int64_t size = first + mapFrom(bytes, first, len, m, buf + first);
  *out = gai_str{buf, size};
  return GAI_STD_OK;
}

}  // namespace

namespace gai::stdlib {

int decodeCodePoint(const char* s, int64_t avail, uint32_t& cp) {
  return decodeUtf8(reinterpret_cast<const unsigned char*>(s), avail, cp);
}

int encodeCodePoint(uint32_t cp, char* out) { return encodeUtf8(cp, out); }

uint32_t lowerCodePoint(uint32_t cp) { return mapCase(cp, kLowerIndex, kLowerBlocks); }

uint32_t caseTableLimit() { return kCaseLimit; }

}  // namespace gai::stdlib

extern "C" {

const char* gai_std_error_message(gai_std_status status) {
  switch (status) {
    case GAI_STD_OK:
      return "";
    case GAI_STD_ERR_ABS_OVERFLOW:
      return "integer overflow in math.abs";
    case GAI_STD_ERR_OFFSET_RANGE:
      return "offset out of range in time.date_of";
    case GAI_STD_ERR_DATE_RANGE:
      return "date out of range in time.date_of";
    case GAI_STD_ERR_OUT_OF_MEMORY:
      return "out of memory";
  }
  return "unknown error";
}

int64_t gai_std_text_length(const char* s, int64_t len) {
  int64_t count = 0;
  for (int64_t i = 0; i < len; ++i) count += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return count;
}

gai_std_status gai_std_text_lower(const char* s, int64_t len, gai_alloc_fn alloc, void* ctx,
                                  gai_str* out) {
  return caseMap(s, len, kLower, alloc, ctx, out);
}

gai_std_status gai_std_text_upper(const char* s, int64_t len, gai_alloc_fn alloc, void* ctx,
                                  gai_str* out) {
  return caseMap(s, len, kUpper, alloc, ctx, out);
}

bool gai_std_text_contains(const char* s, int64_t len, const char* sub, int64_t subLen) {
  if (subLen == 0) return true;
  if (subLen > len) return false;
  return memmem(s, size_t(len), sub, size_t(subLen)) != nullptr;
}

bool gai_std_text_starts_with(const char* s, int64_t len, const char* p, int64_t pLen) {
  return pLen <= len && (pLen == 0 || std::memcmp(s, p, size_t(pLen)) == 0);
}

bool gai_std_text_ends_with(const char* s, int64_t len, const char* p, int64_t pLen) {
  return pLen <= len && (pLen == 0 || std::memcmp(s + len - pLen, p, size_t(pLen)) == 0);
}

bool gai_std_text_contains_any_list(const char* s, int64_t len, const gai_str* terms,
                                    int64_t count) {
  for (int64_t i = 0; i < count; ++i)
    if (terms[i].len > 0 && gai_std_text_contains(s, len, terms[i].data, terms[i].len))
      return true;
  return false;
}

int64_t gai_std_text_count_terms_list(const char* s, int64_t len, const gai_str* terms,
                                      int64_t count) {
  int64_t found = 0;
  for (int64_t i = 0; i < count; ++i)
    found += terms[i].len > 0 && gai_std_text_contains(s, len, terms[i].data, terms[i].len);
  return found;
}

}  // extern "C"
