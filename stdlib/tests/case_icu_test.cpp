// Cross-checks the generated case tables against ICU's simple case mappings for every code
// point (built only where ICU 72 is installed: it implements Unicode 15.0, like the tables).
#include <gtest/gtest.h>

#include <unicode/uchar.h>

#include <deque>
#include <string>

#include "stdlib/std.h"

namespace {

std::string utf8(UChar32 cp) {
  std::string s;
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 | (cp >> 6));
    s += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += char(0xE0 | (cp >> 12));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  } else {
    s += char(0xF0 | (cp >> 18));
    s += char(0x80 | ((cp >> 12) & 0x3F));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  }
  return s;
}

void* alloc(void* ctx, int64_t size) {
  auto* blocks = static_cast<std::deque<std::string>*>(ctx);
  blocks->emplace_back(size_t(size), '\0');
  return blocks->back().data();
}

TEST(CaseTables, MatchIcuForEveryCodePoint) {
  int mismatches = 0;
  for (UChar32 cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::deque<std::string> blocks;
    std::string in = utf8(cp);
    gai_str lo{}, up{};
    ASSERT_EQ(gai_std_text_lower(in.data(), int64_t(in.size()), alloc, &blocks, &lo), GAI_STD_OK);
    ASSERT_EQ(gai_std_text_upper(in.data(), int64_t(in.size()), alloc, &blocks, &up), GAI_STD_OK);
    bool ok = std::string(lo.data, size_t(lo.len)) == utf8(u_tolower(cp)) &&
              std::string(up.data, size_t(up.len)) == utf8(u_toupper(cp));
    if (!ok && ++mismatches <= 10) ADD_FAILURE() << "U+" << std::hex << cp;
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
