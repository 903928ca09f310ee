// Dependency cycles, exceptions, records, effective ranges.
#include "check_fixture.h"

namespace gai::check::testing {
namespace {

TEST(Graph, CyclesThroughFnsConstsAndRules) {
  auto c = checkWithPrelude(R"(
fn f(x: int): int = g(x)
fn g(x: int): int = f(x) + k
const k: int = h()
fn h(): int = k
rule r1(e: Event) { cites L art 1 when r2(e) and f(1) > 0 then deny }
rule r2(e: Event) { cites L art 1 when r1(e) then deny }
)");
  EXPECT_EQ(c->count("E0301"), 3u) << c->dump();
  const Diagnostic* d = c->first("E0301");
  EXPECT_EQ(d->message, "dependency cycle: f -> g -> f");
}

TEST(Graph, ExceptionTargetsAndCycles) {
  auto c = checkWithPrelude(R"(
record Other { x: int }
rule base(e: Event) { cites L art 1 when e.service.offered then deny }
exception ok(e: Event) for base { when not e.service.offered }
exception x1(e: Event) for x2 { when true }
exception x2(e: Event) for x1 { when true }
exception self_ref(e: Event) for base { when base(e) }
exception wrong_type(o: Other) for base { when o.x > 0 }
exception wrong_kind(e: Event) for L, nope { when true }
)");
  EXPECT_EQ(c->count("E0301"), 2u) << c->dump();
  EXPECT_EQ(c->count("E0303"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0302"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0111"), 1u) << c->dump();
  const Program& p = *c->program;
  int base = p.ruleIndex(c->decl("base"));
  ASSERT_GE(base, 0);
  ASSERT_GE(p.rules()[base].exceptedBy.size(), 2u);
  EXPECT_EQ(p.rules()[p.rules()[base].exceptedBy[0]].decl, c->decl("ok"));
  EXPECT_TRUE(p.rules()[p.ruleIndex(c->decl("ok"))].isException);
}

TEST(Graph, RecordsNotCyclicAndEntryIsRecord) {
  auto c = checkSource(R"(package p
record A { b: B? }
record B { a: list<A> }
record C { c: C }
rule r(x: int) { cites "x" when x > 0 then deny }
)");
  EXPECT_EQ(c->count("E0217"), 2u) << c->dump();
  EXPECT_TRUE(c->has("E0216")) << c->dump();
}

TEST(Graph, EffectiveRanges) {
  auto c = checkWithPrelude(R"(
rule r(e: Event) { cites L art 1 effective 2024-01-02 until 2024-01-01 when e.service.offered then deny }
rule s(e: Event) { cites L art 1 effective 2024-01-01 until 2024-01-01 when e.service.offered then deny }
)");
  EXPECT_EQ(c->count("E0304"), 1u) << c->dump();
  const RuleInfo& s = c->program->rules()[c->program->ruleIndex(c->decl("s"))];
  ASSERT_TRUE(s.effectiveFrom && s.effectiveUntil);
  EXPECT_EQ(*s.effectiveFrom, *s.effectiveUntil);
}

}  // namespace
}  // namespace gai::check::testing
