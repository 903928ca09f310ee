// Item 1 of issue 6: the 10-rule policy of bench-policy.md written in .gai
// (bench/policy/bench.gai) against the same rules hand-written in C++ (records.h), in one
// binary: decisions/s on bound input, and JSON line -> decision (hand-written: simdjson
// On-Demand + the rules). gai is measured through its public fast path: Session::bind once
// into BoundInputs, then Session::verdict (effect + fired rules, no rendering) one at a time
// or Session::verdicts in batches; and the same records bound side by side by
// Session::bindBatch (one BoundBatch), decided one at a time or in ranges. The timed gai
// rows read the fired rules as Verdict::firedSet (EvalOptions::firedList = false), as the
// hand-written rules return a mask; the *FiredList rows fill Verdict::fired too. Before
// measuring, every engine's fired-rule set is compared with the hand-written one on every
// record; a mismatch aborts with exit code 1.
//
//   policy_bench [--records N] [--smoke] [Google Benchmark flags]
//   --smoke: 2,000 records, the agreement check only (what ctest runs).
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gai/gai.hpp"
#include "records.h"

namespace gai::bench {
namespace {

constexpr size_t kBatch = 1024;

struct Fixture {
  std::vector<Record> records;
  JsonLines json;
  std::shared_ptr<const Policy> jit, interp;
  std::unique_ptr<Session> jitSession, interpSession;
  std::optional<EntryType> jitEntry, interpEntry;
  std::vector<BoundInput> boundJit, boundInterp;
  BoundBatch batchJit;  // the same records side by side (Session::bindBatch)
  std::vector<int> bitOf;  // Policy::ruleNames() index -> R bit
  EvalOptions options;     // Verdict::fired filled (the default)
  EvalOptions setOptions;  // Verdict::firedSet only

  // The fired rules as R bits, from Verdict::fired or (list false) Verdict::firedSet; a
  // verdict whose firedSet is not what its list says is a mismatch.
  FiredSet toFired(const Verdict& v, bool list = true) const {
    if (!v.ok() || !v.firedSet.valid()) return ~0u;
    FiredSet f = 0, g = 0;
    for (uint32_t i : v.firedSet) g |= 1u << bitOf[i];
    if (!list) return v.fired.empty() ? g : ~0u;
    for (uint32_t i : v.fired) f |= 1u << bitOf[i];
    return f == g ? f : ~0u;
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
  // Decision speed is measured on the JIT's optimised code, never on its first tier.
  if (!result.policy->waitOptimized()) {
    std::fprintf(stderr, "policy_bench: the JIT's optimised code did not go live\n");
    std::exit(1);
  }
  return result.policy;
}

std::vector<BoundInput> bindAll(Session& session, const EntryType& entry, const JsonLines& json) {
  std::vector<BoundInput> bound;
  bound.reserve(json.lines.size());
  for (size_t i = 0; i < json.lines.size(); ++i) {
    bound.push_back(session.bind(entry, json.line(i)));
    if (!bound.back().ok()) {
      std::fprintf(stderr, "policy_bench: line %zu: %s\n", i + 1, bound.back().error().c_str());
      std::exit(1);
    }
  }
  return bound;
}

void setUp(Fixture& f, size_t count) {
  f.records = generateRecords(count);
  f.json = toJsonLines(f.records);
  f.options.nowMicros = *parseTimestamp("2025-10-01T12:00:00+08:00");
  f.setOptions = f.options;
  f.setOptions.firedList = false;
  f.jit = compilePolicy(Engine::Jit);
  f.interp = compilePolicy(Engine::Interp);
  f.jitSession = std::make_unique<Session>(f.jit);
  f.interpSession = std::make_unique<Session>(f.interp);
  f.jitEntry = f.jit->entry("Event");
  f.interpEntry = f.interp->entry("Event");
  f.boundJit = bindAll(*f.jitSession, *f.jitEntry, f.json);
  f.boundInterp = bindAll(*f.interpSession, *f.interpEntry, f.json);
  std::vector<std::string_view> lines(f.json.lines.size());
  for (size_t i = 0; i < lines.size(); ++i) lines[i] = f.json.line(i);
  f.batchJit = f.jitSession->bindBatch(*f.jitEntry, lines.data(), lines.size());
  if (f.batchJit.errorCount() != 0) {
    std::fprintf(stderr, "policy_bench: bindBatch: %s\n", f.batchJit.error(0).c_str());
    std::exit(1);
  }
  for (const std::string& name : f.jit->ruleNames()) {
    if (name.rfind("bench.r", 0) != 0) {
      std::fprintf(stderr, "policy_bench: unexpected rule %s\n", name.c_str());
      std::exit(1);
    }
    f.bitOf.push_back(std::atoi(name.c_str() + 7) - 1);
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

// The verdicts of every record through the batch paths, with `options`.
struct BatchVerdicts {
  std::vector<Verdict> inputs, records;  // Session::verdicts of BoundInputs, of the BoundBatch
};

BatchVerdicts batchVerdicts(Fixture& f, const EvalOptions& options) {
  BatchVerdicts b{std::vector<Verdict>(f.records.size()), std::vector<Verdict>(f.records.size())};
  f.jitSession->verdicts(f.boundJit.data(), f.boundJit.size(), options, b.inputs.data());
  f.jitSession->verdicts(f.batchJit, 0, f.records.size(), options, b.records.data());
  return b;
}

// Record i through every bound path with `options` (list: Verdict::fired read too).
bool agreeBound(Fixture& f, size_t i, FiredSet want, const EvalOptions& options, const BatchVerdicts& b, bool list) {
  Verdict v;
  f.jitSession->verdict(f.boundJit[i], options, v);
  if (!agree("gai jit, bound, verdict", i, want, f.toFired(v, list), f)) return false;
  if (!agree("gai jit, bound, batch", i, want, f.toFired(b.inputs[i], list), f)) return false;
  if (!agree("gai jit, bound batch, verdicts", i, want, f.toFired(b.records[i], list), f)) return false;
  f.jitSession->verdict(f.batchJit, i, options, v);
  if (!agree("gai jit, bound batch, verdict", i, want, f.toFired(v, list), f)) return false;
  f.interpSession->verdict(f.boundInterp[i], options, v);
  return agree("gai interp, bound, verdict", i, want, f.toFired(v, list), f);
}

// Every engine and path against the hand-written rules, on every record.
bool checkAgreement(Fixture& f) {
  simdjson::ondemand::parser parser;
  Verdict v;
  BatchVerdicts lists = batchVerdicts(f, f.options), sets = batchVerdicts(f, f.setOptions);
  size_t fired[10] = {};
  for (size_t i = 0; i < f.records.size(); ++i) {
    FiredSet want = decide(f.records[i]);
    for (int b = 0; b < 10; ++b) fired[b] += (want >> b) & 1;
    Record parsed{};
    if (!parseRecord(parser, f.json.line(i), f.json.capacityAfter(i), parsed))
      return agree("simdjson parse failed", i, want, ~0u, f);
    if (!agree("C++ + simdjson", i, want, decide(parsed), f)) return false;
    if (!agreeBound(f, i, want, f.options, lists, true) || !agreeBound(f, i, want, f.setOptions, sets, false))
      return false;
    BoundInput fresh = f.jitSession->bind(*f.jitEntry, f.json.line(i));
    f.jitSession->verdict(fresh, f.setOptions, v);
    if (!agree("gai jit, JSON line, verdict", i, want, f.toFired(v, false), f)) return false;
    f.jitSession->verdictJson(*f.jitEntry, PaddedJson{f.json.line(i), f.json.capacityAfter(i)}, f.setOptions, v);
    if (!agree("gai jit, JSON line, verdictJson", i, want, f.toFired(v, false), f)) return false;
    f.interpSession->verdictJson(*f.interpEntry, f.json.line(i), f.options, v);
    if (!agree("gai interp, JSON line, verdictJson", i, want, f.toFired(v), f)) return false;
    EvalResult r = f.jitSession->evaluateJson(*f.jitEntry, f.json.line(i), f.options);
    if (!r.ok() || !agree("gai jit, decision", i, want, fromDecision(r.decision), f)) return false;
  }
  std::fprintf(stderr, "policy_bench: %zu records, fired-rule sets agree (hand-written C++, C++ + simdjson; gai jit "
               "verdict / batch / bound batch (fired list and fired set) / JSON / decision, gai interp verdict). "
               "Fired per rule:", f.records.size());
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

// Session::verdict of one BoundInput; the fired rules as Verdict::firedSet.
void BM_Bound_GaiJit(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    f.jitSession->verdict(f.boundJit[i], f.setOptions, v);
    return v.firedSet.bits();
  });
}

// The same filling Verdict::fired (EvalOptions::firedList, the default).
void BM_Bound_GaiJitFiredList(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    f.jitSession->verdict(f.boundJit[i], f.options, v);
    return v.fired.size();
  });
}

uint64_t sumBits(const std::vector<Verdict>& out) {
  uint64_t sum = 0;
  for (const Verdict& v : out) sum += v.firedSet.bits();
  return sum;
}

// Session::verdicts over kBatch bound inputs per call.
void BM_Bound_GaiJitBatch(benchmark::State& state) {
  Fixture& f = *gFixture;
  std::vector<Verdict> out(kBatch);
  size_t n = f.boundJit.size() / kBatch * kBatch, at = 0;
  for (auto _ : state) {
    f.jitSession->verdicts(f.boundJit.data() + at, kBatch, f.setOptions, out.data());
    benchmark::DoNotOptimize(sumBits(out));
    at += kBatch;
    if (at >= n) at = 0;
  }
  state.SetItemsProcessed(int64_t(state.iterations() * kBatch));
}

// The records bound side by side (Session::bindBatch), Session::verdict one at a time.
void BM_Bound_GaiJitBoundBatch(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    f.jitSession->verdict(f.batchJit, i, f.setOptions, v);
    return v.firedSet.bits();
  });
}

// The same with Session::verdicts over kBatch records per call (`options`).
void boundBatchVerdicts(benchmark::State& state, const EvalOptions& options) {
  Fixture& f = *gFixture;
  std::vector<Verdict> out(kBatch);
  size_t n = f.records.size() / kBatch * kBatch, at = 0;
  for (auto _ : state) {
    f.jitSession->verdicts(f.batchJit, at, kBatch, options, out.data());
    benchmark::DoNotOptimize(sumBits(out));
    at += kBatch;
    if (at >= n) at = 0;
  }
  state.SetItemsProcessed(int64_t(state.iterations() * kBatch));
}

void BM_Bound_GaiJitBoundBatchVerdicts(benchmark::State& state) { boundBatchVerdicts(state, gFixture->setOptions); }
void BM_Bound_GaiJitBoundBatchVerdictsFiredList(benchmark::State& state) {
  boundBatchVerdicts(state, gFixture->options);
}

void BM_Bound_GaiInterp(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    f.interpSession->verdict(f.boundInterp[i], f.setOptions, v);
    return v.firedSet.bits();
  });
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

// Session::verdictJson of the line read in place (PaddedJson: the bytes to the end of the
// padded buffer, as the C++ + simdjson row), bound and decided in one call.
void BM_Json_GaiJit(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    f.jitSession->verdictJson(*f.jitEntry, PaddedJson{f.json.line(i), f.json.capacityAfter(i)}, f.setOptions, v);
    return v.firedSet.bits();
  });
}

// Session::bind of the line (copied, into a BoundInput of its own), then Session::verdict.
void BM_Json_GaiJitBindVerdict(benchmark::State& state) {
  Fixture& f = *gFixture;
  Verdict v;
  batches(state, [&](size_t i) {
    BoundInput input = f.jitSession->bind(*f.jitEntry, f.json.line(i));
    f.jitSession->verdict(input, f.setOptions, v);
    return v.firedSet.bits();
  });
}

// The full decision: JSON line in, the decision JSON (messages rendered) out.
void BM_Json_GaiJitPublicDecisionJson(benchmark::State& state) {
  Fixture& f = *gFixture;
  std::string out, error;
  batches(state, [&](size_t i) {
    out.clear();
    f.jitSession->evaluateJsonTo(*f.jitEntry, f.json.line(i), f.options, out, error);
    return out.size();
  });
}

BENCHMARK(BM_Bound_Cpp);
BENCHMARK(BM_Bound_GaiJit);
BENCHMARK(BM_Bound_GaiJitFiredList);
BENCHMARK(BM_Bound_GaiJitBatch);
BENCHMARK(BM_Bound_GaiJitBoundBatch);
BENCHMARK(BM_Bound_GaiJitBoundBatchVerdicts);
BENCHMARK(BM_Bound_GaiJitBoundBatchVerdictsFiredList);
BENCHMARK(BM_Bound_GaiInterp);
BENCHMARK(BM_Json_CppSimdjson);
BENCHMARK(BM_Json_GaiJit);
BENCHMARK(BM_Json_GaiJitBindVerdict);
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
