#include "test_util.h"

namespace gai::interp::test {
namespace {

std::string allow(const std::string& excepted = "", const std::string& errors = "") {
  return R"({"effect":"allow","findings":[],"excepted":[)" + excepted + R"(],"errors":[)" + errors + "]}";
}

const char* kExceptions = R"(
record E { a: bool b: bool c: bool d: int = 1 }
rule r(e: E) { cites "x" when e.a then deny }
exception x1(e: E) for r { when e.b }
exception x2(e: E) for x1 { when e.c }
exception x3(e: E) for r { when 1 / e.d > 0 }
)";

const char* kFiredR = R"({"effect":"deny","findings":[{"rule":"t.r","severity":"medium","cites":["x"],"effects":["deny"],"message":"t.r"}],"excepted":[],"errors":[]})";

TEST(Rules, ExceptionDefeatsRule) {
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":true,"b":true,"c":false,"d":0})"),
            allow(R"({"rule":"t.r","by":"t.x1"})", R"({"rule":"t.x3","error":"division by zero"})"));
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":true,"b":true,"c":false})"), allow(R"({"rule":"t.r","by":"t.x1"})"));
}

TEST(Rules, ExceptionOfExceptionRestoresRule) {
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":true,"b":true,"c":true,"d":-1})"), kFiredR);
  // x3 is in force: the rule is excepted by it.
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":true,"b":true,"c":true,"d":1})"), allow(R"({"rule":"t.r","by":"t.x3"})"));
}

TEST(Rules, ExceptionsEvaluatedOnlyWhenRuleHeld) {
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":false,"b":true,"c":false,"d":0})"), allow());
}

TEST(Rules, ErroredExceptionIsNotInForce) {
  EXPECT_EQ(decide(kExceptions, "E", R"({"a":true,"b":false,"c":false,"d":0})"),
            R"({"effect":"deny","findings":[{"rule":"t.r","severity":"medium","cites":["x"],"effects":["deny"],"message":"t.r"}],"excepted":[],"errors":[{"rule":"t.x3","error":"division by zero"}]})");
}

const char* kErrors = R"(
record E { n: int }
rule a(e: E) { cites "x" when 1 / e.n > 0 then flag }
rule b(e: E) { cites "x" when 2 / e.n > 0 then deny }
rule c(e: E) { cites "x" when e.n == 0 then flag }
)";

TEST(Rules, FailClosedAndOpen) {
  std::string errs = R"({"rule":"t.a","error":"division by zero"},{"rule":"t.b","error":"division by zero"})";
  std::string findings = R"({"rule":"t.c","severity":"medium","cites":["x"],"effects":["flag"],"message":"t.c"})";
  EXPECT_EQ(decide(kErrors, "E", R"({"n":0})"),
            R"({"effect":"deny","findings":[)" + findings + R"(],"excepted":[],"errors":[)" + errs + "]}");
  Opts open;
  open.failOpen = true;
  EXPECT_EQ(decide(kErrors, "E", R"({"n":0})", open),
            R"({"effect":"allow","findings":[)" + findings + R"(],"excepted":[],"errors":[)" + errs + "]}");
}

const char* kEffective = R"(
record E { n: int }
rule r(e: E) { cites "x" effective 2024-03-01 until 2024-03-31 when true then deny }
exception x(e: E) for r { effective 2024-03-10 when e.n > 0 }
)";

std::string at(const char* now, const std::string& json = R"({"n":0})") {
  Opts o;
  o.now = now;
  return decide(kEffective, "E", json, o);
}

TEST(Rules, EffectiveBoundariesAtUtc8) {
  const std::string fired = R"({"effect":"deny","findings":[{"rule":"t.r","severity":"medium","cites":["x"],"effects":["deny"],"message":"t.r"}],"excepted":[],"errors":[]})";
  EXPECT_EQ(at("2024-02-29T15:59:59.999999Z"), allow());
  EXPECT_EQ(at("2024-02-29T16:00:00Z"), fired);
  EXPECT_EQ(at("2024-03-01T00:00:00+08:00"), fired);
  EXPECT_EQ(at("2024-03-31T23:59:59.999999+08:00"), fired);
  EXPECT_EQ(at("2024-03-31T16:00:00Z"), allow());
  EXPECT_EQ(at("2024-04-01T00:00:00+08:00"), allow());
}

TEST(Rules, NotEffectiveExceptionDoesNotDefeat) {
  EXPECT_EQ(at("2024-03-09T15:59:59Z", R"({"n":1})").substr(0, 16), R"({"effect":"deny")");
  EXPECT_EQ(at("2024-03-09T16:00:00Z", R"({"n":1})"), allow(R"({"rule":"t.r","by":"t.x"})"));
}

TEST(Rules, TestModeMakesEverythingEffective) {
  Opts o;
  o.hasNow = false;
  o.now = "2000-01-01T00:00:00Z";
  EXPECT_EQ(decide(kEffective, "E", R"({"n":1})", o), allow(R"({"rule":"t.r","by":"t.x"})"));
}

const char* kRefs = R"(
record E { n: int s: S }
record S { k: int }
rule base(e: E) { cites "x" when e.n > 0 then flag }
rule sub(s: S) { cites "x" when 10 / s.k > 1 then flag }
exception quiet(e: E) for base { when e.n > 100 }
rule derived(e: E) { cites "x" when base(e) and sub(e.s) then deny }
rule notbase(e: E) { cites "x" when not base(e) then flag }
)";

TEST(Rules, RuleReferences) {
  std::string d = decide(kRefs, "E", R"({"n":1,"s":{"k":2}})");
  EXPECT_NE(d.find(R"("rule":"t.derived")"), std::string::npos) << d;
  EXPECT_EQ(d.find(R"("rule":"t.notbase")"), std::string::npos) << d;
  // `sub` has another entry type: it is not part of a decision on E.
  EXPECT_EQ(d.find(R"("rule":"t.sub")"), std::string::npos) << d;
  // base is excepted: base(e) is false.
  d = decide(kRefs, "E", R"({"n":101,"s":{"k":2}})");
  EXPECT_EQ(d, R"({"effect":"allow","findings":[{"rule":"t.notbase","severity":"medium","cites":["x"],"effects":["flag"],"message":"t.notbase"}],"excepted":[{"rule":"t.base","by":"t.quiet"}],"errors":[]})");
}

TEST(Rules, ErrorInReferencedRuleErrorsTheReferrer) {
  std::string d = decide(kRefs, "E", R"({"n":1,"s":{"k":0}})");
  EXPECT_EQ(d, R"({"effect":"deny","findings":[{"rule":"t.base","severity":"medium","cites":["x"],"effects":["flag"],"message":"t.base"}],"excepted":[],"errors":[{"rule":"t.derived","error":"division by zero"}]})");
  Program p(kRefs);
  int sub = p.module().findEntry("S");
  ASSERT_GE(sub, 0);
  LineEvaluator ev(p.module(), static_cast<uint32_t>(sub));
  EXPECT_EQ(ev.evalLine(R"({"k":0})", 1), R"({"effect":"allow","findings":[],"excepted":[],"errors":[{"rule":"t.sub","error":"division by zero"}]})");
}

TEST(Rules, ReferenceToAnotherValueIsMemoisedSeparately) {
  const char* src = R"(
record E { n: int }
rule base(e: E) { cites "x" when e.n > 0 then flag }
exception big(e: E) for base { when e.n > 100 }
rule other(e: E) { cites "x" when base(e with { n: 5 }) and not base(e) and not base(e with { n: 500 }) then deny }
)";
  EXPECT_EQ(decide(src, "E", R"({"n":0})"),
            R"({"effect":"deny","findings":[{"rule":"t.other","severity":"medium","cites":["x"],"effects":["deny"],"message":"t.other"}],"excepted":[],"errors":[]})");
  // Only the decided value's exceptions appear; `base` is excepted for 500, so not base(e).
  EXPECT_EQ(decide(src, "E", R"({"n":500})"),
            R"({"effect":"deny","findings":[{"rule":"t.other","severity":"medium","cites":["x"],"effects":["deny"],"message":"t.other"}],"excepted":[{"rule":"t.base","by":"t.big"}],"errors":[]})");
  EXPECT_EQ(decide(src, "E", R"({"n":3})"),
            R"({"effect":"allow","findings":[{"rule":"t.base","severity":"medium","cites":["x"],"effects":["flag"],"message":"t.base"}],"excepted":[],"errors":[]})");
}

TEST(Rules, ErrorsInDeclarationOrderAcrossFiles) {
  DiagnosticSink diags;
  auto c = compileSources({{"b.gai", "package p\nrule y(e: E) { cites \"x\" when 1 / e.n > 0 then flag }\nexception z(e: E) for y2 { when 1 / e.n > 0 }"},
                           {"a.gai", "package p\nrecord E { n: int }\nrule x(e: E) { cites \"x\" when 1 / e.n > 0 then flag }\nrule y2(e: E) { cites \"x\" when true then flag }"}},
                          diags);
  ASSERT_TRUE(c) << diags.diagnostics().size();
  LineEvaluator ev(*c->module, 0);
  EXPECT_EQ(ev.evalLine(R"({"n":0})", 1),
            R"({"effect":"allow","findings":[{"rule":"p.y2","severity":"medium","cites":["x"],"effects":["flag"],"message":"p.y2"}],"excepted":[],"errors":[{"rule":"p.x","error":"division by zero"},{"rule":"p.y","error":"division by zero"},{"rule":"p.z","error":"division by zero"}]})");
}

}  // namespace
}  // namespace gai::interp::test
