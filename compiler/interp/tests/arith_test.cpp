#include "test_util.h"

namespace gai::interp::test {
namespace {

TEST(Arith, IntOperations) {
  EXPECT_EQ(show("a: int b: int", "int", "e.a + e.b * 2", R"({"a":1,"b":3})"), "7");
  EXPECT_EQ(show("a: int b: int", "int", "e.a - e.b", R"({"a":1,"b":3})"), "-2");
  EXPECT_EQ(show("a: int", "int", "-e.a", R"({"a":5})"), "-5");
  EXPECT_EQ(show("", "int", "-9223372036854775808"), "-9223372036854775808");
}

TEST(Arith, DivisionTruncatesTowardZero) {
  EXPECT_EQ(show("a: int b: int", "int", "e.a / e.b", R"({"a":-7,"b":2})"), "-3");
  EXPECT_EQ(show("a: int b: int", "int", "e.a / e.b", R"({"a":7,"b":-2})"), "-3");
  EXPECT_EQ(show("a: int b: int", "int", "e.a % e.b", R"({"a":-7,"b":2})"), "-1");
  EXPECT_EQ(show("a: int b: int", "int", "e.a % e.b", R"({"a":7,"b":-2})"), "1");
  EXPECT_EQ(show("a: int b: int", "int", "e.a % e.b", R"({"a":-9223372036854775808,"b":-1})"), "0");
}

TEST(Arith, Errors) {
  EXPECT_EQ(show("a: int b: int", "int", "e.a / e.b", R"({"a":1,"b":0})"), "<error: division by zero>");
  EXPECT_EQ(show("a: int b: int", "int", "e.a % e.b", R"({"a":1,"b":0})"), "<error: division by zero>");
  EXPECT_EQ(show("a: int", "int", "e.a + 1", R"({"a":9223372036854775807})"), "<error: integer overflow>");
  EXPECT_EQ(show("a: int", "int", "e.a - 2", R"({"a":-9223372036854775807})"), "<error: integer overflow>");
  EXPECT_EQ(show("a: int", "int", "e.a * 2", R"({"a":4611686018427387904})"), "<error: integer overflow>");
  EXPECT_EQ(show("a: int", "int", "-e.a", R"({"a":-9223372036854775808})"), "<error: integer overflow>");
  EXPECT_EQ(show("a: int b: int", "int", "e.a / e.b", R"({"a":-9223372036854775808,"b":-1})"),
            "<error: integer overflow>");
}

TEST(Arith, ErrorInWhenErrorsTheRule) {
  EXPECT_EQ(when("a: int", "e.a / 0 > 1", R"({"a":1})"), "error: division by zero");
  EXPECT_EQ(decide("record E { a: int }\nrule r(e: E) { cites \"x\" when 10 / e.a > 1 then deny }", "E", R"({"a":0})"),
            R"({"effect":"deny","findings":[],"excepted":[],"errors":[{"rule":"t.r","error":"division by zero"}]})");
}

TEST(Arith, Floats) {
  EXPECT_EQ(show("x: float", "float", "e.x * 2 + 0.5", R"({"x":1.25})"), "3");
  EXPECT_EQ(show("x: float", "float", "e.x / 0", R"({"x":1})"), "inf");
  EXPECT_EQ(show("x: float", "float", "-e.x / 0", R"({"x":1})"), "-inf");
  EXPECT_EQ(show("x: float", "float", "e.x / 0", R"({"x":0})"), "nan");
  EXPECT_EQ(show("x: float", "float", "0.1 + 0.2", R"({"x":0})"), "0.30000000000000004");
  EXPECT_EQ(show("x: float", "float", "-e.x", R"({"x":0})"), "-0");
}

TEST(Arith, NaNComparisonsAreFalse) {
  const char* nan = R"({"x":0})";
  EXPECT_EQ(when("x: float", "e.x / 0 == e.x / 0", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 != e.x / 0", nan), "fires");
  EXPECT_EQ(when("x: float", "e.x / 0 < 1", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 >= 1", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 <= 1", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 > 1", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 in [e.x / 0]", nan), "no");
  EXPECT_EQ(when("x: float", "e.x / 0 in {1.0, e.x / 0}", nan), "no");
}

TEST(Arith, Conversions) {
  EXPECT_EQ(show("x: float", "int", "int(e.x)", R"({"x":-2.9})"), "-2");
  EXPECT_EQ(show("x: float", "int", "int(e.x)", R"({"x":2.9})"), "2");
  EXPECT_EQ(show("x: float", "int", "int(e.x)", R"({"x":1e19})"), "<error: float out of int range>");
  EXPECT_EQ(show("x: float", "int", "int(e.x / 0)", R"({"x":0})"), "<error: float out of int range>");
  EXPECT_EQ(show("n: int", "float", "float(e.n) / 4", R"({"n":3})"), "0.75");
  EXPECT_EQ(show("n: int", "int", "int(e.n)", R"({"n":3})"), "3");
}

TEST(Arith, IntLiteralAsFloat) {
  EXPECT_EQ(show("x: float", "float", "e.x + 1", R"({"x":0.5})"), "1.5");
  EXPECT_EQ(show("x: float", "float", "-2", R"({"x":0.5})"), "-2");
  EXPECT_EQ(when("x: float", "e.x > 1", R"({"x":1.5})"), "fires");
}

TEST(Arith, Comparisons) {
  EXPECT_EQ(when("a: int", "e.a <= 3 and e.a >= 3 and not (e.a < 3) and not (e.a > 3)", R"({"a":3})"), "fires");
  EXPECT_EQ(when("s: string", "e.s < \"b\" and \"a\" < e.s", R"({"s":"ab"})"), "fires");
  EXPECT_EQ(when("s: string", "e.s < \"\\u{E9}\"", R"({"s":"z"})"), "fires");  // bytes: 'z' < 0xC3
  EXPECT_EQ(when("s: string", "e.s == \"ab\" and e.s != \"a\"", R"({"s":"ab"})"), "fires");
  EXPECT_EQ(when("b: bool", "e.b == true", R"({"b":true})"), "fires");
}

TEST(Arith, LogicIsLazy) {
  EXPECT_EQ(when("a: int", "e.a == 0 or 1 / e.a > 0", R"({"a":0})"), "fires");
  EXPECT_EQ(when("a: int", "e.a != 0 and 1 / e.a > 0", R"({"a":0})"), "no");
  EXPECT_EQ(when("a: int", "e.a != 0 implies 1 / e.a > 0", R"({"a":0})"), "fires");
  EXPECT_EQ(when("a: int", "e.a == 0 implies 1 / e.a > 0", R"({"a":0})"), "error: division by zero");
  EXPECT_EQ(when("a: int", "if e.a == 0 then true else 1 / e.a > 0", R"({"a":0})"), "fires");
  EXPECT_EQ(when("a: int", "if e.a != 0 then 1 / e.a > 0 else false", R"({"a":0})"), "no");
  EXPECT_EQ(when("a: int", "e.a == 0 and 1 / e.a > 0", R"({"a":0})"), "error: division by zero");
}

TEST(Arith, LetAndFns) {
  EXPECT_EQ(show("a: int", "int", "let x = e.a * 2 in let y = x + 1 in x * y", R"({"a":2})"), "20");
  EXPECT_EQ(show("a: int", "int", "sq(e.a) + sq(3)", R"({"a":2})", "fn sq(x: int): int = x * x"), "13");
  EXPECT_EQ(show("a: int", "int", "f(e.a)", R"({"a":2})", "fn f(x: int): int = g(x) + x\nfn g(y: int): int = let z = y in z * 10"), "22");
}

}  // namespace
}  // namespace gai::interp::test
