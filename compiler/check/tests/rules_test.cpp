// Citations, tests (§6) and warnings.
#include "check_fixture.h"

namespace gai::check::testing {
namespace {

TEST(Citations, CheckedAgainstLaws) {
  auto c = checkWithPrelude(R"(
const k: int = 1
rule r(e: Event) {
  cites L art 1 para 2 item 3, L art 3, L art 1 para 3, L art 1 item 4, L art 2 para 1, Nope art 1, k art 1
  when e.service.offered then deny }
)");
  EXPECT_EQ(c->count("E0107"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0108"), 2u) << c->dump();
  EXPECT_EQ(c->count("E0109"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0106"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0127"), 1u) << c->dump();
  EXPECT_NE(c->first("E0108")->message.find("it has 1-2"), std::string::npos) << c->dump();
  EXPECT_NE(c->first("E0107")->help.find("1, 2"), std::string::npos);
  auto* r = c->decl("r")->as<ast::RuleDecl>();
  EXPECT_EQ(r->cites[0].lawDecl, c->decl("L"));
}

TEST(Citations, StrictMode) {
  const char* src = R"(
rule nocite(e: Event) { when e.service.offered then deny }
rule free(e: Event) { cites "Some Measures Art. 4" when e.service.offered then deny }
)";
  auto lax = checkWithPrelude(src);
  EXPECT_FALSE(lax->diags.hasErrors()) << lax->dump();
  EXPECT_TRUE(lax->has("W0001"));
  EXPECT_FALSE(lax->has("W0002"));
  auto strict = checkWithPrelude(src, true);
  EXPECT_EQ(strict->diags.errorCount(), 1u) << strict->dump();
  EXPECT_EQ(strict->first("W0001")->severity, Severity::Error);
  EXPECT_EQ(strict->first("W0002")->severity, Severity::Warning);
}

TEST(Tests, CheckedExpectations) {
  auto c = checkWithPrelude(R"(
action report(to: string)
rule r(e: Event) { cites L art 1 when e.service.offered then deny, require report("x") }
exception x(e: Event) for r { when e.output.labeled }
record Other { y: int }
rule o(v: Other) { cites L art 1 when v.y > 0 then flag }
const base: Event = Event { service: Service { offered: true }, output: Output { modality: image }, at: 2024-01-01T00:00:00Z }
test "ok" {
  now 2024-03-01T00:00:00Z
  given e = base with { output.labeled: true, service.name: "s" }
  expect not r
  expect excepted r by x
  expect error r
  expect require report
  expect require report("x")
  expect deny
  assert e.output.labeled and now > 2024-01-01T00:00:00Z
}
test "bad" {
  given e = base with { output.mark.x: "y" }
  expect nope
  expect excepted r by r
  expect o
  expect require report("a", "b")
  assert e.output.hits
}
test "bad" { given e = 3 }
test "none" { expect deny }
test "through none" { given e = Event { service: Service { offered: true }, output: Output { modality: image }, at: 2024-01-01T00:00:00Z } }
)");
  EXPECT_TRUE(c->has("E0111")) << c->dump();
  EXPECT_TRUE(c->has("E0127")) << c->dump();   // `by r`: not an exception
  EXPECT_TRUE(c->has("E0506")) << c->dump();   // o takes Other
  EXPECT_TRUE(c->has("E0504")) << c->dump();
  EXPECT_TRUE(c->has("E0201")) << c->dump();   // assert not bool
  EXPECT_TRUE(c->has("E0505")) << c->dump();
  EXPECT_TRUE(c->has("E0501")) << c->dump();
  EXPECT_TRUE(c->has("E0507")) << c->dump();
  EXPECT_TRUE(c->has("E0502")) << c->dump();   // output.mark is a string
  const TestInfo& ok = c->program->tests()[0];
  ASSERT_TRUE(ok.given.has_value());
  EXPECT_EQ(ok.givenType->name(), "Event");
  EXPECT_TRUE(ok.given->elems[1].elems[1].b);  // output.labeled
}

TEST(Tests, WithThroughNoneIsAnErrorWhenStaticallyNone) {
  auto c = checkSource(R"(package p
record In { v: int = 0 }
record Out { inner: In?  n: int = 0 }
rule r(o: Out) { cites "x" when o.n > 0 then deny }
test "t" { given o = Out { } with { inner.v: 1 } expect r }
test "u" { given o = Out { inner: In { } } with { inner.v: 1 } expect r }
)");
  EXPECT_EQ(c->count("E0502"), 1u) << c->dump();
  EXPECT_EQ(c->program->tests()[1].given->elems[0].elems[0].i, 1);
}

TEST(Warnings, UnusedAndConstantWhen) {
  auto c = checkSources({{"a.gai", R"(package p
import std.text
import std.math
fn unused_fn(x: int): int = x
fn used_fn(x: int): int = math.abs(x)
const unused_const: int = 1
const limit: int = 3
action unused_action
action used_action
record E { n: int }
rule always(e: E) { cites "x" when limit > 2 then deny, require used_action }
rule never(e: E) { cites "x" when false and e.n > 0 then deny }
rule normal(e: E) { cites "x" when used_fn(e.n) > limit then deny }
)"}});
  EXPECT_FALSE(c->diags.hasErrors()) << c->dump();
  EXPECT_EQ(c->count("W0003"), 1u) << c->dump();
  EXPECT_EQ(c->count("W0004"), 1u) << c->dump();
  EXPECT_EQ(c->count("W0005"), 1u) << c->dump();
  EXPECT_EQ(c->count("W0006"), 1u) << c->dump();
  EXPECT_EQ(c->count("W0007"), 2u) << c->dump();
  EXPECT_EQ(c->first("W0006")->message, "import 'text' is never used");
  EXPECT_EQ(c->first("W0007")->message, "'when' is always true");
}

TEST(Robustness, PartialTreesDoNotCrash) {
  const char* inputs[] = {
      "package p\nrule r(e: ) { when then }\n",
      "package p\nrecord R { f: }\nconst x: R = R { f: }\n",
      "package p\nfn f(: int = \n",
      "package\n",
      "package p\ntest \"t\" { given = expect }\n",
      "package p\nexception x(e: E) for { when }\n",
      "package p\nconst x: int = ((((1\n",
  };
  for (const char* src : inputs) {
    auto c = checkSource(src);
    EXPECT_TRUE(c->diags.hasErrors()) << src;
  }
}

}  // namespace
}  // namespace gai::check::testing
