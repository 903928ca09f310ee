#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kF = "s: string = \"\" terms: set<string> = {} n: int = 0 x: float = 0";
const char* kConst = "const banned: set<string> = {\"bomb\", \"炸弹\", \"\"}";

TEST(Std, Text) {
  EXPECT_EQ(show(kF, "int", "text.length(e.s)", R"({"s":"生成式AI"})"), "5");
  EXPECT_EQ(show(kF, "string", "text.lower(e.s)", R"({"s":"ÀBC Σ"})"), "àbc σ");
  EXPECT_EQ(show(kF, "string", "text.upper(e.s)", R"({"s":"straße"})"), "STRAßE");
  EXPECT_EQ(when(kF, "text.contains(e.s, \"AI\") and text.starts_with(e.s, \"生\") and text.ends_with(e.s, \"I\")",
                 R"({"s":"生成式AI"})"), "fires");
  EXPECT_EQ(when(kF, "text.contains(e.s, \"ai\")", R"({"s":"生成式AI"})"), "no");
}

TEST(Std, Matches) {
  EXPECT_EQ(when(kF, "text.matches(e.s, \"[0-9]{3}-[0-9]{4}\")", R"({"s":"call 555-1234 now"})"), "fires");
  EXPECT_EQ(when(kF, "text.matches(e.s, \"^[0-9]+$\")", R"({"s":"12a"})"), "no");
}

TEST(Std, TermsPreparedAndAtRunTime) {
  EXPECT_EQ(when(kF, "text.contains_any(e.s, banned)", R"({"s":"a 炸弹 b"})", kConst), "fires");
  EXPECT_EQ(when(kF, "text.contains_any(e.s, banned)", R"({"s":"nothing"})", kConst), "no");
  EXPECT_EQ(show(kF, "int", "text.count_terms(e.s, banned)", R"({"s":"bomb bomb 炸弹"})", kConst), "2");
  EXPECT_EQ(show(kF, "int", "text.count_terms(e.s, {\"a\", \"ab\", \"b\"})", R"({"s":"ab"})"), "3");
  EXPECT_EQ(show(kF, "int", "text.count_terms(e.s, e.terms)", R"({"s":"ab","terms":["a","ab","c",""]})"), "2");
  EXPECT_EQ(when(kF, "text.contains_any(e.s, e.terms)", R"({"s":"xyz","terms":["q","y"]})"), "fires");
  EXPECT_EQ(when(kF, "text.contains_any(text.lower(e.s), banned)", R"({"s":"BOMB"})", kConst), "fires");
}

TEST(Std, Math) {
  EXPECT_EQ(show(kF, "int", "math.abs(e.n)", R"({"n":-3})"), "3");
  EXPECT_EQ(show(kF, "int", "math.abs(e.n)", R"({"n":-9223372036854775808})"), "<error: integer overflow in math.abs>");
  EXPECT_EQ(show(kF, "float", "math.abs(e.x)", R"({"x":-2.5})"), "2.5");
  EXPECT_EQ(show(kF, "int", "math.min(e.n, 2) * 10 + math.max(e.n, 2)", R"({"n":7})"), "27");
  EXPECT_EQ(show(kF, "float", "math.max(e.x, 1)", R"({"x":0.25})"), "1");
  EXPECT_EQ(show(kF, "float", "math.min(e.x / 0, 1)", R"({"x":0})"), "1");
}

}  // namespace
}  // namespace gai::interp::test
