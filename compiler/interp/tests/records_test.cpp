#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kTypes = R"(
record Inner { a: int b: string = "dflt" }
record Mid { inner: Inner o: Inner? }
)";
const char* kFields = "m: Mid";

TEST(Records, LiteralsWithDefaults) {
  EXPECT_EQ(show(kFields, "Inner", "Inner { a: e.m.inner.a + 1 }", R"({"m":{"inner":{"a":1}}})", kTypes),
            "{a: 2, b: \"dflt\"}");
  EXPECT_EQ(show(kFields, "Mid", "Mid { inner: Inner { a: 3, b: \"x\" } }", R"({"m":{"inner":{"a":1}}})", kTypes),
            "{inner: {a: 3, b: \"x\"}, o: none}");
  EXPECT_EQ(when(kFields, "Inner { a: 1 } == Inner { a: 1 }", "{}", kTypes).substr(0, 7), "COMPILE");
}

TEST(Records, With) {
  EXPECT_EQ(show(kFields, "Mid", "e.m with { inner.a: 9 }", R"({"m":{"inner":{"a":1,"b":"q"}}})", kTypes),
            "{inner: {a: 9, b: \"q\"}, o: none}");
  EXPECT_EQ(show(kFields, "Mid", "e.m with { o: e.m.inner, inner.b: \"z\" }", R"({"m":{"inner":{"a":1}}})", kTypes),
            "{inner: {a: 1, b: \"z\"}, o: {a: 1, b: \"dflt\"}}");
  EXPECT_EQ(show(kFields, "Mid", "e.m with { o.a: 5 }", R"({"m":{"inner":{"a":1},"o":{"a":2}}})", kTypes),
            "{inner: {a: 1, b: \"dflt\"}, o: {a: 5, b: \"dflt\"}}");
  EXPECT_EQ(show(kFields, "Mid", "e.m with { o.a: 5 }", R"({"m":{"inner":{"a":1}}})", kTypes),
            "<error: 'o' is none, so 'a' cannot be set>");
  // The original is unchanged.
  EXPECT_EQ(show(kFields, "int", "(e.m with { inner.a: 9 }).inner.a + e.m.inner.a", R"({"m":{"inner":{"a":1}}})", kTypes),
            "10");
}

TEST(Records, FieldsOfNestedOptionals) {
  EXPECT_EQ(show(kFields, "string?", "e.m.o?.b", R"({"m":{"inner":{"a":1},"o":{"a":2}}})", kTypes), "dflt");
  EXPECT_EQ(show(kFields, "string?", "e.m.o?.b", R"({"m":{"inner":{"a":1}}})", kTypes), "none");
}

}  // namespace
}  // namespace gai::interp::test
