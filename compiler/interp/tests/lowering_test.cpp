// ir::print of a small program: pins the typed operations the lowering chooses.
#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kProgram = R"(
import std.text
enum C { a, b }
record E { n: int f: float t: timestamp cs: set<C> = {} ss: set<string> = {} o: int? s: string = "" }
const words: set<string> = {"x", "y"}
fn half(x: float): float = x / 2
rule r(e: E) {
  title "T"
  cites "c"
  effective 2024-01-01 until 2024-12-31
  when e.n + 1 > 2 and half(e.f) > 1 and e.t + 1h > e.t and b in e.cs and "q" in e.ss and e.o == 3
       and text.contains_any(e.s, words) and text.matches(e.s, "a+") and any(c in e.cs: c == a)
  then deny
  message "{e.o ?? 0}"
}
rule q(e: E) { cites "c" when r(e) then flag }
exception x(e: E) for r { when e.n > 5 }
test "t" { given e = E { n: 1, f: 2.0, t: 2024-01-01T00:00:00Z } assert e.n == 1 }
)";

const char* kExpected = R"(enum t.C { a, b }
record t.E size 80 align 8
  @0 n: int
  @8 f: float
  @16 t: timestamp
  @24 cs: set<C> = []
  @32 ss: set<string> = []
  @48 o: int?
  @64 s: string = ""
fn t.half(slot 0: float) frame 1
  (FloatDiv float
    (Local float slot 0)
    (Const float #0 = 2))
rule t.r(t.E slot 0) frame 2
  from 2023-12-31T16:00:00Z
  before 2024-12-31T16:00:00Z
  excepted by t.x
  title en T
  severity medium
  cites c
  effect deny
  message en "{$0}"
  when
    (And bool
      (And bool
        (And bool
          (And bool
            (And bool
              (And bool
                (And bool
                  (And bool
                    (CmpInt bool >
                      (IntAdd int
                        (Field int .n @0
                          (Local E slot 0))
                        (Const int #1 = 1))
                      (Const int #2 = 2))
                    (CmpFloat bool >
                      (CallFn float t.half
                        (Field float .f @8
                          (Local E slot 0)))
                      (Const float #3 = 1)))
                  (CmpInt bool >
                    (TsAddDur timestamp
                      (Field timestamp .t @16
                        (Local E slot 0))
                      (Const duration #4 = 1h))
                    (Field timestamp .t @16
                      (Local E slot 0))))
                (BitSetHas bool
                  (Const C #5 = b)
                  (Field set<C> .cs @24
                    (Local E slot 0))))
              (SetHas bool
                (Const string #6 = "q")
                (Field set<string> .ss @32
                  (Local E slot 0))))
            (EqValue bool
              (Field int? .o @48
                (Local E slot 0))
              (OptWrap int?
                (Const int #7 = 3))))
          (CallStd bool text.contains_any (TextContainsAny) terms 0
            (Field string .s @64
              (Local E slot 0))))
        (CallStd bool text.matches (TextMatches) regex 0
          (Field string .s @64
            (Local E slot 0))))
      (Any bool bitset slot 1
        (Field set<C> .cs @24
          (Local E slot 0))
        (EqEnum bool
          (Local C slot 1)
          (Const C #8 = a))))
  slot 0
    (Coalesce int
      (Field int? .o @48
        (Local E slot 0))
      (Const int #9 = 0))
rule t.q(t.E slot 0) frame 1
  severity medium
  cites c
  effect flag
  when
    (RuleRef bool t.r
      (Local E slot 0))
exception t.x(t.E slot 0) frame 1
  for t.r
  when
    (CmpInt bool >
      (Field int .n @0
        (Local E slot 0))
      (Const int #10 = 5))
test "t" frame 1
  given slot 0 = {n: 1, f: 2, t: 2024-01-01T00:00:00Z, cs: [], ss: [], o: none, s: ""}
  assert
    (EqInt bool
      (Field int .n @0
        (Local E slot 0))
      (Const int #12 = 1))
)";

TEST(Lowering, PrintShowsTypedOperations) {
  Program p(kProgram);
  ASSERT_TRUE(p.ok()) << p.problems();
  EXPECT_EQ(ir::print(p.module()), kExpected);
}

TEST(Lowering, TestGivenAndAssert) {
  Program p(kProgram);
  ASSERT_TRUE(p.ok()) << p.problems();
  const ir::Module& m = p.module();
  ASSERT_EQ(m.tests.size(), 1u);
  const ir::TestCode& t = m.tests[0];
  ASSERT_EQ(t.asserts.size(), 1u);
  EXPECT_EQ(t.entry, 0);
  rt::Arena arena;
  bool result = false;
  EvalOptions o;
  o.hasNow = false;
  EXPECT_EQ(evaluateExpr(m, *t.asserts[0], t.frameSize, t.givenSlot, t.given, 0, o, arena, &result), nullptr);
  EXPECT_TRUE(result);
  rt::Outcome out = evaluate(m, 0, t.given, 0, o, arena);
  EXPECT_EQ(rt::decide(m.table, out).toJson(),
            R"j({"effect":"allow","findings":[],"excepted":[],"errors":[]})j");
}

}  // namespace
}  // namespace gai::interp::test
