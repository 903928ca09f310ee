// One module shared by several threads, each with its own arena: identical decisions.
#include <thread>

#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kPolicy = R"(
import std.text
record E { n: int s: string xs: list<int> = [] }
const words: set<string> = {"alpha", "beta"}
rule a(e: E) { cites "x" when text.contains_any(text.lower(e.s), words) then deny message "{e.s} {e.xs}" }
rule b(e: E) { cites "x" when sum(x in e.xs: 100 / x) > e.n then flag message "{sum(x in e.xs: x)}" }
rule d(e: E) { cites "x" when a(e with { s: "alpha" }) and e.n == 7 then flag }
exception c(e: E) for a { when e.n == 7 }
)";

TEST(Threads, SharedModuleGivesIdenticalDecisions) {
  Program p(kPolicy);
  ASSERT_TRUE(p.ok()) << p.problems();
  const std::vector<std::string> inputs = {
      R"({"n":1,"s":"ALPHA","xs":[1,2]})", R"({"n":7,"s":"beta","xs":[0]})", R"({"n":500,"s":"x","xs":[]})",
      R"({"n":-1,"s":"Beta gamma","xs":[3,-3,5]})"};
  std::vector<std::string> expected;
  {
    LineEvaluator ev(p.module(), 0);
    for (const std::string& in : inputs) expected.push_back(ev.evalLine(in, 1));
  }
  EXPECT_NE(expected[1].find("division by zero"), std::string::npos) << expected[1];
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      LineEvaluator ev(p.module(), 0);
      for (int i = 0; i < 300; ++i) {
        size_t k = static_cast<size_t>(i + t) % inputs.size();
        if (ev.evalLine(inputs[k], 1) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << t;
}

}  // namespace
}  // namespace gai::interp::test
