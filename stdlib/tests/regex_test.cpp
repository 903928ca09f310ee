#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "stdlib/std.h"

namespace {

struct RegexDeleter {
  void operator()(gai_regex* re) const { gai_regex_free(re); }
};
using Regex = std::unique_ptr<gai_regex, RegexDeleter>;

Regex compile(std::string_view p) { return Regex(gai_regex_new(p.data(), int64_t(p.size()))); }

bool matches(const Regex& re, std::string_view s) {
  return gai_std_text_matches(s.data(), int64_t(s.size()), re.get());
}

TEST(Regex, UnanchoredSearch) {
  Regex re = compile("[0-9]{3}");
  ASSERT_TRUE(gai_regex_ok(re.get()));
  EXPECT_STREQ(gai_regex_error(re.get()), "");
  EXPECT_TRUE(matches(re, "id 12345 end"));
  EXPECT_FALSE(matches(re, "id 12 end"));
  EXPECT_FALSE(matches(re, ""));
}

TEST(Regex, Anchors) {
  Regex re = compile("^abc$");
  EXPECT_TRUE(matches(re, "abc"));
  EXPECT_FALSE(matches(re, "xabc"));
}

TEST(Regex, Utf8CodePoints) {
  Regex one = compile("^.$");  // one code point, not one byte
  EXPECT_TRUE(matches(one, "中"));
  EXPECT_FALSE(matches(one, "中文"));
  Regex han = compile("\\p{Han}+");
  EXPECT_TRUE(matches(han, "label: 生成"));
  EXPECT_FALSE(matches(han, "label only"));
  Regex ci = compile("(?i)deepfake");
  EXPECT_TRUE(matches(ci, "A DeepFake video"));
}

TEST(Regex, EmptyPatternMatchesEverything) {
  Regex re = compile("");
  ASSERT_TRUE(gai_regex_ok(re.get()));
  EXPECT_TRUE(matches(re, ""));
  EXPECT_TRUE(matches(re, "x"));
}

TEST(Regex, InvalidPatternReportsError) {
  Regex re = compile("a(b");
  ASSERT_NE(re, nullptr);
  EXPECT_FALSE(gai_regex_ok(re.get()));
  EXPECT_NE(std::string(gai_regex_error(re.get())).find("missing )"), std::string::npos);
  EXPECT_FALSE(matches(re, "a(b"));
  Regex backref = compile("(a)\\1");  // RE2 syntax has no backreferences
  EXPECT_FALSE(gai_regex_ok(backref.get()));
}

TEST(Regex, NullIsSafe) {
  EXPECT_FALSE(gai_regex_ok(nullptr));
  EXPECT_FALSE(gai_std_text_matches("a", 1, nullptr));
}

}  // namespace
