// Verdict::firedSet and EvalOptions::firedList on both engines: the fired rules as a bit
// set say what Verdict::fired says, on every verdict path; with firedList false the list
// is left empty where the set is valid (entry types of at most 64 rules) and filled as
// before where it is not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "bench_records.h"

namespace gai::testing {
namespace {

EvalOptions at(const char* now, bool list) {
  EvalOptions o;
  o.nowMicros = *parseTimestamp(now);
  o.firedList = list;
  return o;
}

std::vector<uint32_t> members(const FiredSet& set) { return std::vector<uint32_t>(set.begin(), set.end()); }

// `got` (decided with firedList false) against `want` (the default, fired filled).
void expectSameRules(const Verdict& got, const Verdict& want, size_t ruleCount, const std::string& what) {
  ASSERT_EQ(got.error, want.error) << what;
  EXPECT_EQ(got.effect, want.effect) << what;
  EXPECT_EQ(got.excepted, want.excepted) << what;
  EXPECT_EQ(got.errors, want.errors) << what;
  EXPECT_EQ(got.firedSet.valid(), want.firedSet.valid()) << what;
  if (!want.firedSet.valid()) {
    EXPECT_EQ(got.fired, want.fired) << what;  // no set: the list as before
    return;
  }
  EXPECT_TRUE(got.fired.empty()) << what;
  EXPECT_EQ(members(want.firedSet), want.fired) << what;
  EXPECT_EQ(members(got.firedSet), want.fired) << what;
  EXPECT_EQ(got.firedSet.size(), want.fired.size()) << what;
  EXPECT_EQ(got.firedSet.bits(), want.firedSet.bits()) << what;
  for (uint32_t r = 0; r < ruleCount; ++r) {
    bool fired = std::find(want.fired.begin(), want.fired.end(), r) != want.fired.end();
    EXPECT_EQ(got.firedSet.contains(r), fired) << what << " rule " << r;
  }
}

// Every record of `lines` through every verdict path, set only against list; returns how
// many verdicts had a valid fired set.
size_t checkPaths(const std::shared_ptr<const Policy>& policy, const EntryType& entry,
                  const std::vector<std::string>& lines, const char* now) {
  Session session(policy);
  EvalOptions list = at(now, true), set = at(now, false);
  std::vector<std::string_view> views(lines.begin(), lines.end());
  BoundBatch batch = session.bindBatch(entry, views.data(), views.size());
  std::vector<BoundInput> inputs;
  for (const std::string& line : lines) inputs.push_back(session.bind(entry, line));
  std::vector<Verdict> byInputs(lines.size()), byRange(lines.size());
  session.verdicts(inputs.data(), inputs.size(), set, byInputs.data());
  session.verdicts(batch, 0, lines.size(), set, byRange.data());
  size_t rules = policy->ruleNames().size(), valid = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    Verdict want, one, record;
    session.verdict(inputs[i], list, want);
    session.verdict(inputs[i], set, one);
    session.verdict(batch, i, set, record);
    expectSameRules(one, want, rules, "verdict: " + lines[i]);
    expectSameRules(record, want, rules, "batch verdict: " + lines[i]);
    expectSameRules(byInputs[i], want, rules, "verdicts: " + lines[i]);
    expectSameRules(byRange[i], want, rules, "batch verdicts: " + lines[i]);
    valid += want.ok() && want.firedSet.valid();
  }
  return valid;
}

class FiredSets : public ::testing::TestWithParam<Engine> {};

TEST_P(FiredSets, BenchPolicySetEqualsList) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  std::vector<std::string> records = benchRecords(1000, 3);
  records.insert(records.begin() + 5, "{\"service\":1}");  // an input error: no set
  EXPECT_EQ(checkPaths(policy, *policy->entry("Event"), records, "2025-10-01T12:00:00+08:00"), 1000u);
}

TEST_P(FiredSets, ShippedPoliciesSetOrList) {
  auto policy = compileWith({sourceDir() + "/policies"}, GetParam());
  ASSERT_TRUE(policy);
  size_t ok = 0;
  for (const auto& f : std::filesystem::directory_iterator(sourceDir() + "/examples/events")) {
    if (f.path().extension() != ".jsonl") continue;
    std::vector<std::string> lines = readLines(f.path().string());
    for (const EntryType& entry : policy->entryTypes()) ok += checkPaths(policy, entry, lines, "2025-10-01T12:00:00Z");
  }
  SUCCEED() << ok << " verdicts with a fired set";
}

// A policy whose entry type has 70 rules (rule k fires when n > k): no valid set, so the
// list is filled even with firedList false.
TEST_P(FiredSets, MoreThan64RulesKeepTheList) {
  std::string dir = ::testing::TempDir() + "/fired_set_70_" + engineName(GetParam());
  std::filesystem::create_directories(dir);
  std::string text = "package big\n\nrecord E {\n  n: int\n}\n\nlaw l {\n  title \"L\"\n  article 1 \"A\"\n}\n";
  for (int k = 0; k < 70; ++k)
    text += "\nrule r" + std::to_string(k) + "(e: E) {\n  cites l art 1\n  when e.n > " + std::to_string(k) +
            "\n  then flag\n}\n";
  std::ofstream(dir + "/big.gai") << text;
  auto policy = compileWith({dir}, GetParam());
  ASSERT_TRUE(policy);
  std::vector<std::string> lines;
  for (int n : {0, 1, 40, 65, 69, 70, 100}) lines.push_back("{\"n\":" + std::to_string(n) + "}");
  EXPECT_EQ(checkPaths(policy, *policy->entry("E"), lines, "2025-10-01T12:00:00Z"), 0u);
  Session session(policy);
  Verdict v;
  ASSERT_TRUE(session.verdict(session.bind(*policy->entry("E"), "{\"n\":66}"), at("2025-10-01T12:00:00Z", false), v));
  EXPECT_FALSE(v.firedSet.valid());
  EXPECT_EQ(v.fired.size(), 66u);
}

// Effective ranges, runtime errors and deny in an entry type without exceptions (the
// JIT's gai_verdict_<e>): every verdict path says what the full decision says, at instants
// before, inside and after the range, failing closed and open.
TEST_P(FiredSets, EffectiveErrorsAndDenyMatchDecisions) {
  std::string dir = ::testing::TempDir() + "/fired_set_eff_" + engineName(GetParam());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/eff.gai") << R"(package eff

record E {
  n: int
  d: int
}

law l {
  title "L"
  article 1 "A"
}

rule dated(e: E) {
  cites     l art 1
  effective 2025-01-01 until 2025-06-30
  when      e.n > 0
  then      deny
}

rule ratio(e: E) {
  cites     l art 1
  when      e.n / e.d > 1
  then      deny
}

rule plain(e: E) {
  cites     l art 1
  when      e.n > 5
  then      flag
}
)";
  auto policy = compileWith({dir}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("E");
  std::vector<std::string> lines = {R"({"n":0,"d":1})", R"({"n":3,"d":0})", R"({"n":9,"d":2})", R"({"n":-4,"d":0})"};
  size_t errors = 0, denies = 0;
  for (const char* now : {"2024-12-31T23:59:59+08:00", "2025-01-01T00:00:00+08:00", "2025-07-01T00:00:00+08:00"}) {
    for (bool failOpen : {false, true}) {
      EvalOptions set = at(now, false);
      set.failOpen = failOpen;
      for (const std::string& line : lines) {
        BoundInput input = session.bind(entry, line);
        Verdict v;
        ASSERT_TRUE(session.verdict(input, set, v)) << v.error;
        EvalResult full = session.evaluateJson(entry, line, set);
        ASSERT_TRUE(full.ok()) << full.error;
        std::vector<uint32_t> want;
        std::vector<std::string> names = policy->ruleNames();
        for (const Finding& f : full.decision.findings)
          want.push_back(uint32_t(std::find(names.begin(), names.end(), f.rule) - names.begin()));
        EXPECT_EQ(members(v.firedSet), want) << now << " " << line;
        EXPECT_EQ(v.effect, full.decision.effect) << now << " " << line;
        EXPECT_EQ(v.errors, full.decision.errors.size()) << now << " " << line;
        errors += v.errors;
        denies += v.effect == Effect::Deny;
      }
      EXPECT_EQ(checkPaths(policy, entry, lines, now), lines.size());
    }
  }
  EXPECT_GT(errors, 0u);  // division by zero
  EXPECT_GT(denies, 0u);
}

TEST_P(FiredSets, ErrorsHaveNoSet) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EvalOptions set = at("2025-10-01T12:00:00Z", false);
  Verdict v;
  BoundInput good = session.bind(*policy->entry("Event"), benchRecords(1, 1)[0]);
  ASSERT_TRUE(session.verdict(good, set, v));
  EXPECT_TRUE(v.firedSet.valid());
  BoundInput bad = session.bind(*policy->entry("Event"), "{");
  EXPECT_FALSE(session.verdict(bad, set, v));
  EXPECT_FALSE(v.firedSet.valid());
  EXPECT_TRUE(v.firedSet.empty());
  EXPECT_TRUE(v.fired.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, FiredSets, ::testing::Values(Engine::Interp, Engine::Jit),
                         [](const ::testing::TestParamInfo<Engine>& p) { return std::string(engineName(p.param)); });

TEST(FiredSet, IteratesTheRulesOfItsBits) {
  const uint32_t rules[] = {5, 7, 9, 11};
  FiredSet set(0b1010, rules);
  EXPECT_TRUE(set.valid());
  EXPECT_FALSE(set.empty());
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(members(set), (std::vector<uint32_t>{7, 11}));
  EXPECT_TRUE(set.contains(7));
  EXPECT_TRUE(set.contains(11));
  EXPECT_FALSE(set.contains(5));
  EXPECT_FALSE(set.contains(9));
  EXPECT_EQ(set.rule(2), 9u);
  FiredSet none;
  EXPECT_FALSE(none.valid());
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
}

}  // namespace
}  // namespace gai::testing
