// The JIT's tiers through the API: a policy compiled on a cache miss starts on unoptimised
// code and every session switches to the optimised code when it goes live, with the same
// verdicts throughout, on every verdict path, from two threads at once (run under TSan by
// .ci/run's tsan stage); Policy::waitOptimized and its C twin.
#include <atomic>
#include <thread>

#include "api_fixture.h"
#include "bench_records.h"
#include "gai/gai.h"

namespace gai::testing {
namespace {

// One verdict's fields that every path must give alike.
std::string summary(const Verdict& v) {
  std::string s = v.effect == Effect::Deny ? "deny" : "allow";
  for (uint32_t rule : v.fired) s += " " + std::to_string(rule);
  s += " x" + std::to_string(v.excepted) + " e" + std::to_string(v.errors) + (v.error.empty() ? "" : " " + v.error);
  return s + "\n";
}

// The verdicts of `lines` from one session, one at a time, in one call, from a batch.
std::string allPaths(Session& session, const EntryType& entry, const std::vector<std::string>& lines,
                     const EvalOptions& options) {
  std::vector<BoundInput> bound;
  for (const std::string& line : lines) bound.push_back(session.bind(entry, line));
  std::vector<std::string_view> views(lines.begin(), lines.end());
  BoundBatch batch = session.bindBatch(entry, views.data(), views.size());
  std::vector<Verdict> many(lines.size()), fromBatch(lines.size());
  session.verdicts(bound.data(), bound.size(), options, many.data());
  session.verdicts(batch, 0, lines.size(), options, fromBatch.data());
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    Verdict one, json;
    session.verdict(bound[i], options, one);
    session.verdictJson(entry, lines[i], options, json);
    out += summary(one) + summary(many[i]) + summary(fromBatch[i]) + summary(json);
  }
  return out;
}

std::shared_ptr<const Policy> compileUncached(Engine engine) {
  CompileOptions options;
  options.engine = engine;
  options.cacheDir = "";  // no disk cache: a JIT compile is tiered (unless in memory already)
  CompileResult r = compile({benchPolicyPath()}, options);
  EXPECT_TRUE(r.ok()) << r.diagnosticsText;
  return r.policy;
}

TEST(JitTiers, SessionsSwitchToTheOptimizedCodeWithTheSameVerdicts) {
  std::vector<std::string> lines = benchRecords(64, 7);
  EvalOptions options;
  options.nowMicros = *parseTimestamp("2025-10-01T12:00:00+08:00");
  std::shared_ptr<const Policy> interp = compileUncached(Engine::Interp);
  ASSERT_TRUE(interp);
  Session reference(interp);
  std::string expected = allPaths(reference, *interp->entry("Event"), lines, options);

  std::shared_ptr<const Policy> jit = compileUncached(Engine::Jit);
  ASSERT_TRUE(jit);
  std::atomic<bool> waited{false};
  std::atomic<int> mismatches{0}, rounds{0};
  auto decide = [&] {
    Session session(jit);  // made before or after the switch: both must follow it
    const EntryType entry = *jit->entry("Event");
    for (int after = 0; after < 3;) {
      bool done = waited.load();
      mismatches += allPaths(session, entry, lines, options) != expected;
      ++rounds;
      after += done;
    }
  };
  std::thread t1(decide), t2(decide);
  bool optimized = jit->waitOptimized();
  waited = true;
  t1.join();
  t2.join();
  EXPECT_TRUE(optimized);
  EXPECT_EQ(mismatches.load(), 0) << "of " << rounds.load() << " rounds";
  Session after(jit);
  EXPECT_EQ(allPaths(after, *jit->entry("Event"), lines, options), expected);
}

TEST(JitTiers, WaitOptimizedIsTrueForTheInterpreterAndInC) {
  std::shared_ptr<const Policy> interp = compileUncached(Engine::Interp);
  ASSERT_TRUE(interp);
  EXPECT_TRUE(interp->waitOptimized());
  std::string path = benchPolicyPath();
  const char* paths[] = {path.c_str()};
  gai_compile_options options = gai_default_compile_options();
  options.cache_dir = "";
  char* diagnostics = nullptr;
  gai_policy* policy = gai_compile_with(paths, 1, &options, &diagnostics);
  ASSERT_NE(policy, nullptr) << (diagnostics ? diagnostics : "");
  EXPECT_EQ(gai_policy_wait_optimized(policy), 1);
  EXPECT_EQ(gai_policy_wait_optimized(nullptr), 0);
  gai_policy_free(policy);
  gai_free(diagnostics);
}

TEST(JitTiers, PolicyDroppedWhileOptimizing) {
  // Destroying a policy (and its sessions) while its optimised code compiles stops that
  // compile and returns (no hang; ASan: no leak).
  for (int round = 0; round < 3; ++round) {
    std::shared_ptr<const Policy> jit = compileUncached(Engine::Jit);
    ASSERT_TRUE(jit);
    Session session(jit);
    Verdict v;
    std::vector<std::string> lines = benchRecords(1, round);
    EXPECT_TRUE(session.verdictJson(*jit->entry("Event"), lines[0], EvalOptions(), v));
  }
}

}  // namespace
}  // namespace gai::testing
