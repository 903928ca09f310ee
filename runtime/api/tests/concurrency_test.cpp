// Hot replacement under load: 8 threads evaluate (JSON and typed inputs) through a
// PolicyStore while another thread compiles new versions (interpreter and JIT, alternating)
// and replaces the policy. Version k differs recognisably: a marker rule whose message is
// "v<k>" and a deny threshold of k * 300. Every decision must equal, byte for byte, the
// decision that version k gives alone for that input, where k is the version the session
// reports for that evaluation; versions seen by a thread never go backwards. Run under
// ThreadSanitizer by `scripts/gai test` (stage tsan).
#include <atomic>
#include <chrono>
#include <cstring>
#include <map>
#include <thread>

#include "api_fixture.h"
#include "gai/gai.h"

namespace gai::testing {
namespace {

constexpr int kThreads = 8;
constexpr int kVersions = 6;  // published after the initial version 1

std::string policySource(int version) {
  std::string k = std::to_string(version);
  return "package shop\n"
         "enum Channel { web, app, store }\n"
         "record Customer {\n  id: string\n  age: int\n}\n"
         "record Order {\n  customer: Customer\n  channel: Channel\n  amount: float\n"
         "  items: list<string> = []\n}\n"
         "rule minor(o: Order) {\n  cites \"Memo 1\"\n  severity high\n  when o.customer.age < 18\n"
         "  then deny\n  message en \"minor {o.customer.id}\"\n}\n"
         "rule marker(o: Order) {\n  cites \"Memo v" + k + "\"\n  when o.amount >= 0.0\n  then flag\n"
         "  message en \"v" + k + " {o.channel}\"\n}\n"
         "rule threshold(o: Order) {\n  cites \"Memo 2\"\n  when o.amount > " + std::to_string(version * 300) +
         ".0\n  then deny\n  message en \"over " + k + "\"\n}\n"
         "rule many(o: Order) {\n  cites \"Memo 3\"\n  when size(o.items) > " + k + "\n  then flag\n}\n";
}

std::shared_ptr<const Policy> compileVersion(int version, Engine engine) {
  CompileOptions options;
  options.engine = engine;
  CompileResult r = compileSources({{"shop_v" + std::to_string(version) + ".gai", policySource(version)}}, options);
  EXPECT_TRUE(r.ok()) << r.diagnosticsText;
  return r.policy;
}

struct Case {
  std::string id;
  int age;
  std::string channel;
  double amount;
  std::vector<std::string> items;

  std::string json() const {
    std::string out = R"({"customer":{"id":")" + id + R"(","age":)" + std::to_string(age) + R"(},"channel":")" +
                      channel + R"(","amount":)" + std::to_string(amount) + R"(,"items":[)";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ",\"" : "\"") + items[i] + "\"";
    return out + "]}";
  }

  EvalResult evaluateBound(Session& session, const EntryType& entry, const EvalOptions& options) const {
    Input input = session.input(entry);
    std::vector<std::string_view> views(items.begin(), items.end());
    bool ok = input.setString("customer.id", id) && input.setInt("customer.age", age) &&
              input.setEnum("channel", channel) && input.setFloat("amount", amount) &&
              input.setStrings("items", views);
    EXPECT_TRUE(ok) << input.error();
    return session.evaluate(input, options);
  }
};

std::vector<Case> cases() {
  std::vector<Case> out;
  const char* channels[] = {"web", "app", "store"};
  for (int i = 0; i < 24; ++i)
    out.push_back(Case{"c" + std::to_string(i), 12 + i, channels[i % 3], 150.0 * i,
                       std::vector<std::string>(size_t(i % 9), "x")});
  return out;
}

// expected[version][case]: each version's decision alone, on the interpreter.
using Expected = std::map<uint64_t, std::vector<std::string>>;

Expected expectedDecisions(const std::vector<Case>& inputs, const EvalOptions& options) {
  Expected expected;
  for (int version = 1; version <= 1 + kVersions; ++version) {
    auto policy = compileVersion(version, Engine::Interp);
    Session session(policy);
    for (const Case& c : inputs) {
      EvalResult r = session.evaluateJson(*policy->entry("Order"), c.json(), options);
      EXPECT_TRUE(r.ok()) << r.error;
      EXPECT_NE(r.decision.json.find("\"v" + std::to_string(version) + " "), std::string::npos);
      expected[uint64_t(version)].push_back(r.decision.json);
    }
  }
  // The versions must be told apart by every input, else a torn decision could pass.
  for (size_t i = 0; i < inputs.size(); ++i)
    for (uint64_t a = 1; a <= expected.size(); ++a)
      for (uint64_t b = a + 1; b <= expected.size(); ++b) EXPECT_NE(expected[a][i], expected[b][i]);
  return expected;
}

struct Tally {
  std::atomic<uint64_t> evaluations{0}, failures{0}, regressions{0};
  std::atomic<uint64_t> onLastVersion{0};
};

// One evaluating thread: alternates JSON and typed input until the last version has been
// published and this thread has evaluated on it.
void evaluateUntilDone(const PolicyStore& store, const std::vector<Case>& inputs, const Expected& expected,
                       const EvalOptions& options, const std::atomic<bool>& published, Tally& tally, int seed) {
  StoreSession session(store);
  uint64_t lastVersion = 0;
  bool sawFinal = false;
  for (size_t n = size_t(seed); !(published.load() && sawFinal); ++n) {
    const Case& c = inputs[n % inputs.size()];
    EvalResult r;
    if (n % 2 == 0) {
      r = session.evaluateJson("Order", c.json(), options);
    } else {
      Session& current = session.refresh();
      std::optional<EntryType> entry = session.entry("Order");
      if (!entry) {
        ++tally.failures;
        continue;
      }
      r = c.evaluateBound(current, *entry, options);
    }
    uint64_t version = session.version();
    ++tally.evaluations;
    auto it = expected.find(version);
    if (!r.ok() || it == expected.end() || r.decision.json != it->second[n % inputs.size()]) {
      if (tally.failures++ < 5) ADD_FAILURE() << "version " << version << ": " << r.error << r.decision.json;
    }
    if (version < lastVersion) ++tally.regressions;
    lastVersion = version;
    if (version == expected.size()) sawFinal = true;
  }
  ++tally.onLastVersion;
}

TEST(Concurrency, EightThreadsWhileThePolicyIsReplaced) {
  std::vector<Case> inputs = cases();
  EvalOptions options = at("2024-06-01T12:00:00Z");
  Expected expected = expectedDecisions(inputs, options);
  ASSERT_EQ(expected.size(), size_t(1 + kVersions));

  PolicyStore store(compileVersion(1, Engine::Jit));
  ASSERT_EQ(store.version(), 1u);
  std::atomic<bool> published{false};
  Tally tally;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] { evaluateUntilDone(store, inputs, expected, options, published, tally, t); });
  // The replacer compiles each version while the others evaluate, alternating engines.
  for (int version = 2; version <= 1 + kVersions; ++version) {
    auto next = compileVersion(version, version % 2 ? Engine::Jit : Engine::Interp);
    ASSERT_TRUE(next);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(store.replace(next), uint64_t(version));
  }
  published = true;
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(tally.failures.load(), 0u);
  EXPECT_EQ(tally.regressions.load(), 0u);
  EXPECT_EQ(tally.onLastVersion.load(), uint64_t(kThreads));
  EXPECT_GT(tally.evaluations.load(), uint64_t(kThreads) * 2);
}

// Compiling is thread-safe too: four threads compile JIT versions at once (sharing the
// object cache when one is configured) and each policy decides like the interpreter's.
TEST(Concurrency, FourThreadsCompileJitAtOnce) {
  std::vector<Case> inputs = cases();
  EvalOptions options = at("2024-06-01T12:00:00Z");
  Expected expected = expectedDecisions(inputs, options);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int version = 1 + t % 2; version <= 1 + kVersions; version += 2) {
        auto policy = compileVersion(version, Engine::Jit);
        if (!policy) {
          ++wrong;
          continue;
        }
        Session session(policy);
        for (size_t i = 0; i < inputs.size(); ++i) {
          EvalResult r = session.evaluateJson(*policy->entry("Order"), inputs[i].json(), options);
          if (r.decision.json != expected[uint64_t(version)][i]) ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Concurrency, OldVersionLivesUntilItsLastSessionLetsGo) {
  std::weak_ptr<const Policy> first;
  PolicyStore store;
  EXPECT_EQ(store.version(), 0u);
  EXPECT_EQ(store.current(), nullptr);
  StoreSession session(store);
  std::string out, error;
  EXPECT_FALSE(session.evaluateJsonTo("Order", "{}", EvalOptions(), out, error));
  EXPECT_EQ(error, "the policy store is empty");
  {
    auto v1 = compileVersion(1, Engine::Interp);
    first = v1;
    EXPECT_EQ(store.replace(v1), 1u);
  }
  Case c{"a", 30, "web", 10.0, {}};
  EvalOptions options = at("2024-06-01T12:00:00Z");
  Session& bound = session.refresh();
  EXPECT_EQ(session.version(), 1u);
  EXPECT_EQ(store.replace(compileVersion(2, Engine::Interp)), 2u);
  EXPECT_FALSE(first.expired());  // the session still holds version 1
  EvalResult onOld = c.evaluateBound(bound, *session.entry("Order"), options);
  EXPECT_NE(onOld.decision.json.find("v1 web"), std::string::npos) << onOld.decision.json;
  EvalResult onNew = session.evaluateJson("Order", c.json(), options);
  EXPECT_EQ(session.version(), 2u);
  EXPECT_NE(onNew.decision.json.find("v2 web"), std::string::npos) << onNew.decision.json;
  EXPECT_TRUE(first.expired());
  EXPECT_FALSE(session.evaluateJsonTo("Nope", c.json(), options, out, error));
  EXPECT_NE(error.find("no entry type 'Nope'"), std::string::npos) << error;
}

TEST(Concurrency, CStoreFromFourThreads) {
  const std::string v1 = policySource(1), v2 = policySource(2);
  const char* names[] = {"a.gai"};
  const char* texts1[] = {v1.c_str()};
  const char* texts2[] = {v2.c_str()};
  gai_policy* p1 = gai_compile_sources(names, texts1, 1, nullptr);
  gai_policy* p2 = gai_compile_sources(names, texts2, 1, nullptr);
  ASSERT_TRUE(p1 && p2);
  gai_policy_store* store = gai_policy_store_new(p1);
  gai_policy_free(p1);  // the store keeps its own reference
  ASSERT_EQ(gai_policy_store_version(store), 1u);
  std::string json = Case{"a", 30, "app", 10.0, {}}.json();
  std::atomic<int> bad{0};
  std::atomic<bool> replaced{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      gai_store_session* session = gai_store_session_new(store);
      gai_eval_options options = gai_default_options();
      for (bool last = false; !last;) {
        last = replaced.load();
        char* out = nullptr;
        int rc = gai_store_session_evaluate_json(session, "Order", json.data(), json.size(), &options, &out);
        std::string marker = "v" + std::to_string(gai_store_session_version(session)) + " app";
        if (rc != GAI_OK || !out || !std::strstr(out, marker.c_str())) ++bad;
        gai_free(out);
      }
      EXPECT_EQ(gai_store_session_version(session), 2u);
      gai_store_session_free(session);
    });
  }
  EXPECT_EQ(gai_policy_store_replace(store, p2), 2u);
  replaced = true;
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(bad.load(), 0);
  gai_policy* current = gai_policy_store_current(store);
  EXPECT_EQ(gai_entry_count(current), 1u);
  char* out = nullptr;
  EXPECT_EQ(gai_evaluate_json(current, "Order", json.data(), json.size(), nullptr, &out), GAI_OK) << out;
  EXPECT_NE(std::strstr(out, "v2 app"), nullptr);
  gai_free(out);
  gai_policy_free(current);
  gai_policy_free(p2);
  EXPECT_EQ(gai_policy_store_replace(store, nullptr), 3u);
  EXPECT_EQ(gai_policy_store_current(store), nullptr);
  gai_policy_store_free(store);
}

}  // namespace
}  // namespace gai::testing
