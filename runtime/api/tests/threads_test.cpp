// One policy, eight threads: every thread's decisions equal the single-threaded ones.
#include <thread>

#include "api_fixture.h"

namespace gai::testing {
namespace {

std::string evaluateAll(const std::shared_ptr<const Policy>& policy, const EntryType& entry,
                        const std::vector<std::string>& lines, const EvalOptions& options, int rounds) {
  Session session(policy);
  std::string out, error;
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& line : lines) {
      if (!session.evaluateJsonTo(entry, line, options, out, error)) out += "error: " + error;
      out += '\n';
    }
  }
  return out;
}

void checkThreads(const std::shared_ptr<const Policy>& policy, const std::string& entryName,
                  const std::vector<std::string>& lines, const EvalOptions& options) {
  auto entry = policy->entry(entryName);
  ASSERT_TRUE(entry);
  constexpr int kRounds = 20;
  std::string expected = evaluateAll(policy, *entry, lines, options, kRounds);
  ASSERT_NE(expected.find("\"effect\":\"deny\""), std::string::npos);
  std::vector<std::string> results(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] { results[t] = evaluateAll(policy, *entry, lines, options, kRounds); });
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, expected);
}

TEST(Threads, ShopPolicyFromEightThreads) {
  checkThreads(shopPolicy(), "Order", readLines(shopDir() + "/input.jsonl"), at("2024-06-01T12:00:00Z"));
}

TEST(Threads, ShippedPoliciesFromEightThreads) {
  CompileResult r = compile({sourceDir() + "/policies"}, testOptions());
  ASSERT_TRUE(r.ok()) << r.diagnosticsText;
  std::vector<std::string> lines = readLines(sourceDir() + "/examples/events/generation_event.jsonl");
  ASSERT_FALSE(lines.empty());
  checkThreads(r.policy, "GenerationEvent", lines, at("2025-10-01T12:00:00+08:00"));
}

}  // namespace
}  // namespace gai::testing
