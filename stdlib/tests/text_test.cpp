#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stdlib/tests/test_util.h"

namespace gai::stdlib::test {
namespace {

int64_t length(std::string_view s) { return gai_std_text_length(s.data(), int64_t(s.size())); }

std::string lower(std::string_view s) {
  Arena arena;
  gai_str out{};
  EXPECT_EQ(gai_std_text_lower(s.data(), int64_t(s.size()), Arena::alloc, &arena, &out),
            GAI_STD_OK);
  return std::string(view(out));
}

std::string upper(std::string_view s) {
  Arena arena;
  gai_str out{};
  EXPECT_EQ(gai_std_text_upper(s.data(), int64_t(s.size()), Arena::alloc, &arena, &out),
            GAI_STD_OK);
  return std::string(view(out));
}

TEST(TextLength, CountsCodePoints) {
  EXPECT_EQ(length(""), 0);
  EXPECT_EQ(length("abc"), 3);
  EXPECT_EQ(length("生成式人工智能"), 7);
  EXPECT_EQ(length("AI生成"), 4);
  EXPECT_EQ(length("\xF0\x9F\x98\x80"), 1);  // U+1F600, four bytes
  EXPECT_EQ(length("é"), 1);
}

TEST(TextLength, InvalidUtf8IsSafe) {
  EXPECT_EQ(length("\xFF\xFE"), 2);
  EXPECT_EQ(length("a\x80"), 1);            // stray continuation byte
  EXPECT_EQ(length("\xE4\xB8"), 1);         // truncated sequence
}

TEST(TextCase, Ascii) {
  EXPECT_EQ(lower("Hello, World 42!"), "hello, world 42!");
  EXPECT_EQ(upper("Hello, World 42!"), "HELLO, WORLD 42!");
  EXPECT_EQ(lower(""), "");
  EXPECT_EQ(upper(""), "");
}

TEST(TextCase, UnchangedTextAliasesInput) {
  std::string s = "已经是小写 lower";
  Arena arena;
  gai_str out{};
  ASSERT_EQ(gai_std_text_lower(s.data(), int64_t(s.size()), Arena::alloc, &arena, &out),
            GAI_STD_OK);
  EXPECT_EQ(out.data, s.data());
  EXPECT_EQ(out.len, int64_t(s.size()));
  EXPECT_EQ(arena.calls, 0);
}

// A string maps like the concatenation of its pieces mapped one by one, wherever the first
// change falls and whatever the pieces' byte lengths become (ɐ -> Ɐ grows 2 -> 3 bytes,
// K (Kelvin sign) -> k shrinks 3 -> 1, malformed bytes pass through).
TEST(TextCase, MapsLikeItsPiecesAfterAnyPrefix) {
  const std::vector<std::string> pieces = {"a", "Z", "生成", "ɐ", "Ɐ", "\xE2\x84\xAA", "İ", "ß",
                                           "\xFF", "\xE4\xB8", " ", "Ω", "ω", "9", "한", "\xED\xA0\x80", "、", "Ａ"};
  uint64_t state = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string text, lowered, uppered;
    int count = int(state % 9);
    for (int i = 0; i < count; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const std::string& piece = pieces[(state >> 33) % pieces.size()];
      text += piece;
      lowered += lower(piece);
      uppered += upper(piece);
    }
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    ASSERT_EQ(lower(text), lowered) << text;
    ASSERT_EQ(upper(text), uppered) << text;
  }
  EXPECT_EQ(upper("abcɐ"), "ABCⱯ");
  EXPECT_EQ(lower("已经是\xE2\x84\xAA"), "已经是k");
}

TEST(TextCase, ChineseUnchanged) {
  EXPECT_EQ(lower("生成式人工智能服务"), "生成式人工智能服务");
  EXPECT_EQ(upper("生成式人工智能服务"), "生成式人工智能服务");
  EXPECT_EQ(upper("深度合成 deepfake"), "深度合成 DEEPFAKE");
}

TEST(TextCase, SimpleMappingOnly) {
  EXPECT_EQ(upper("ß"), "ß");           // full mapping would give "SS"
  EXPECT_EQ(lower("ẞ"), "ß");           // U+1E9E capital sharp s
  EXPECT_EQ(lower("İ"), "i");           // U+0130: simple lower is plain i
  EXPECT_EQ(upper("i"), "I");           // no Turkish locale
  EXPECT_EQ(upper("ı"), "I");           // U+0131 dotless i: 2 bytes -> 1
  EXPECT_EQ(lower("ΣΊΣΥΦΟΣ"), "σίσυφοσ");  // no final-sigma context
  EXPECT_EQ(upper("ς"), "Σ");
  EXPECT_EQ(lower("K"), "k");           // U+212A Kelvin sign: 3 bytes -> 1
  EXPECT_EQ(upper("ǅ"), "Ǆ");           // titlecase digraph
  EXPECT_EQ(lower("ǅ"), "ǆ");
  EXPECT_EQ(upper("ȿ"), "Ȿ");           // U+023F -> U+2C7E: 2 bytes -> 3
  EXPECT_EQ(upper("ﬁ"), "ﬁ");           // ligature has no simple mapping
}

TEST(TextCase, BeyondBmpAndCyrillic) {
  EXPECT_EQ(lower("𐐀"), "𐐨");  // Deseret
  EXPECT_EQ(upper("𞤢"), "𞤀");  // Adlam
  EXPECT_EQ(upper("привет"), "ПРИВЕТ");
  EXPECT_EQ(lower("ÀÉÎÕÜ"), "àéîõü");
}

TEST(TextCase, InvalidBytesCopied) {
  EXPECT_EQ(upper("a\xFF" "b\xE4\xB8"), "A\xFF" "B\xE4\xB8");
  EXPECT_EQ(lower("\xED\xA0\x80Z"), "\xED\xA0\x80z");  // encoded surrogate stays bytes
}

TEST(TextCase, AllocatorFailureIsAnError) {
  Arena arena;
  arena.fail = true;
  gai_str out{nullptr, -7};
  EXPECT_EQ(gai_std_text_upper("abc", 3, Arena::alloc, &arena, &out), GAI_STD_ERR_OUT_OF_MEMORY);
  EXPECT_EQ(out.len, -7);
  EXPECT_STREQ(gai_std_error_message(GAI_STD_ERR_OUT_OF_MEMORY), "out of memory");
}

bool contains(std::string_view s, std::string_view sub) {
  return gai_std_text_contains(s.data(), int64_t(s.size()), sub.data(), int64_t(sub.size()));
}
bool startsWith(std::string_view s, std::string_view p) {
  return gai_std_text_starts_with(s.data(), int64_t(s.size()), p.data(), int64_t(p.size()));
}
bool endsWith(std::string_view s, std::string_view p) {
  return gai_std_text_ends_with(s.data(), int64_t(s.size()), p.data(), int64_t(p.size()));
}

TEST(TextSearch, Contains) {
  EXPECT_TRUE(contains("", ""));
  EXPECT_TRUE(contains("abc", ""));
  EXPECT_FALSE(contains("", "a"));
  EXPECT_TRUE(contains("生成式人工智能", "人工"));
  EXPECT_FALSE(contains("生成式人工智能", "人 工"));
  EXPECT_FALSE(contains("abc", "ABC"));  // byte-exact
  EXPECT_FALSE(contains("ab", "abc"));
  EXPECT_TRUE(contains("aaab", "aab"));
  EXPECT_TRUE(contains(std::string_view("a\0b", 3), std::string_view("\0b", 2)));
}

TEST(TextSearch, StartsEnds) {
  EXPECT_TRUE(startsWith("abc", ""));
  EXPECT_TRUE(startsWith("", ""));
  EXPECT_TRUE(startsWith("生成式", "生成"));
  EXPECT_FALSE(startsWith("生成式", "成"));
  EXPECT_FALSE(startsWith("ab", "abc"));
  EXPECT_TRUE(endsWith("abc", ""));
  EXPECT_TRUE(endsWith("生成式", "成式"));
  EXPECT_FALSE(endsWith("生成式", "生成"));
  EXPECT_FALSE(endsWith("bc", "abc"));
  EXPECT_TRUE(endsWith("abc", "abc"));
}

TEST(TextSearch, EmptyStringsWithoutData) {
  EXPECT_EQ(gai_std_text_length(nullptr, 0), 0);
  EXPECT_TRUE(gai_std_text_contains(nullptr, 0, nullptr, 0));
  EXPECT_FALSE(gai_std_text_contains(nullptr, 0, "a", 1));
  EXPECT_TRUE(gai_std_text_starts_with(nullptr, 0, nullptr, 0));
  EXPECT_TRUE(gai_std_text_ends_with("a", 1, nullptr, 0));
  gai_str out{"x", 1};
  EXPECT_EQ(gai_std_text_upper(nullptr, 0, Arena::alloc, nullptr, &out), GAI_STD_OK);
  EXPECT_EQ(out.len, 0);
}

TEST(TextSearch, UnpreparedLists) {
  std::string s = "请生成一张图片 with label";
  gai_str terms[] = {str("视频"), str(""), str("label"), str("图片")};
  EXPECT_TRUE(gai_std_text_contains_any_list(s.data(), int64_t(s.size()), terms, 4));
  EXPECT_EQ(gai_std_text_count_terms_list(s.data(), int64_t(s.size()), terms, 4), 2);
  gai_str onlyEmpty[] = {str("")};
  EXPECT_FALSE(gai_std_text_contains_any_list(s.data(), int64_t(s.size()), onlyEmpty, 1));
  EXPECT_EQ(gai_std_text_count_terms_list(s.data(), int64_t(s.size()), onlyEmpty, 1), 0);
  EXPECT_FALSE(gai_std_text_contains_any_list(s.data(), int64_t(s.size()), nullptr, 0));
}

}  // namespace
}  // namespace gai::stdlib::test
