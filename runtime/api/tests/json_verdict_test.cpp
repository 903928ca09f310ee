// Session::verdictJson (bind, then decide, in one call), Session::bind and
// Session::evaluateJsonTo of a PaddedJson (read in place from the caller's buffer) and
// gai_session_verdict_json, on both engines: the same verdicts and the same input errors as
// bind() then verdict().
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "api_fixture.h"
#include "bench_records.h"
#include "gai/gai.h"

namespace gai::testing {
namespace {

// Lines joined in one buffer, with padding after the last: as a host reading a file.
struct Lines {
  std::string buffer;
  std::vector<std::pair<size_t, size_t>> at;  // offset, length
  explicit Lines(const std::vector<std::string>& lines) {
    for (const std::string& l : lines) {
      at.emplace_back(buffer.size(), l.size());
      buffer += l + "\n";
    }
    buffer.append(kJsonPadding, 'x');
  }
  PaddedJson padded(size_t i) const {
    return PaddedJson{std::string_view(buffer.data() + at[i].first, at[i].second), buffer.size() - at[i].first};
  }
};

void expectSameVerdict(const Verdict& got, const Verdict& want, const std::string& what) {
  EXPECT_EQ(got.ok(), want.ok()) << what;
  EXPECT_EQ(got.error, want.error) << what;
  EXPECT_EQ(got.effect, want.effect) << what;
  EXPECT_EQ(got.fired, want.fired) << what;
  EXPECT_EQ(got.excepted, want.excepted) << what;
  EXPECT_EQ(got.errors, want.errors) << what;
}

// bind() then verdict(): what every path must give.
Verdict reference(Session& session, const EntryType& entry, std::string_view json, const EvalOptions& options) {
  Verdict v;
  BoundInput input = session.bind(entry, json, options.strictInput);
  session.verdict(input, options, v);
  return v;
}

class JsonVerdict : public ::testing::TestWithParam<Engine> {};

TEST_P(JsonVerdict, BenchRecordsInPlaceEqualBindThenVerdict) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  EvalOptions options = at("2025-10-01T12:00:00+08:00");
  std::vector<std::string> records = benchRecords(1000);
  Lines lines(records);
  Verdict v, w;
  size_t denies = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    Verdict want = reference(session, entry, records[i], options);
    ASSERT_TRUE(want.ok()) << want.error;
    EXPECT_TRUE(session.verdictJson(entry, lines.padded(i), options, v));
    expectSameVerdict(v, want, records[i]);
    EXPECT_TRUE(session.verdictJson(entry, records[i], options, w));
    expectSameVerdict(w, want, records[i]);
    BoundInput bound = session.bind(entry, lines.padded(i));
    ASSERT_TRUE(bound.ok()) << bound.error();
    session.verdict(bound, options, w);
    expectSameVerdict(w, want, records[i]);
    denies += v.effect == Effect::Deny;
  }
  EXPECT_GT(denies, 50u);  // the records exercise the rules
}

TEST_P(JsonVerdict, ShopLinesEqualBindThenVerdict) {
  auto policy = compileWith({shopDir()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Order");
  EvalOptions options = at("2024-06-01T12:00:00Z");
  std::vector<std::string> records = readLines(shopDir() + "/input.jsonl");
  ASSERT_GT(records.size(), 5u);
  records.push_back(R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c9","age":"old"},"channel":"web","amount":1})");
  records.push_back(R"({"at":"yesterday","customer":{"id":"c9","age":3},"channel":"web","amount":1})");
  Lines lines(records);
  Verdict v;
  size_t errors = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    Verdict want = reference(session, entry, records[i], options);
    EXPECT_EQ(session.verdictJson(entry, lines.padded(i), options, v), want.ok());
    expectSameVerdict(v, want, records[i]);
    errors += !want.ok();
  }
  EXPECT_EQ(errors, 2u);
}

// Session::evaluateJsonTo of a PaddedJson: the decision JSON (appended) and the input
// error of the same line passed as a string_view, whether read in place or, with too
// little padding, copied; the caller's buffer is left as it was.
TEST_P(JsonVerdict, EvaluateJsonToInPlaceEqualsCopied) {
  auto policy = compileWith({shopDir()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Order");
  EvalOptions options = at("2024-06-01T12:00:00Z");
  std::vector<std::string> records = readLines(shopDir() + "/input.jsonl");
  records.push_back(R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c9","age":"old"},"channel":"web","amount":1})");
  records.push_back("");
  records.push_back("{");
  Lines lines(records);
  const std::string before = lines.buffer;
  size_t errors = 0, denies = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string want = "kept", got = "kept", wantError, gotError;
    bool ok = session.evaluateJsonTo(entry, records[i], options, want, wantError);
    EXPECT_EQ(session.evaluateJsonTo(entry, lines.padded(i), options, got, gotError), ok) << records[i];
    EXPECT_EQ(got, want) << records[i];
    EXPECT_EQ(gotError, wantError) << records[i];
    errors += !ok;
    denies += want.find("\"effect\":\"deny\"") != std::string::npos;
  }
  EXPECT_EQ(lines.buffer, before);
  EXPECT_EQ(errors, 3u);
  EXPECT_GT(denies, 1u);
  const std::string& line = records[1];
  std::string want, error;
  ASSERT_TRUE(session.evaluateJsonTo(entry, line, options, want, error)) << error;
  for (size_t extra : {size_t(0), size_t(1), kJsonPadding - 1, kJsonPadding}) {
    std::unique_ptr<char[]> exact(new char[line.size() + extra]);
    std::memset(exact.get(), '}', line.size() + extra);
    std::memcpy(exact.get(), line.data(), line.size());
    std::string got;
    PaddedJson json{std::string_view(exact.get(), line.size()), line.size() + extra};
    EXPECT_TRUE(session.evaluateJsonTo(entry, json, options, got, error)) << error;
    EXPECT_EQ(got, want) << "extra " << extra;
  }
  Session empty(nullptr);
  std::string out;
  EXPECT_FALSE(empty.evaluateJsonTo(entry, lines.padded(0), options, out, error));
  EXPECT_EQ(error, "the session has no policy");
  EXPECT_TRUE(out.empty());
}

// Errors are bind()'s, a session keeps working after one, and a line that ends exactly at
// the end of its buffer (no padding) is copied, not read beyond.
TEST_P(JsonVerdict, ErrorsReuseAndBufferEnds) {
  auto policy = compileWith({benchPolicyPath()}, GetParam());
  ASSERT_TRUE(policy);
  Session session(policy);
  EntryType entry = *policy->entry("Event");
  EvalOptions options = at("2025-10-01T12:00:00+08:00");
  std::string good = benchRecords(1)[0];
  Verdict v, want = reference(session, entry, good, options);
  ASSERT_TRUE(want.ok());
  std::string badAge = good;
  badAge.replace(badAge.find("\"age\":") + 6, 0, "\"x\",\"y\":");
  std::vector<std::string> bad = {"", "  ", "[1]", "{", good + "}", badAge, good.substr(0, good.size() - 1)};
  for (const std::string& json : bad) {
    ASSERT_TRUE(session.verdictJson(entry, good, options, v));
    Verdict error = reference(session, entry, json, options);
    ASSERT_FALSE(error.ok()) << json;
    EXPECT_FALSE(session.verdictJson(entry, json, options, v)) << json;
    expectSameVerdict(v, error, json);
    EXPECT_TRUE(v.fired.empty());
    ASSERT_TRUE(session.verdictJson(entry, good, options, v)) << v.error;
    expectSameVerdict(v, want, "after " + json);
  }
  EXPECT_EQ(reference(session, entry, badAge, options).error, "$.user.age: expected int, got string");
  for (size_t extra : {size_t(0), size_t(1), kJsonPadding - 1, kJsonPadding}) {
    std::unique_ptr<char[]> exact(new char[good.size() + extra]);
    std::memset(exact.get(), '}', good.size() + extra);
    std::memcpy(exact.get(), good.data(), good.size());
    PaddedJson json{std::string_view(exact.get(), good.size()), good.size() + extra};
    EXPECT_TRUE(session.verdictJson(entry, json, options, v)) << v.error;
    expectSameVerdict(v, want, "extra " + std::to_string(extra));
    EXPECT_TRUE(session.bind(entry, json).ok());
  }
  // Options: strict input and limits apply.
  EvalOptions strict = options;
  strict.strictInput = true;
  std::string unknown = "{\"colour\":1," + good.substr(1);
  EXPECT_TRUE(session.verdictJson(entry, unknown, options, v)) << v.error;
  EXPECT_FALSE(session.verdictJson(entry, unknown, strict, v));
  EXPECT_EQ(v.error, "$.colour: unknown field of Event");
  EvalOptions tight = options;
  tight.maxInputBytes = 10;
  EXPECT_FALSE(session.verdictJson(entry, good, tight, v));
  EXPECT_EQ(v.error, "input longer than 10 bytes");
  // An entry type of another policy.
  auto other = compileWith({shopDir()}, GetParam());
  EXPECT_FALSE(session.verdictJson(*other->entry("Order"), good, options, v));
  EXPECT_NE(v.error.find("does not belong to this policy"), std::string::npos) << v.error;
  Session empty(nullptr);
  EXPECT_FALSE(empty.verdictJson(entry, good, options, v));
  EXPECT_EQ(v.error, "the session has no policy");
}

TEST_P(JsonVerdict, CApi) {
  std::string path = benchPolicyPath();
  const char* paths[] = {path.c_str()};
  gai_compile_options co = gai_default_compile_options();
  co.engine = GetParam() == Engine::Jit ? GAI_ENGINE_JIT : GAI_ENGINE_INTERP;
  char* diagnostics = nullptr;
  gai_policy* policy = gai_compile_with(paths, 1, &co, &diagnostics);
  ASSERT_NE(policy, nullptr) << diagnostics;
  gai_free(diagnostics);
  gai_session* session = gai_session_new(policy);
  gai_eval_options options = gai_default_options();
  options.now_micros = *parseTimestamp("2025-10-01T12:00:00+08:00");
  std::vector<std::string> records = benchRecords(200);
  Lines lines(records);
  for (size_t i = 0; i < records.size(); ++i) {
    gai_bound* bound = nullptr;
    ASSERT_EQ(gai_session_bind_json(session, "Event", records[i].data(), records[i].size(), 0, &bound, nullptr), GAI_OK);
    gai_verdict want, got;
    ASSERT_EQ(gai_session_verdict(session, bound, &options, &want), GAI_OK);
    gai_bound_free(bound);
    PaddedJson p = lines.padded(i);
    char* error = nullptr;
    ASSERT_EQ(gai_session_verdict_json(session, "Event", p.text.data(), p.text.size(), p.capacity, &options, &got, &error),
              GAI_OK) << error;
    EXPECT_EQ(error, nullptr);
    EXPECT_EQ(got.effect, want.effect);
    ASSERT_EQ(got.fired_count, want.fired_count);
    for (uint32_t k = 0; k < got.fired_count; ++k) EXPECT_EQ(got.fired[k], want.fired[k]);
  }
  gai_verdict v;
  char* error = nullptr;
  EXPECT_EQ(gai_session_verdict_json(session, "Event", "[]", 2, 0, nullptr, &v, &error), GAI_INPUT_ERROR);
  EXPECT_EQ(v.effect, GAI_NO_VERDICT);
  ASSERT_NE(error, nullptr);
  EXPECT_STREQ(error, "$: expected Event, got array");
  gai_free(error);
  EXPECT_EQ(gai_session_verdict_json(session, "Nope", "{}", 2, 0, nullptr, &v, nullptr), GAI_BAD_ARGUMENT);
  EXPECT_EQ(gai_session_verdict_json(nullptr, "Event", "{}", 2, 0, nullptr, &v, nullptr), GAI_BAD_ARGUMENT);
  EXPECT_EQ(gai_session_verdict_json(session, "Event", nullptr, 2, 0, nullptr, &v, nullptr), GAI_BAD_ARGUMENT);
  EXPECT_EQ(gai_session_verdict_json(session, "Event", "{}", 2, 0, nullptr, nullptr, nullptr), GAI_BAD_ARGUMENT);
  gai_session_free(session);
  gai_policy_free(policy);
}

INSTANTIATE_TEST_SUITE_P(Engines, JsonVerdict, ::testing::Values(Engine::Jit, Engine::Interp),
                         [](const ::testing::TestParamInfo<Engine>& info) { return engineName(info.param); });

}  // namespace
}  // namespace gai::testing
