// The test runner: every expectation kind passing and failing, with the exact report text.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "interp/engine.h"
#include "testing/compile.h"
#include "testing/coverage.h"
#include "testing/runner.h"

namespace gai::testing {
namespace {

const char* kRules = R"(package t
record E {
  a: int
  b: int = 1
}
action report(to: string)
action log
law lx {
  article 1 "Purpose"
  article 2 "Duties" { paras 2 }
}
rule big(e: E) {
  cites lx art 2 para 1
  when e.a > 10
  then deny, require report("cac")
}
rule small(e: E) {
  cites lx art 2
  when e.a < 0
  then flag, require log
}
exception small_ok(e: E) for small {
  when e.a == -1
}
rule div(e: E) {
  cites "free"
  when 10 / e.b > 100
  then flag
}
rule later(e: E) {
  cites "free"
  effective 2030-01-01
  when e.a == 5
  then flag
}
rule clock(e: E) {
  cites "free"
  when e.a == 7 and now > 2020-01-01T00:00:00Z
  then flag
}
)";

struct Suite {
  DiagnosticSink diags;
  std::string error;
  std::unique_ptr<interp::Compiled> compiled;
  RunResult result;
  explicit Suite(const std::string& tests, const RunOptions& options = {}) {
    compiled = compileSourcesForTests({{"t.gai", std::string(kRules) + tests}}, diags, error);
    if (compiled->module) result = runTests(*compiled, options);
  }
  bool ok() const { return compiled->module != nullptr; }
  std::string problems() const {
    std::string out = error + "\n";
    for (const Diagnostic& d : diags.diagnostics()) out += std::string(d.code()) + " " + d.message + "\n";
    return out;
  }
  // The report of every failed test, then the summary.
  std::string report() const {
    std::string out;
    for (const TestResult& t : result.tests)
      if (!t.passed()) out += formatFailure(t);
    return out + formatSummary(result);
  }
};

#define EXPECT_REPORT(tests, text)               \
  do {                                           \
    Suite run_(tests);                             \
    ASSERT_TRUE(run_.ok()) << run_.problems();   \
    EXPECT_EQ(run_.report(), text);              \
  } while (0)

TEST(Runner, PassingExpectationsOfEveryKind) {
  EXPECT_REPORT(R"(
test "fires, deny, require with args" {
  given e = E { a: 11 }
  expect big
  expect not small
  expect deny
  expect require report
  expect require report("cac")
  assert e.a == 11
}
test "excepted, allow, require without args" {
  given e = E { a: -1 }
  expect excepted small
  expect excepted small by small_ok
  expect small_ok
  expect allow
}
test "error" {
  given e = E { a: 0, b: 0 }
  expect error div
  expect not div
}
test "now" {
  now 2024-01-01T00:00:00Z
  given e = E { a: 7 }
  expect clock
  expect not later
}
test "no now: every rule is effective" {
  given e = E { a: 5 }
  expect later
}
)", "5 passed, 0 failed\n");
}

TEST(Runner, FiresFails) {
  EXPECT_REPORT(R"(
test "t1" {
  given e = E { a: 1 }
  expect big
})",
                "FAIL t.gai:42:1: test \"t1\"\n"
                "  t.gai:44:3: expect big\n"
                "    expected: t.big fires\n"
                "    actual:   t.big did not fire\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, NotFiresFailsAndListsTheDecision) {
  EXPECT_REPORT(R"(
test "t2" {
  given e = E { a: 20 }
  expect not big
  expect allow
})",
                "FAIL t.gai:42:1: test \"t2\"\n"
                "  t.gai:44:3: expect not big\n"
                "    expected: t.big does not fire\n"
                "    actual:   t.big fired\n"
                "  t.gai:45:3: expect allow\n"
                "    expected: effect allow\n"
                "    actual:   effect deny\n"
                "  decision: effect deny\n"
                "    fired:    t.big\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, ExceptedFails) {
  EXPECT_REPORT(R"(
test "t3" {
  given e = E { a: -2 }
  expect excepted small by small_ok
  expect deny
})",
                "FAIL t.gai:42:1: test \"t3\"\n"
                "  t.gai:44:3: expect excepted small by small_ok\n"
                "    expected: t.small is excepted by t.small_ok\n"
                "    actual:   t.small fired\n"
                "  t.gai:45:3: expect deny\n"
                "    expected: effect deny\n"
                "    actual:   effect allow\n"
                "  decision: effect allow\n"
                "    fired:    t.small\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, ExceptedShownInDecision) {
  EXPECT_REPORT(R"(
test "t4" {
  given e = E { a: -1 }
  expect small
})",
                "FAIL t.gai:42:1: test \"t4\"\n"
                "  t.gai:44:3: expect small\n"
                "    expected: t.small fires\n"
                "    actual:   t.small was excepted by t.small_ok\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: t.small (by t.small_ok)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, ErrorFailsAndUnexpectedErrorsFail) {
  EXPECT_REPORT(R"(
test "t5" {
  given e = E { a: 1 }
  expect error div
}
test "t6" {
  given e = E { a: 1, b: 0 }
  expect allow
})",
                "FAIL t.gai:42:1: test \"t5\"\n"
                "  t.gai:44:3: expect error div\n"
                "    expected: t.div has a runtime error\n"
                "    actual:   t.div did not fire\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "FAIL t.gai:46:1: test \"t6\"\n"
                "  runtime error\n"
                "    expected: no runtime error (or `expect error div`)\n"
                "    actual:   t.div: division by zero\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   t.div: division by zero\n"
                "0 passed, 2 failed\n");
}

TEST(Runner, ReadingNowWithoutNowFails) {
  EXPECT_REPORT(R"(
test "t7" {
  given e = E { a: 7 }
  expect not big
})",
                "FAIL t.gai:42:1: test \"t7\"\n"
                "  runtime error\n"
                "    expected: no runtime error (or `expect error clock`)\n"
                "    actual:   t.clock: 'now' is not available (the test gives no 'now')\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   t.clock: 'now' is not available (the test gives no 'now')\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, NotEffectiveAtNow) {
  EXPECT_REPORT(R"(
test "t8" {
  now 2024-01-01T00:00:00Z
  given e = E { a: 5 }
  expect later
})",
                "FAIL t.gai:42:1: test \"t8\"\n"
                "  t.gai:45:3: expect later\n"
                "    expected: t.later fires\n"
                "    actual:   t.later is not effective at now\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, RequireFails) {
  EXPECT_REPORT(R"(
test "t9" {
  given e = E { a: 11 }
  expect require report("cnc")
  expect require log
})",
                "FAIL t.gai:42:1: test \"t9\"\n"
                "  t.gai:44:3: expect require report(\"cnc\")\n"
                "    expected: require report(\"cnc\")\n"
                "    actual:   required: require report(\"cac\") from t.big\n"
                "  t.gai:45:3: expect require log\n"
                "    expected: require log\n"
                "    actual:   required: require report(\"cac\") from t.big\n"
                "  decision: effect deny\n"
                "    fired:    t.big\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, AssertFailsAndErrors) {
  EXPECT_REPORT(R"(
test "t10" {
  given e = E { a: 1 }
  assert e.a == 2
  assert 1 / (e.a - 1) == 0
})",
                "FAIL t.gai:42:1: test \"t10\"\n"
                "  t.gai:44:3: assert e.a == 2\n"
                "    expected: true\n"
                "    actual:   false\n"
                "  t.gai:45:3: assert 1 / (e.a - 1) == 0\n"
                "    expected: true\n"
                "    actual:   runtime error: division by zero\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, FilterRunsMatchingTests) {
  RunOptions options;
  options.filter = "keep";
  Suite run(R"(
test "keep me" {
  given e = E { a: 11 }
  expect big
}
test "drop me" {
  given e = E { a: 1 }
  expect big
})",
          options);
  ASSERT_TRUE(run.ok()) << run.problems();
  ASSERT_EQ(run.result.tests.size(), 1u);
  EXPECT_EQ(run.result.tests[0].name, "keep me");
  EXPECT_EQ(run.report(), "1 passed, 0 failed\n");
}

TEST(Runner, JunitXml) {
  Suite run(R"(
test "ok" {
  given e = E { a: 11 }
  expect big
}
test "a <bad> one" {
  given e = E { a: 1 }
  expect big
})");
  ASSERT_TRUE(run.ok()) << run.problems();
  std::string xml = junitXml(run.result);
  for (TestResult& t : run.result.tests) t.seconds = 0;
  xml = junitXml(run.result);
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"gaic test\" tests=\"2\" failures=\"1\" errors=\"0\" time=\"0.000\">\n"
            "  <testsuite name=\"t\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0.000\">\n"
            "    <testcase name=\"ok\" classname=\"t\" file=\"t.gai\" line=\"42\" time=\"0.000\"/>\n"
            "    <testcase name=\"a &lt;bad&gt; one\" classname=\"t\" file=\"t.gai\" line=\"46\" time=\"0.000\">\n"
            "      <failure message=\"t.gai:48:3: expect big: expected t.big fires, actual t.big did not fire\" "
            "type=\"expectation\">t.gai:46:1: test &quot;a &lt;bad&gt; one&quot;\n"
            "  t.gai:48:3: expect big\n"
            "    expected: t.big fires\n"
            "    actual:   t.big did not fire\n"
            "  decision: effect allow\n"
            "    fired:    (none)\n"
            "    excepted: (none)\n"
            "    errors:   (none)\n"
            "</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(Coverage, ArticlesAndRules) {
  Suite run(R"(
test "big fires" {
  given e = E { a: 11 }
  expect big
}
test "small expected not to fire" {
  given e = E { a: 1 }
  expect not small
})");
  ASSERT_TRUE(run.ok()) << run.problems();
  Coverage c = computeCoverage(*run.compiled, run.result);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].label, "lx art 1");
  EXPECT_EQ(c.articles[0].status, ArticleStatus::Uncited);
  EXPECT_EQ(c.articles[1].label, "lx art 2");
  EXPECT_EQ(c.articles[1].status, ArticleStatus::Covered);
  EXPECT_EQ(c.articles[1].rules, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(c.articles[1].tests, (std::vector<uint32_t>{0, 1}));
  ASSERT_EQ(c.rules.size(), 6u);
  EXPECT_EQ(c.rules[0].name, "t.big");
  EXPECT_EQ(c.rules[0].fired, (std::vector<uint32_t>{0}));
  EXPECT_EQ(c.rules[0].notFired, (std::vector<uint32_t>{1}));
  EXPECT_EQ(c.rules[1].exercisedBy, (std::vector<uint32_t>{1}));
  EXPECT_TRUE(c.rules[2].isException);
  EXPECT_TRUE(c.rules[2].exercisedBy.empty());
}

}  // namespace
}  // namespace gai::testing

namespace gai::testing {
namespace {

TEST(Runner, ExceptionTargets) {
  EXPECT_REPORT(R"(
test "in force" {
  given e = E { a: -1 }
  expect small_ok
  expect error small_ok
})",
                "FAIL t.gai:42:1: test \"in force\"\n"
                "  t.gai:45:3: expect error small_ok\n"
                "    expected: t.small_ok has a runtime error\n"
                "    actual:   t.small_ok is in force\n"
                "  decision: effect allow\n"
                "    fired:    (none)\n"
                "    excepted: t.small (by t.small_ok)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
  EXPECT_REPORT(R"(
test "not in force" {
  given e = E { a: -3 }
  expect not small_ok
  expect small_ok
})",
                "FAIL t.gai:42:1: test \"not in force\"\n"
                "  t.gai:45:3: expect small_ok\n"
                "    expected: t.small_ok is in force\n"
                "    actual:   t.small_ok is not in force\n"
                "  decision: effect allow\n"
                "    fired:    t.small\n"
                "    excepted: (none)\n"
                "    errors:   (none)\n"
                "0 passed, 1 failed\n");
}

TEST(Runner, EmptyFilterMatchRunsNothing) {
  RunOptions options;
  options.filter = "nothing matches";
  Suite run(R"(
test "t" {
  given e = E { a: 1 }
  expect big
})",
            options);
  ASSERT_TRUE(run.ok()) << run.problems();
  EXPECT_EQ(run.report(), "0 passed, 0 failed\n");
}

}  // namespace
}  // namespace gai::testing
