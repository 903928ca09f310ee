// Item 1 of issue 6: the 10-rule policy of bench-policy.md written in .gai
// (bench/policy/bench.gai) against the same rules hand-written in C++ (records.h), in one
// binary: decisions/s on bound input, and JSON line -> decision (hand-written: simdjson
// On-Demand + the rules). Before measuring, every engine's fired-rule set is compared with
// the hand-written one on every record; a mismatch aborts with exit code 1.
//
//   policy_bench [--records N] [--smoke] [Google Benchmark flags]
//   --smoke: 2,000 records, the agreement check only (what ctest runs).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "probe.h"
#include "records.h"

namespace gai::bench {
namespace {

constexpr size_t kBatch = 1024;

struct Fixture {
  std::vector<Record> records;
  JsonLines json;
  std::shared_ptr<const Policy> jit, interp;
  std::unique_ptr<Probe> jitProbe, interpProbe;
  std::vector<const void*> boundJit, boundInterp;
  std::vector<int> bitOf;  // rule table index -> R bit (-1: not a bench rule)
  int64_t now = 0;

  FiredSet toFired(uint64_t bits) const {
    FiredSet f = 0;
    for (size_t i = 0; i < bitOf.size(); ++i)
      if ((bits >> i) & 1) f |= 1u << bitOf[i];
    return f;
  }
};

Fixture* gFixture = nullptr;

std::shared_ptr<const Policy> compilePolicy(Engine engine) {
  CompileOptions options;
  options.engine = engine;
  CompileResult result = compile({GAI_BENCH_POLICY_DIR}, options);
  if (!result.ok()) {
    std::fprintf(stderr, "policy_bench: cannot compile %s:\n%s", GAI_BENCH_POLICY_DIR, result.diagnosticsText.c_str());
    std::exit(1);
  }
  return result.policy;
}

std::unique_ptr<Probe> makeProbe(std::shared_ptr<const Policy> policy, std::vector<const void*>& bound,
                                 const JsonLines& json) {
  std::string error;
  std::unique_ptr<Probe> probe = Probe::create(std::move(policy), "Event", error);
  if (!probe) {
    std::fprintf(stderr, "policy_bench: %s\n", error.c_str());
    std::exit(1);
  }
  for (size_t i = 0; i < json.lines.size(); ++i) {
    const void* v = probe->bind(json.line(i), error);
    if (!v) {
      std::fprintf(stderr, "policy_bench: line %zu: %s\n", i + 1, error.c_str());
      std::exit(1);
    }
    bound.push_back(v);
  }
  return probe;
}

void setUp(Fixture& f, size_t count) {
  f.records = generateRecords(count);
  f.json = toJsonLines(f.records);
  f.now = *parseTimestamp("2025-10-01T12:00:00+08:00");
  f.jit = compilePolicy(Engine::Jit);
  f.interp = compilePolicy(Engine::Interp);
  f.jitProbe = makeProbe(f.jit, f.boundJit, f.json);
  f.interpProbe = makeProbe(f.interp, f.boundInterp, f.json);
  for (const std::string& name : f.jitProbe->ruleNames()) {
    int bit = -1;
    if (name.rfind("bench.r", 0) == 0) bit = std::atoi(name.c_str() + 7) - 1;
    f.bitOf.push_back(bit);
  }
}

FiredSet fromDecision(const Decision& d) {
  FiredSet f = 0;
  for (const Finding& finding : d.findings) f |= 1u << (std::atoi(finding.rule.c_str() + 7) - 1);
  return f;
}

bool agree(const char* what, size_t i, FiredSet want, FiredSet got, const Fixture& f) {
  if (want == got) return true;
  std::fprintf(stderr, "policy_bench: MISMATCH (%s) on record %zu: hand-written %#x, got %#x\n  %.*s\n", what, i,
               want, got, int(f.json.lines[i].second), f.json.line(i).data());
  return false;
}

// Every engine and path against the hand-written rules, on every record.
bool checkAgreement(Fixture& f) {
  simdjson::ondemand::parser parser;
  Session session(f.jit);
  EntryType entry = *f.jit->entry("Event");
  EvalOptions options;
  options.nowMicros = f.now;
  std::string error;
  size_t fired[10] = {};
  for (size_t i = 0; i < f.records.size(); ++i) {
    FiredSet want = decide(f.records[i]);
    for (int b = 0; b < 10; ++b) fired[b] += (want >> b) & 1;
    Record parsed{};
    if (!parseRecord(parser, f.json.line(i), f.json.capacityAfter(i), parsed))
      return agree("simdjson parse failed", i, want, ~0u, f);
    if (!agree("C++ + simdjson", i, want, decide(parsed), f)) return false;
    if (!agree("gai jit, bound", i, want, f.toFired(f.jitProbe->fired(f.boundJit[i], f.now)), f)) return false;
    if (!agree("gai interp, bound", i, want, f.toFired(f.interpProbe->fired(f.boundInterp[i], f.now)), f))
      return false;
    const void* v = f.jitProbe->bindScratch(f.json.line(i), error);
    if (!v || !agree("gai jit, JSON line", i, want, f.toFired(f.jitProbe->fired(v, f.now)), f)) return false;
    EvalResult r = session.evaluateJson(entry, f.json.line(i), options);
    if (!r.ok() || !agree("gai public API", i, want, fromDecision(r.decision), f)) return false;
  }
  std::fprintf(stderr, "policy_bench: %zu records, fired-rule sets agree (hand-written C++, C++ + simdjson, gai jit "
               "bound / JSON / public API, gai interp bound). Fired per rule:", f.records.size());
  for (int b = 0; b < 10; ++b) std::fprintf(stderr, " R%d=%zu", b + 1, fired[b]);
  std::fprintf(stderr, "\n");
  return true;
}

// Runs `body(i)` for kBatch consecutive records per iteration, cycling through the set.
template <typename Body>
void batches(benchmark::State& state, Body body) {
  size_t n = gFixture->records.size(), at = 0;
  uint64_t sink = 0;
  for (auto _ : state) {
    for (size_t k = 0; k < kBatch; ++k) {
      sink += body(at);
      if (++at == n) at = 0;
    }
    benchmark::DoNotOptimize(sink);
  }
  state.SetItemsProcessed(int64_t(state.iterations() * kBatch));
}

void BM_Bound_Cpp(benchmark::State& state) {
  const Record* records = gFixture->records.data();
  batches(state, [&](size_t i) { return decide(records[i]); });
}

void BM_Bound_GaiJit(benchmark::State& state) {
  Fixture& f = *gFixture;
  batches(state, [&](size_t i) { return f.jitProbe->fired(f.boundJit[i], f.now); });
}

void BM_Bound_GaiInterp(benchmark::State& state) {
  Fixture& f = *gFixture;
  batches(state, [&](size_t i) { return f.interpProbe->fired(f.boundInterp[i], f.now); });
}

void BM_Json_CppSimdjson(benchmark::State& state) {
  Fixture& f = *gFixture;
  simdjson::ondemand::parser parser;
  batches(state, [&](size_t i) {
    Record r;
    if (!parseRecord(parser, f.json.line(i), f.json.capacityAfter(i), r)) std::abort();
    return decide(r);
  });
}

void BM_Json_GaiJit(benchmark::State& state) {
  Fixture& f = *gFixture;
  std::string error;
  batches(state, [&](size_t i) { return f.jitProbe->fired(f.jitProbe->bindScratch(f.json.line(i), error), f.now); });
}

// The public API's fast path: JSON line in, the full decision JSON out.
void BM_Json_GaiJitPublicDecisionJson(benchmark::State& state) {
  Fixture& f = *gFixture;
  Session session(f.jit);
  EntryType entry = *f.jit->entry("Event");
  EvalOptions options;
  options.nowMicros = f.now;
  std::string out, error;
  batches(state, [&](size_t i) {
    out.clear();
    session.evaluateJsonTo(entry, f.json.line(i), options, out, error);
    return out.size();
  });
}

BENCHMARK(BM_Bound_Cpp);
BENCHMARK(BM_Bound_GaiJit);
BENCHMARK(BM_Bound_GaiInterp);
BENCHMARK(BM_Json_CppSimdjson);
BENCHMARK(BM_Json_GaiJit);
BENCHMARK(BM_Json_GaiJitPublicDecisionJson);

}  // namespace
}  // namespace gai::bench

int main(int argc, char** argv) {
  size_t count = 200000;
  bool smoke = false;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke = true;
      count = 2000;
    } else if (std::strcmp(argv[i], "--records") == 0 && i + 1 < argc) {
      count = std::strtoull(argv[++i], nullptr, 10);
    } else {
      rest.push_back(argv[i]);
    }
  }
  gai::bench::Fixture fixture;
  gai::bench::gFixture = &fixture;
  gai::bench::setUp(fixture, count);
  if (!gai::bench::checkAgreement(fixture)) return 1;
  if (smoke) return 0;
  int n = int(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
