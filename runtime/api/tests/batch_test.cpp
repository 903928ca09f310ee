// Bound batches (Session::bindBatch, BoundBatch) on both engines: the same verdicts and
// decisions as values bound one by one, input errors per record, ranges, ownership; and
// bound inputs of pointer-free entry types (no arena of their own).
#include <gtest/gtest.h>

#include <filesystem>

#include "api_fixture.h"
#include "bench_records.h"

namespace gai::testing {
namespace {

std::vector<std::string_view> views(const std::vector<std::string>& lines) {
  return std::vector<std::string_view>(lines.begin(), lines.end());
}

void expectSameVerdict(const Verdict& got, const Verdict& want, const std::string& what) {
  EXPECT_EQ(got.error, want.error) << what;
  EXPECT_EQ(got.fired, want.fired) << what;
  EXPECT_EQ(got.effect, want.effect) << what;
  EXPECT_EQ(got.excepted, want.excepted) << what;
  EXPECT_EQ(got.errors, want.errors) << what;
}

// Every record of `lines` decided from a batch and bound alone: same verdicts (one at a time
// and in ranges) and the same decision JSON. Returns how many records were ok.
size_t checkBatch(const std::shared_ptr<const Policy>& policy, Session& session, const EntryType& entry,
                  const std::vector<std::string>& lines, const EvalOptions& options) {
  std::vector<std::string_view> in = views(lines);
  BoundBatch batch = session.bindBatch(entry, in.data(), in.size());
  EXPECT_EQ(batch.size(), lines.size());
  std::vector<Verdict> all(lines.size());
  size_t ok = session.verdicts(batch, 0, lines.size(), options, all.data());
  EXPECT_EQ(batch.errorCount(), lines.size() - ok);
  size_t half = lines.size() / 2;
  std::vector<Verdict> tail(lines.size() - half);
  session.verdicts(batch, half, tail.size(), options, tail.data());
  Session other(policy);
  Verdict one, alone;
  for (size_t i = 0; i < lines.size(); ++i) {
    BoundInput input = other.bind(entry, lines[i]);
    EXPECT_EQ(batch.ok(i), input.ok()) << lines[i];
    EXPECT_EQ(batch.error(i), input.ok() ? std::string() : input.error()) << lines[i];
    other.verdict(input, options, alone);
    expectSameVerdict(all[i], alone, lines[i]);
    if (i >= half) expectSameVerdict(tail[i - half], alone, lines[i]);
    EXPECT_EQ(session.verdict(batch, i, options, one), input.ok());
    expectSameVerdict(one, alone, lines[i]);
    EvalResult full = session.evaluate(batch, i, options);
    EvalResult json = other.evaluateJson(entry, lines[i], options);
    EXPECT_EQ(full.error, json.error) << lines[i];
    EXPECT_EQ(full.decision.json, json.decision.json) << lines[i];
  }
  return ok;
}

class Batch : public ::testing::TestWithParam<Engine> {};

TEST_P(Batch, BenchPolicyBatchEqualsBoundInputs) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  std::vector<std::string> records = benchRecords(400, 11);
  records.insert(records.begin() + 7, "{\"service\":1}");
  records.insert(records.begin() + 100, "{\"service\":");
  records.push_back("");
  EXPECT_EQ(checkBatch(policy, session, entry, records, at("2025-10-01T12:00:00+08:00")), records.size() - 3);
}

TEST_P(Batch, ShippedPoliciesBatchEqualsBoundInputs) {
  auto policy = compileWith({sourceDir() + "/policies"}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  size_t ok = 0;
  for (const auto& f : std::filesystem::directory_iterator(sourceDir() + "/examples/events")) {
    if (f.path().extension() != ".jsonl") continue;
    std::vector<std::string> lines = readLines(f.path().string());
    for (const EntryType& entry : policy->entryTypes())
      for (const char* now : {"2025-10-01T12:00:00+08:00", "2025-08-01T12:00:00+08:00"})
        ok += checkBatch(policy, session, entry, lines, at(now));
  }
  EXPECT_GT(ok, 100u);  // records with strings and lists, kept in the batch's arena
}

TEST_P(Batch, RangesErrorsAndForeignPolicies) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  auto another = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy && another);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  std::vector<std::string> records = benchRecords(10, 5);
  std::vector<std::string_view> in = views(records);
  BoundBatch batch = session.bindBatch(entry, in.data(), in.size());
  EvalOptions options = at("2025-10-01T12:00:00Z");
  std::vector<Verdict> out(4);
  EXPECT_EQ(session.verdicts(batch, 8, 4, options, out.data()), 2u);  // records 8, 9; then out of range
  EXPECT_TRUE(out[1].ok());
  EXPECT_EQ(out[2].error, "record index out of range");
  EXPECT_EQ(out[3].error, "record index out of range");
  EXPECT_EQ(out[3].effect, Effect::Allow);
  EXPECT_TRUE(out[3].fired.empty());
  Verdict v;
  EXPECT_FALSE(session.verdict(batch, 10, options, v));
  EXPECT_EQ(v.error, "record index out of range");
  EXPECT_FALSE(batch.ok(10));
  EXPECT_FALSE(session.evaluate(batch, SIZE_MAX, options).ok());
  EXPECT_EQ(session.verdicts(batch, SIZE_MAX, 2, options, out.data()), 0u);
  EXPECT_FALSE(out[0].ok());

  Session foreign(another);
  EXPECT_EQ(foreign.verdicts(batch, 0, 2, options, out.data()), 0u);
  EXPECT_NE(out[0].error.find("another policy"), std::string::npos) << out[0].error;
  EXPECT_FALSE(foreign.verdict(batch, 0, options, v));
  EXPECT_FALSE(foreign.evaluate(batch, 0, options).ok());

  BoundBatch empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_FALSE(empty.ok(0));
  EXPECT_EQ(session.verdicts(empty, 0, 1, options, out.data()), 0u);
  EXPECT_FALSE(out[0].ok());
  BoundBatch none = session.bindBatch(entry, nullptr, 0);
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(session.verdicts(none, 0, 0, options, out.data()), 0u);

  // A foreign entry type fails the whole batch, with the reason on every record.
  EntryType other = *another->entry("Event");
  Session shop(shopPolicy());
  BoundBatch wrong = shop.bindBatch(other, in.data(), in.size());
  EXPECT_EQ(wrong.size(), in.size());
  EXPECT_EQ(wrong.errorCount(), in.size());
  EXPECT_FALSE(wrong.ok(0));
  EXPECT_NE(wrong.error(3).find("does not belong"), std::string::npos) << wrong.error(3);
  EXPECT_EQ(shop.verdicts(wrong, 0, 1, options, out.data()), 0u);
  EXPECT_EQ(out[0].error, wrong.error(0));

  // Strict input is per batch.
  std::string extra = "{\"unknown_field\":1," + records[0].substr(1);
  std::string_view one[] = {extra};
  EXPECT_TRUE(session.bindBatch(entry, one, 1).ok(0));
  BoundBatch strict = session.bindBatch(entry, one, 1, true);
  EXPECT_FALSE(strict.ok(0));
  EXPECT_NE(strict.error(0).find("unknown_field"), std::string::npos) << strict.error(0);
}

TEST_P(Batch, BatchOutlivesSessionAndPolicyHandle) {
  std::vector<std::string> records;
  std::vector<std::string> want;
  std::weak_ptr<const Policy> weak;
  BoundBatch batch;
  {
    auto policy = compileWith({sourceDir() + "/policies"}, GetParam());
    ASSERT_TRUE(policy);
    weak = policy;
    Session session(policy);
    EntryType entry = *policy->entry("GenerationEvent");
    records = readLines(sourceDir() + "/examples/events/generation_event.jsonl");
    ASSERT_FALSE(records.empty());
    std::vector<std::string_view> in = views(records);
    batch = session.bindBatch(entry, in.data(), in.size());
    for (const std::string& json : records)
      want.push_back(session.evaluateJson(entry, json, at("2025-10-01T12:00:00Z")).decision.json);
    // Binding and evaluating more with the session does not disturb the batch.
    BoundBatch again = session.bindBatch(entry, in.data(), in.size());
  }
  std::shared_ptr<const Policy> policy = weak.lock();
  ASSERT_TRUE(policy);  // kept alive by the batch
  BoundBatch moved = std::move(batch);
  size_t ok = 0;
  {
    Session session(policy);
    for (size_t i = 0; i < moved.size(); ++i) {
      if (!moved.ok(i)) continue;
      EXPECT_EQ(session.evaluate(moved, i, at("2025-10-01T12:00:00Z")).decision.json, want[i]) << i;
      ++ok;
    }
  }
  EXPECT_GT(ok, 0u);
  policy.reset();
  EXPECT_FALSE(weak.expired());  // the batch alone keeps it
  moved = BoundBatch();
  EXPECT_TRUE(weak.expired());
}

// Bench records are pointer-free (bools, enums, ints, a set of enums): bound alone they
// keep no arena; what the session binds or evaluates afterwards must not change them.
TEST_P(Batch, PointerFreeBoundInputsSurviveTheSessionsArena) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  EvalOptions options = at("2025-10-01T12:00:00+08:00");
  std::vector<std::string> records = benchRecords(200, 21);
  std::vector<BoundInput> inputs;
  for (const std::string& json : records) inputs.push_back(session.bind(entry, json));
  for (const std::string& json : benchRecords(200, 22)) {
    ASSERT_TRUE(session.evaluateJson(entry, json, options).ok());
    session.bind(entry, json);
  }
  Session other(policy);
  Verdict got, want;
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_TRUE(session.verdict(inputs[i], options, got)) << got.error;
    other.verdict(other.bind(entry, records[i]), options, want);
    expectSameVerdict(got, want, records[i]);
    EXPECT_EQ(session.evaluate(inputs[i], options).decision.json, other.evaluateJson(entry, records[i], options).decision.json);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, Batch, ::testing::Values(Engine::Interp, Engine::Jit),
                         [](const ::testing::TestParamInfo<Engine>& info) { return std::string(engineName(info.param)); });

}  // namespace
}  // namespace gai::testing
