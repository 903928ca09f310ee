#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kFields = "n: int? s: string? u: U? k: int = 7";
const char* kU = "record U { age: int name: string? tags: set<string> = {} }";

TEST(Optional, Coalesce) {
  EXPECT_EQ(show(kFields, "int", "e.n ?? 5", "{}", kU), "5");
  EXPECT_EQ(show(kFields, "int", "e.n ?? 5", R"({"n":3})", kU), "3");
  EXPECT_EQ(show(kFields, "int", "e.n ?? e.k", R"({"n":null})", kU), "7");
  EXPECT_EQ(show(kFields, "int?", "e.n ?? none", "{}", kU), "none");
  EXPECT_EQ(show(kFields, "int", "e.n ?? 1 / 0", R"({"n":3})", kU), "3");  // lazy
  EXPECT_EQ(show(kFields, "int", "e.n ?? 1 / (e.k - 7)", "{}", kU), "<error: division by zero>");
}

TEST(Optional, PresenceAndEquality) {
  EXPECT_EQ(when(kFields, "present(e.n)", R"({"n":0})", kU), "fires");
  EXPECT_EQ(when(kFields, "present(e.n)", "{}", kU), "no");
  EXPECT_EQ(when(kFields, "e.n == none", "{}", kU), "fires");
  EXPECT_EQ(when(kFields, "none == e.n", R"({"n":1})", kU), "no");
  EXPECT_EQ(when(kFields, "e.n != none", R"({"n":1})", kU), "fires");
  EXPECT_EQ(when(kFields, "e.n == 1", R"({"n":1})", kU), "fires");
  EXPECT_EQ(when(kFields, "e.n == 1", "{}", kU), "no");
  EXPECT_EQ(when(kFields, "e.n != 1", "{}", kU), "fires");
  EXPECT_EQ(when(kFields, "e.k == e.n", R"({"n":7})", kU), "fires");
  EXPECT_EQ(when(kFields, "e.s == \"x\"", R"({"s":"x"})", kU), "fires");
}

TEST(Optional, Chain) {
  EXPECT_EQ(show(kFields, "int?", "e.u?.age", "{}", kU), "none");
  EXPECT_EQ(show(kFields, "int?", "e.u?.age", R"({"u":{"age":30}})", kU), "30");
  EXPECT_EQ(show(kFields, "string", "e.u?.name ?? \"anon\"", R"({"u":{"age":30}})", kU), "anon");
  EXPECT_EQ(show(kFields, "string", "e.u?.name ?? \"anon\"", R"({"u":{"age":30,"name":"li"}})", kU), "li");
  EXPECT_EQ(when(kFields, "(e.u?.age ?? 0) >= 18", R"({"u":{"age":30}})", kU), "fires");
  EXPECT_EQ(when(kFields, "e.u?.age == 30", R"({"u":{"age":30}})", kU), "fires");
  EXPECT_EQ(show(kFields, "U?", "e.u", R"({"u":{"age":1,"tags":["b","a"]}})", kU), "{age: 1, name: none, tags: [\"a\", \"b\"]}");
}

TEST(Optional, WrapInIfAndFnArgs) {
  EXPECT_EQ(show(kFields, "int?", "if e.k > 5 then e.k else none", "{}", kU), "7");
  EXPECT_EQ(show(kFields, "int?", "if e.k > 9 then e.k else none", "{}", kU), "none");
  EXPECT_EQ(show(kFields, "int", "f(e.k) + f(none)", "{}", kU + std::string("\nfn f(x: int?): int = x ?? 100")), "107");
  EXPECT_EQ(when(kFields + std::string(" xs: list<int?> = []"), "e.k in e.xs", R"({"xs":[null,7]})", kU), "fires");
  EXPECT_EQ(when(kFields + std::string(" xs: list<int?> = []"), "e.k in e.xs", R"({"xs":[null,8]})", kU), "no");
}

}  // namespace
}  // namespace gai::interp::test
