#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kEnum = "enum Color { red, green, blue }";
const char* kFields = "cs: set<Color> = {} ns: set<int> = {} ss: set<string> = {} xs: list<int> = [] c: Color = red";

TEST(Collections, BitSetMembership) {
  EXPECT_EQ(when(kFields, "blue in e.cs", R"({"cs":["blue","red"]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "green in e.cs", R"({"cs":["blue","red"]})", kEnum), "no");
  EXPECT_EQ(when(kFields, "green not in e.cs", R"({"cs":["blue","red"]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "e.c in {red, blue}", R"({"c":"blue"})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "e.c not in {red, blue}", R"({"c":"green"})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "e.cs == {red, blue}", R"({"cs":["blue","red","blue"]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "e.cs != {red}", R"({"cs":["blue","red"]})", kEnum), "fires");
  EXPECT_EQ(show(kFields, "int", "size(e.cs)", R"({"cs":["blue","red","blue"]})", kEnum), "2");
  EXPECT_EQ(show(kFields, "set<Color>", "e.cs", R"({"cs":["blue","red"]})", kEnum), "[red, blue]");
}

TEST(Collections, SortedSets) {
  EXPECT_EQ(when(kFields, "3 in e.ns and 10 in e.ns and not (4 in e.ns)", R"({"ns":[10,3,-1]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "\"b\" in e.ss", R"({"ss":["c","b","a"]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "\"bb\" in e.ss", R"({"ss":["c","b","a"]})", kEnum), "no");
  EXPECT_EQ(when(kFields, "e.ss == {\"a\", \"b\"}", R"({"ss":["b","a","b"]})", kEnum), "fires");
  EXPECT_EQ(show(kFields, "set<string>", "e.ss", R"({"ss":["b","a","B"]})", kEnum), "[\"B\", \"a\", \"b\"]");
  EXPECT_EQ(show(kFields, "set<int>", "{3, e.xs[0] ?? 1, -2, 3}", R"({})", kEnum).substr(0, 7), "COMPILE");
  EXPECT_EQ(show(kFields, "set<int>", "{3, size(e.xs), -2, 3}", R"({"xs":[1]})", kEnum), "[-2, 1, 3]");
  EXPECT_EQ(show(kFields, "int", "size(e.ns)", R"({"ns":[1,1,2]})", kEnum), "2");
}

TEST(Collections, Lists) {
  EXPECT_EQ(when(kFields, "2 in e.xs", R"({"xs":[3,2,2]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "5 not in e.xs", R"({"xs":[3,2,2]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "e.c in [blue, green]", R"({"c":"green"})", kEnum), "fires");
  EXPECT_EQ(show(kFields, "list<int>", "[size(e.xs), 1, 1]", R"({"xs":[3,2,2]})", kEnum), "[3, 1, 1]");
  EXPECT_EQ(show(kFields, "int", "size(e.xs)", R"({"xs":[3,2,2]})", kEnum), "3");
}

TEST(Collections, Quantifiers) {
  EXPECT_EQ(when(kFields, "any(x in e.xs: x > 2)", R"({"xs":[1,3]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "any(x in e.xs: x > 3)", R"({"xs":[1,3]})", kEnum), "no");
  EXPECT_EQ(when(kFields, "all(x in e.xs: x > 0)", R"({"xs":[1,3]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "all(x in e.xs: x > 1)", R"({"xs":[1,3]})", kEnum), "no");
  EXPECT_EQ(when(kFields, "any(x in e.xs: x > 1) == false", R"({})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "all(x in e.xs: x > 1)", R"({})", kEnum), "fires");
  EXPECT_EQ(show(kFields, "int", "count(x in e.xs: x % 2 == 1)", R"({"xs":[1,2,3,5]})", kEnum), "3");
  EXPECT_EQ(show(kFields, "int", "sum(x in e.xs: x * 10)", R"({"xs":[1,2,3]})", kEnum), "60");
  EXPECT_EQ(show(kFields, "int", "sum(x in e.xs: x)", R"({})", kEnum), "0");
  EXPECT_EQ(show(kFields, "float", "sum(x in e.xs: float(x) / 4)", R"({"xs":[1,2]})", kEnum), "0.75");
  EXPECT_EQ(show(kFields, "duration", "sum(x in e.xs: 1h * x)", R"({"xs":[1,2]})", kEnum), "3h");
  EXPECT_EQ(show(kFields, "int", "sum(x in e.xs: x)", R"({"xs":[9223372036854775807,1]})", kEnum), "<error: integer overflow>");
  EXPECT_EQ(show(kFields, "int", "count(c in e.cs: c != green)", R"({"cs":["red","green","blue"]})", kEnum), "2");
  EXPECT_EQ(show(kFields, "int", "sum(n in e.ns: n)", R"({"ns":[5,5,6]})", kEnum), "11");
}

TEST(Collections, QuantifiersAreLazyInCanonicalOrder) {
  // The erroring element comes after a decisive one: not evaluated.
  EXPECT_EQ(when(kFields, "any(x in e.xs: 10 / x > 4)", R"({"xs":[2,0]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "any(x in e.xs: 10 / x > 4)", R"({"xs":[0,2]})", kEnum), "error: division by zero");
  EXPECT_EQ(when(kFields, "all(x in e.xs: 10 / x > 6)", R"({"xs":[2,0]})", kEnum), "no");
  // Sets iterate in canonical order, whatever the input order.
  EXPECT_EQ(when(kFields, "any(x in e.ns: 10 / x < 0)", R"({"ns":[0,-1]})", kEnum), "fires");
  EXPECT_EQ(when(kFields, "any(x in e.ns: 10 / x > 0)", R"({"ns":[1,0]})", kEnum), "error: division by zero");
  // Bitsets in declaration order: red < green < blue.
  EXPECT_EQ(show(kFields, "list<Color>", "f(e.cs)", R"({"cs":["blue","red"]})",
                 std::string(kEnum) + "\nfn f(s: set<Color>): list<Color> = [c(s, red), c(s, green), c(s, blue)]\n"
                 "fn c(s: set<Color>, x: Color): Color = if x in s then x else green"), "[red, green, blue]");
  EXPECT_EQ(when(kFields, "all(c in e.cs: c == red or 1 / 0 > 0)", R"({"cs":["blue","red"]})", kEnum),
            "error: division by zero");
  EXPECT_EQ(when(kFields, "any(c in e.cs: c == red or 1 / 0 > 0)", R"({"cs":["blue","red"]})", kEnum), "fires");
}

}  // namespace
}  // namespace gai::interp::test
