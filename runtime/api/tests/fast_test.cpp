// Bound inputs, verdicts and batches (gai.hpp "Bind once, decide many times") on both
// engines, checked against the full decisions of evaluateJson.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "api_fixture.h"
#include "bench_records.h"

namespace gai::testing {
namespace {

EvalOptions at(const char* now) {
  EvalOptions o;
  o.nowMicros = *parseTimestamp(now);
  return o;
}

// The verdict must say what the full decision says.
void expectVerdictMatches(const Policy& policy, const Verdict& v, const EvalResult& full, const std::string& what) {
  ASSERT_TRUE(full.ok()) << what << ": " << full.error;
  ASSERT_TRUE(v.ok()) << what << ": " << v.error;
  std::vector<std::string> names = policy.ruleNames();
  std::vector<std::string> fired;
  for (uint32_t i : v.fired) fired.push_back(names.at(i));
  std::vector<std::string> findings;
  for (const Finding& f : full.decision.findings) findings.push_back(f.rule);
  EXPECT_EQ(fired, findings) << what;
  EXPECT_EQ(v.effect, full.decision.effect) << what;
  EXPECT_EQ(v.excepted, full.decision.excepted.size()) << what;
  EXPECT_EQ(v.errors, full.decision.errors.size()) << what;
}

class BothEngines : public ::testing::TestWithParam<Engine> {};

TEST_P(BothEngines, BenchPolicyVerdictsEqualDecisions) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  EvalOptions options = at("2025-10-01T12:00:00+08:00");
  std::vector<std::string> records = benchRecords(2000);
  Verdict v;
  size_t denies = 0, fired = 0;
  for (const std::string& json : records) {
    BoundInput input = session.bind(entry, json);
    ASSERT_TRUE(input.ok()) << input.error();
    ASSERT_TRUE(session.verdict(input, options, v));
    expectVerdictMatches(*policy, v, session.evaluateJson(entry, json, options), json);
    denies += v.effect == Effect::Deny;
    fired += v.fired.size();
  }
  EXPECT_GT(denies, 100u);  // the records exercise the rules
  EXPECT_GT(fired, 1000u);
}

TEST_P(BothEngines, ShippedPoliciesVerdictsEqualDecisions) {
  auto policy = compileWith({sourceDir() + "/policies"}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  Verdict v;
  size_t compared = 0;
  for (const auto& f : std::filesystem::directory_iterator(sourceDir() + "/examples/events")) {
    if (f.path().extension() != ".jsonl" || f.path().stem() == "bad-input") continue;
    for (const EntryType& entry : policy->entryTypes()) {
      for (const std::string& line : readLines(f.path().string())) {
        BoundInput input = session.bind(entry, line);
        if (!input.ok()) continue;  // another entry type's events, or an input error
        for (const char* now : {"2025-10-01T12:00:00+08:00", "2025-08-01T12:00:00+08:00"}) {
          for (bool failOpen : {false, true}) {
            EvalOptions options = at(now);
            options.failOpen = failOpen;
            ASSERT_TRUE(session.verdict(input, options, v)) << v.error;
            expectVerdictMatches(*policy, v, session.evaluateJson(entry, line, options), line);
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_GT(compared, 400u);
}

TEST_P(BothEngines, BatchesEqualOneByOne) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  EvalOptions options = at("2025-10-01T12:00:00+08:00");
  std::vector<std::string> records = benchRecords(300, 7);
  records.insert(records.begin() + 5, "{\"service\":1}");  // an input error inside the batch
  std::vector<BoundInput> inputs;
  for (const std::string& json : records) inputs.push_back(session.bind(entry, json));
  std::vector<Verdict> verdicts(inputs.size());
  EXPECT_EQ(session.verdicts(inputs.data(), inputs.size(), options, verdicts.data()), inputs.size() - 1);
  std::vector<EvalResult> results(inputs.size());
  EXPECT_EQ(session.evaluateBatch(inputs.data(), inputs.size(), options, results.data()), inputs.size() - 1);
  Session other(policy);
  for (size_t i = 0; i < inputs.size(); ++i) {
    EvalResult one = other.evaluateJson(entry, records[i], options);
    EXPECT_EQ(results[i].error, one.error) << i;
    EXPECT_EQ(results[i].decision.json, one.decision.json) << i;
    Verdict single;
    EXPECT_EQ(other.verdict(inputs[i], options, single), one.ok());
    EXPECT_EQ(verdicts[i].fired, single.fired) << i;
    EXPECT_EQ(verdicts[i].effect, single.effect) << i;
    EXPECT_EQ(verdicts[i].error, single.error) << i;
    std::string json, error;
    EXPECT_EQ(other.evaluateTo(inputs[i], options, json, error), one.ok());
    EXPECT_EQ(json, one.decision.json);
    EXPECT_EQ(error, one.error);
    if (one.ok()) expectVerdictMatches(*policy, verdicts[i], one, records[i]);
  }
  EXPECT_FALSE(verdicts[5].ok());
  EXPECT_EQ(verdicts[5].error, results[5].error);
  EXPECT_NE(verdicts[5].error.find("$.service"), std::string::npos) << verdicts[5].error;
}

TEST_P(BothEngines, BoundInputOutlivesSessionAndPolicyHandle) {
  std::vector<std::string> records = benchRecords(20, 3);
  std::vector<BoundInput> inputs;
  std::vector<std::string> want;
  std::weak_ptr<const Policy> weak;
  {
    auto policy = compileWith({benchPolicyPath()}, GetParam());
    ASSERT_TRUE(policy);
    weak = policy;
    Session session(policy);
    EntryType entry = *policy->entry("Event");
    for (const std::string& json : records) {
      inputs.push_back(session.bind(entry, json));
      want.push_back(session.evaluateJson(entry, json, at("2025-10-01T12:00:00Z")).decision.json);
    }
  }  // the host's policy handle and the binding session are gone; the inputs keep the policy
  // A moved-to vector of inputs, decided by a new session of that policy.
  std::vector<BoundInput> moved = std::move(inputs);
  ASSERT_TRUE(moved[0].ok());
  std::shared_ptr<const Policy> policy = weak.lock();
  ASSERT_TRUE(policy);  // kept alive by the bound inputs alone
  Session session(policy);
  for (int round = 0; round < 3; ++round)
    for (size_t i = 0; i < moved.size(); ++i)
      EXPECT_EQ(session.evaluate(moved[i], at("2025-10-01T12:00:00Z")).decision.json, want[i]);
}

TEST_P(BothEngines, BoundInputsAloneKeepThePolicy) {
  std::weak_ptr<const Policy> weak;
  BoundInput input;
  {
    auto policy = compileWith({benchPolicyPath()}, GetParam());
    ASSERT_TRUE(policy);
    weak = policy;
    Session session(policy);
    input = session.bind(*policy->entry("Event"), benchRecords(1)[0]);
  }
  EXPECT_FALSE(weak.expired());
  input = BoundInput();
  EXPECT_TRUE(weak.expired());
}

TEST_P(BothEngines, BindFromTypedInputAndErrors) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  auto another = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy && another);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  Input in = session.input(entry);
  in.setBool("service.public_facing", true);
  in.setEnum("service.region", "CN");
  in.setBool("service.filed", false);
  in.setEnum("content.kind", "image");
  in.setBool("content.explicit_label", false);
  in.setBool("content.implicit_label", true);
  in.setEnums("content.risk_tags", {"ip", "porn"});
  in.setInt("user.age", 40);
  in.setBool("user.is_minor_mode", false);
  // Evaluating other things with the session does not disturb a typed input being filled.
  EXPECT_TRUE(session.evaluateJson(entry, benchRecords(1)[0], at("2025-10-01T12:00:00Z")).ok());
  in.setInt("request.prompt_length", 20000);
  BoundInput bound = session.bind(std::move(in));
  ASSERT_TRUE(bound.ok()) << bound.error();
  Verdict v;
  ASSERT_TRUE(session.verdict(bound, at("2025-10-01T12:00:00Z"), v));
  std::vector<std::string> names = policy->ruleNames();
  std::set<std::string> fired;
  for (uint32_t i : v.fired) fired.insert(names[i]);
  EXPECT_EQ(fired, (std::set<std::string>{"bench.r1", "bench.r2", "bench.r3", "bench.r6", "bench.r9", "bench.r10"}));
  EXPECT_EQ(v.effect, Effect::Deny);

  Input missing = session.input(entry);
  missing.setBool("service.public_facing", true);
  BoundInput incomplete = session.bind(std::move(missing));
  EXPECT_FALSE(incomplete.ok());
  EXPECT_NE(incomplete.error().find("missing"), std::string::npos) << incomplete.error();
  EXPECT_FALSE(session.verdict(incomplete, at("2025-10-01T12:00:00Z"), v));
  EXPECT_EQ(v.error, incomplete.error());

  BoundInput bad = session.bind(entry, "{\"service\":");
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(session.evaluate(bad, at("2025-10-01T12:00:00Z")).ok());
  EXPECT_FALSE(session.verdict(BoundInput(), at("2025-10-01T12:00:00Z"), v));

  Session foreign(another);
  EXPECT_FALSE(foreign.verdict(bound, at("2025-10-01T12:00:00Z"), v));
  EXPECT_NE(v.error.find("another policy"), std::string::npos) << v.error;

  std::string extra = "{\"unknown_field\":1," + benchRecords(1)[0].substr(1);
  EXPECT_TRUE(session.bind(entry, extra).ok());
  BoundInput strict = session.bind(entry, extra, true);
  EXPECT_FALSE(strict.ok());
  EXPECT_NE(strict.error().find("unknown_field"), std::string::npos) << strict.error();
}

// Session::verdict keeps its checks once a fast path is prepared: inputs of another
// policy, failed and empty inputs are refused; entry types alternating in one session
// (records held inline and in an arena) each get their own rules' verdict.
TEST_P(BothEngines, FastPathKeepsChecksAcrossPoliciesAndEntryTypes) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  auto another = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy && another);
  Session session(policy), other(another);
  std::string json = benchRecords(1, 5)[0];
  BoundInput mine = session.bind(*policy->entry("Event"), json);
  BoundInput foreign = other.bind(*another->entry("Event"), json);
  BoundInput bad = session.bind(*policy->entry("Event"), "{\"service\":1}");
  ASSERT_TRUE(mine.ok() && foreign.ok() && !bad.ok());
  EvalOptions options = at("2025-10-01T12:00:00Z");
  EvalResult full = session.evaluateJson(*policy->entry("Event"), json, options);
  Verdict v;
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(session.verdict(mine, options, v)) << v.error;
    expectVerdictMatches(*policy, v, full, json);
    EXPECT_FALSE(session.verdict(foreign, options, v));
    EXPECT_NE(v.error.find("another policy"), std::string::npos) << v.error;
    EXPECT_TRUE(v.fired.empty() && v.firedSet.empty());
    EXPECT_FALSE(session.verdict(bad, options, v));
    EXPECT_EQ(v.error, bad.error());
    EXPECT_FALSE(session.verdict(BoundInput(), options, v));
    EXPECT_EQ(v.error, "empty bound input");
  }
  std::vector<BoundInput> mixed;
  mixed.push_back(session.bind(*policy->entry("Event"), json));
  mixed.push_back(other.bind(*another->entry("Event"), json));
  mixed.push_back(session.bind(*policy->entry("Event"), json));
  std::vector<Verdict> out(mixed.size());
  EXPECT_EQ(session.verdicts(mixed.data(), mixed.size(), options, out.data()), 2u);
  expectVerdictMatches(*policy, out[0], full, json);
  EXPECT_NE(out[1].error.find("another policy"), std::string::npos) << out[1].error;
  expectVerdictMatches(*policy, out[2], full, json);

  // The same for records bound side by side.
  std::vector<std::string_view> lines = {json, "{\"service\":1}", json};
  BoundBatch batch = session.bindBatch(*policy->entry("Event"), lines.data(), lines.size());
  BoundBatch foreignBatch = other.bindBatch(*another->entry("Event"), lines.data(), lines.size());
  for (int round = 0; round < 2; ++round) {
    ASSERT_TRUE(session.verdict(batch, 2, options, v)) << v.error;
    expectVerdictMatches(*policy, v, full, json);
    EXPECT_FALSE(session.verdict(foreignBatch, 0, options, v));
    EXPECT_NE(v.error.find("another policy"), std::string::npos) << v.error;
    EXPECT_FALSE(session.verdict(batch, 1, options, v));
    EXPECT_EQ(v.error, batch.error(1));
    EXPECT_FALSE(session.verdict(batch, 3, options, v));
    EXPECT_EQ(v.error, "record index out of range");
    EXPECT_FALSE(session.verdict(BoundBatch(), 0, options, v));
  }

  auto shipped = compileWith({sourceDir() + "/policies"}, GetParam());
  ASSERT_TRUE(shipped);
  Session s(shipped);
  // One bound event per entry type that has any, decided in turn, three rounds.
  std::vector<std::pair<std::string, BoundInput>> events;
  std::vector<EntryType> entries;
  for (const auto& f : std::filesystem::directory_iterator(sourceDir() + "/examples/events")) {
    if (f.path().extension() != ".jsonl" || f.path().stem() == "bad-input") continue;
    for (const EntryType& entry : shipped->entryTypes()) {
      for (const std::string& line : readLines(f.path().string())) {
        BoundInput input = s.bind(entry, line);
        if (!input.ok()) continue;
        events.emplace_back(line, std::move(input));
        entries.push_back(entry);
        break;
      }
    }
  }
  ASSERT_GE(events.size(), 3u);
  for (int round = 0; round < 3; ++round) {
    for (size_t i = 0; i < events.size(); ++i) {
      EvalOptions o = at("2025-10-01T12:00:00+08:00");
      o.firedList = round != 1;
      ASSERT_TRUE(s.verdict(events[i].second, o, v)) << v.error;
      if (!o.firedList && v.firedSet.valid())
        for (uint32_t rule : v.firedSet) v.fired.push_back(rule);
      expectVerdictMatches(*shipped, v, s.evaluateJson(entries[i], events[i].first, o), events[i].first);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, BothEngines, ::testing::Values(Engine::Interp, Engine::Jit),
                         [](const ::testing::TestParamInfo<Engine>& info) { return std::string(engineName(info.param)); });

}  // namespace
}  // namespace gai::testing
