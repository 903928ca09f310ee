// A quick measurement of the fast path (not the bench/ suite): the 10-rule bench policy
// (bench-policy.md) bound once, then verdicts per record, one by one and in batches, on
// both engines; plus the full decision JSON for comparison.
//   ninja -C build gai_verdict_bench && build/runtime/api/gai_verdict_bench
#include <benchmark/benchmark.h>

#include "bench_records.h"
#include "gai/gai.hpp"

namespace {

struct Fixture {
  std::shared_ptr<const gai::Policy> policy;
  std::vector<gai::BoundInput> inputs;
  std::vector<std::string> records;
};

const Fixture& fixture(gai::Engine engine) {
  static Fixture fixtures[2];
  Fixture& f = fixtures[engine == gai::Engine::Jit];
  if (f.policy) return f;
  gai::CompileOptions options;
  options.engine = engine;
  gai::CompileResult r = gai::compile({std::string(GAI_SOURCE_DIR) + "/runtime/api/tests/bench_policy.gai"}, options);
  if (!r.ok() || !r.policy->waitOptimized()) std::abort();  // timed on the JIT's optimised code
  f.policy = r.policy;
  gai::Session session(f.policy);
  gai::EntryType entry = *f.policy->entry("Event");
  f.records = gai::testing::benchRecords(4096);
  for (const std::string& json : f.records) f.inputs.push_back(session.bind(entry, json));
  return f;
}

gai::EvalOptions options() {
  gai::EvalOptions o;
  o.nowMicros = *gai::parseTimestamp("2025-10-01T12:00:00+08:00");
  return o;
}

void verdictOneByOne(benchmark::State& state, gai::Engine engine) {
  const Fixture& f = fixture(engine);
  gai::Session session(f.policy);
  gai::EvalOptions o = options();
  gai::Verdict v;
  v.fired.reserve(16);
  size_t i = 0, fired = 0;
  for (auto _ : state) {
    session.verdict(f.inputs[i], o, v);
    fired += v.fired.size();
    if (++i == f.inputs.size()) i = 0;
  }
  benchmark::DoNotOptimize(fired);
  state.SetItemsProcessed(state.iterations());
}

// The same over 64 inputs only (they stay in cache): the cost of deciding itself.
void verdictHot(benchmark::State& state, gai::Engine engine) {
  const Fixture& f = fixture(engine);
  gai::Session session(f.policy);
  gai::EvalOptions o = options();
  gai::Verdict v;
  v.fired.reserve(16);
  size_t i = 0, fired = 0;
  for (auto _ : state) {
    session.verdict(f.inputs[i], o, v);
    fired += v.fired.size();
    i = (i + 1) & 63;
  }
  benchmark::DoNotOptimize(fired);
  state.SetItemsProcessed(state.iterations());
}

void verdictBatch(benchmark::State& state, gai::Engine engine) {
  const Fixture& f = fixture(engine);
  gai::Session session(f.policy);
  gai::EvalOptions o = options();
  std::vector<gai::Verdict> out(f.inputs.size());
  for (gai::Verdict& v : out) v.fired.reserve(16);
  for (auto _ : state) benchmark::DoNotOptimize(session.verdicts(f.inputs.data(), f.inputs.size(), o, out.data()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.inputs.size()));
}

void decisionJson(benchmark::State& state, gai::Engine engine) {
  const Fixture& f = fixture(engine);
  gai::Session session(f.policy);
  gai::EvalOptions o = options();
  std::string out, error;
  size_t i = 0;
  for (auto _ : state) {
    out.clear();
    session.evaluateTo(f.inputs[i], o, out, error);
    if (++i == f.inputs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void jsonLineToVerdict(benchmark::State& state, gai::Engine engine) {
  const Fixture& f = fixture(engine);
  gai::Session session(f.policy);
  gai::EntryType entry = *f.policy->entry("Event");
  gai::EvalOptions o = options();
  gai::Verdict v;
  size_t i = 0;
  for (auto _ : state) {
    gai::BoundInput input = session.bind(entry, f.records[i]);
    session.verdict(input, o, v);
    if (++i == f.records.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(verdictOneByOne, jit, gai::Engine::Jit);
BENCHMARK_CAPTURE(verdictBatch, jit, gai::Engine::Jit);
BENCHMARK_CAPTURE(verdictHot, jit, gai::Engine::Jit);
BENCHMARK_CAPTURE(verdictOneByOne, interp, gai::Engine::Interp);
BENCHMARK_CAPTURE(verdictBatch, interp, gai::Engine::Interp);
BENCHMARK_CAPTURE(decisionJson, jit, gai::Engine::Jit);
BENCHMARK_CAPTURE(decisionJson, interp, gai::Engine::Interp);
BENCHMARK_CAPTURE(jsonLineToVerdict, jit, gai::Engine::Jit);

}  // namespace

BENCHMARK_MAIN();
