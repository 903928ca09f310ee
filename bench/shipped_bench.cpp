// Items 2, 4 and 6 of issue 6, on the shipped policy library (policies/):
//   2. realistic GenerationEvents (events.h), the LLVM JIT against the interpreter: on bound
//      input (Session::bind once, then Session::verdict) and JSON line -> decision JSON;
//   4. `--compile-once DIR`: in this process, the front end (parse + check + lower) and the
//      JIT's share of a compile with object cache DIR (cold when DIR is empty), CPU ms, JSON;
//   6. `--host-memory none|interp|jit`: peak RSS of a host process holding the compiled
//      library (after one decision), as JSON on stdout; `none` is the same process holding
//      nothing (the baseline).
// Before measuring, the JIT's and the interpreter's decision JSON are compared on every
// generated event; a difference aborts with exit code 1.
//
//   shipped_bench [--events N] [--smoke] [--policies DIR] [Google Benchmark flags]
//   (--policies: another copy of the library, e.g. to compare two encodings of a rule)
//   shipped_bench --write-events N FILE     (the input of the `gaic eval` benchmark)
//   shipped_bench --compile-once CACHE_DIR
#include <benchmark/benchmark.h>

#include <time.h>
#include <unistd.h>


#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "events.h"
#include "gai/gai.hpp"

namespace gai::bench {
namespace {

const char* const kNow = "2025-10-15T12:00:00+08:00";

// CompileOptions::cacheDir, when this version of gai has an object cache.
template <typename O>
auto setCacheDir(O& options, const std::string& dir, int) -> decltype(options.cacheDir = dir, bool()) {
  options.cacheDir = dir;
  return true;
}
template <typename O>
bool setCacheDir(O&, const std::string&, long) {
  return false;
}

std::string gPolicies = GAI_BENCH_POLICIES;

// Policy::waitOptimized, when this version of gai tiers its JIT (else the code is optimised).
template <typename P>
auto waitOptimized(const P& policy, int) -> decltype(policy.waitOptimized()) {
  return policy.waitOptimized();
}
template <typename P>
bool waitOptimized(const P&, long) {
  return true;
}

// With `optimized`, returns once the JIT's optimised tier is live: decision speed is
// measured on it, never on the unoptimised tier 0.
std::shared_ptr<const Policy> compileLibrary(Engine engine, const std::string& cacheDir = {}, bool optimized = true) {
  CompileOptions options;
  options.engine = engine;
  if (!cacheDir.empty()) setCacheDir(options, cacheDir, 0);
  CompileResult result = compile({gPolicies}, options);
  if (!result.ok()) {
    std::fprintf(stderr, "shipped_bench: cannot compile %s:\n%s", gPolicies.c_str(), result.diagnosticsText.c_str());
    std::exit(1);
  }
  if (optimized && !waitOptimized(*result.policy, 0)) {
    std::fprintf(stderr, "shipped_bench: the JIT's optimised tier did not go live\n");
    std::exit(1);
  }
  return result.policy;
}

struct Fixture {
  std::vector<std::string> events;
  std::shared_ptr<const Policy> jit, interp;
  std::unique_ptr<Session> jitSession, interpSession;
  std::vector<BoundInput> boundJit, boundInterp;
  BoundBatch batchJit, batchInterp;  // the same events bound side by side (bindBatch)
  EvalOptions options;
};

Fixture* gFixture = nullptr;

std::vector<BoundInput> bindAll(Session& session, const std::vector<std::string>& events) {
  EntryType entry = *session.policy()->entry("GenerationEvent");
  std::vector<BoundInput> bound;
  for (size_t i = 0; i < events.size(); ++i) {
    bound.push_back(session.bind(entry, events[i]));
    if (!bound.back().ok()) {
      std::fprintf(stderr, "shipped_bench: event %zu: %s\n", i, bound.back().error().c_str());
      std::exit(1);
    }
  }
  return bound;
}

BoundBatch bindAllSideBySide(Session& session, const std::vector<std::string>& events) {
  EntryType entry = *session.policy()->entry("GenerationEvent");
  std::vector<std::string_view> views(events.begin(), events.end());
  BoundBatch batch = session.bindBatch(entry, views.data(), views.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!batch.error(i).empty()) {
      std::fprintf(stderr, "shipped_bench: event %zu: %s\n", i, batch.error(i).c_str());
      std::exit(1);
    }
  }
  return batch;
}

void setUp(Fixture& f, size_t count) {
  f.events = generateEvents(count);
  f.options.nowMicros = *parseTimestamp(kNow);
  f.jit = compileLibrary(Engine::Jit);
  f.interp = compileLibrary(Engine::Interp);
  f.jitSession = std::make_unique<Session>(f.jit);
  f.interpSession = std::make_unique<Session>(f.interp);
  f.boundJit = bindAll(*f.jitSession, f.events);
  f.boundInterp = bindAll(*f.interpSession, f.events);
  f.batchJit = bindAllSideBySide(*f.jitSession, f.events);
  f.batchInterp = bindAllSideBySide(*f.interpSession, f.events);
}

// The JIT and the interpreter give byte-identical decisions on every event.
bool checkAgreement(Fixture& f) {
  Session jit(f.jit), interp(f.interp);
  EntryType entry = *f.jit->entry("GenerationEvent");
  std::string a, b, error;
  size_t deny = 0, findings = 0;
  for (size_t i = 0; i < f.events.size(); ++i) {
    a.clear();
    b.clear();
    if (!jit.evaluateJsonTo(entry, f.events[i], f.options, a, error) ||
        !interp.evaluateJsonTo(entry, f.events[i], f.options, b, error)) {
      std::fprintf(stderr, "shipped_bench: event %zu: input error %s\n%s\n", i, error.c_str(), f.events[i].c_str());
      return false;
    }
    if (a != b) {
      std::fprintf(stderr, "shipped_bench: MISMATCH on event %zu\n  event:  %s\n  jit:    %s\n  interp: %s\n", i,
                   f.events[i].c_str(), a.c_str(), b.c_str());
      return false;
    }
    deny += a.compare(0, 16, "{\"effect\":\"deny\"") == 0;
    Verdict vj, vi;
    f.jitSession->verdict(f.boundJit[i], f.options, vj);
    f.interpSession->verdict(f.boundInterp[i], f.options, vi);
    Verdict bj, bi;
    f.jitSession->verdict(f.batchJit, i, f.options, bj);
    f.interpSession->verdict(f.batchInterp, i, f.options, bi);
    if (!vj.ok() || vj.fired != vi.fired || vj.effect != vi.effect || !bj.ok() || bj.fired != vj.fired ||
        bj.effect != vj.effect || bi.fired != vj.fired || bi.effect != vj.effect) {
      std::fprintf(stderr, "shipped_bench: verdicts differ on event %zu\n", i);
      return false;
    }
    findings += vj.fired.size();
  }
  std::fprintf(stderr, "shipped_bench: %zu events, JIT and interpreter decisions identical; %zu denied, %.2f "
               "findings per event\n", f.events.size(), deny, double(findings) / double(f.events.size()));
  return true;
}

template <typename Body>
void perEvent(benchmark::State& state, Body body) {
  size_t n = gFixture->events.size(), at = 0;
  uint64_t sink = 0;
  for (auto _ : state) {
    sink += body(at);
    if (++at == n) at = 0;
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(int64_t(state.iterations()));
}

void verdicts(benchmark::State& state, Session& session, const std::vector<BoundInput>& bound) {
  Verdict v;
  perEvent(state, [&](size_t i) {
    session.verdict(bound[i], gFixture->options, v);
    return v.fired.size();
  });
}

void batchVerdicts(benchmark::State& state, Session& session, const BoundBatch& batch) {
  Verdict v;
  perEvent(state, [&](size_t i) {
    session.verdict(batch, i, gFixture->options, v);
    return v.fired.size();
  });
}

void BM_Shipped_Bound_Jit(benchmark::State& state) { verdicts(state, *gFixture->jitSession, gFixture->boundJit); }
void BM_Shipped_BoundBatch_Jit(benchmark::State& state) {
  batchVerdicts(state, *gFixture->jitSession, gFixture->batchJit);
}
void BM_Shipped_BoundBatch_Interp(benchmark::State& state) {
  batchVerdicts(state, *gFixture->interpSession, gFixture->batchInterp);
}
void BM_Shipped_Bound_Interp(benchmark::State& state) {
  verdicts(state, *gFixture->interpSession, gFixture->boundInterp);
}

void jsonToDecision(benchmark::State& state, const std::shared_ptr<const Policy>& policy) {
  Fixture& f = *gFixture;
  Session session(policy);
  EntryType entry = *policy->entry("GenerationEvent");
  std::string out, error;
  size_t bytes = 0;
  perEvent(state, [&](size_t i) {
    out.clear();
    bytes += f.events[i].size();
    session.evaluateJsonTo(entry, f.events[i], f.options, out, error);
    return out.size();
  });
  state.SetBytesProcessed(int64_t(bytes));
}

void BM_Shipped_Json_Jit(benchmark::State& state) { jsonToDecision(state, gFixture->jit); }
void BM_Shipped_Json_Interp(benchmark::State& state) { jsonToDecision(state, gFixture->interp); }

std::string freshDir(const char* tag) {
  std::string dir = std::filesystem::temp_directory_path().string() + "/gai-bench-" + tag + "-" +
                    std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// In this (fresh) process: the front end twice (the first warms caches and the allocator),
// then one JIT compile with object cache `cacheDir`, then the wait for its optimised tier
// (compiled in the background after a cold compile; a cache hit is optimised at once).
// The JIT keeps compiled objects in memory too, so cold and cached are only measurable in
// separate processes (bench/run runs them). Prints milliseconds: the front end (CPU, and
// the wall time of that compile()); the JIT compile minus the front end, to usable native
// code (CPU), and its whole compile() (wall); and the JIT's CPU minus the front end and the
// wall time from compile() through the optimised tier going live (tier 0 + tier 1).
int compileOnce(const std::string& cacheDir) {
  auto clockMs = [](clockid_t clock) {
    timespec ts;
    clock_gettime(clock, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
  };
  auto cpuMs = [&] { return clockMs(CLOCK_PROCESS_CPUTIME_ID); };
  auto wallMs = [&] { return clockMs(CLOCK_MONOTONIC); };
  compileLibrary(Engine::Interp);
  double t0 = cpuMs(), w0 = wallMs();
  compileLibrary(Engine::Interp);
  double t1 = cpuMs(), w1 = wallMs();
  std::shared_ptr<const Policy> policy = compileLibrary(Engine::Jit, cacheDir, false);
  double t2 = cpuMs(), w2 = wallMs();
  bool optimized = waitOptimized(*policy, 0);
  double t3 = cpuMs(), w3 = wallMs();
  double front = t1 - t0;
  std::printf("{\"front_ms\":%.2f,\"front_wall_ms\":%.2f,\"jit_ms\":%.2f,\"jit_compile_wall_ms\":%.2f,"
              "\"optimized_ms\":%.2f,\"optimized_wall_ms\":%.2f,\"optimized\":%s}\n",
              front, w1 - w0, (t2 - t1) - front, w2 - w1, (t3 - t1) - front, w3 - w1, optimized ? "true" : "false");
  return policy && optimized ? 0 : 1;
}

BENCHMARK(BM_Shipped_Bound_Jit);
BENCHMARK(BM_Shipped_Bound_Interp);
BENCHMARK(BM_Shipped_BoundBatch_Jit);
BENCHMARK(BM_Shipped_BoundBatch_Interp);
BENCHMARK(BM_Shipped_Json_Jit);
BENCHMARK(BM_Shipped_Json_Interp);

long statusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t n = std::strlen(key);
  while (std::getline(in, line))
    if (line.compare(0, n, key) == 0) return std::atol(line.c_str() + n + 1);
  return -1;
}

int hostMemory(const std::string& mode) {
  std::shared_ptr<const Policy> policy;
  std::string decision;
  if (mode != "none") {
    policy = compileLibrary(mode == "jit" ? Engine::Jit : Engine::Interp, freshDir("mem"));
    Session session(policy);
    EvalOptions options;
    options.nowMicros = *parseTimestamp(kNow);
    std::string error;
    session.evaluateJsonTo(*policy->entry("GenerationEvent"), generateEvents(1)[0], options, decision, error);
  }
  std::printf("{\"mode\":\"%s\",\"peak_rss_kb\":%ld,\"rss_kb\":%ld,\"decision_bytes\":%zu}\n", mode.c_str(),
              statusKb("VmHWM:"), statusKb("VmRSS:"), decision.size());
  return 0;
}

int writeEvents(size_t count, const char* path) {
  std::FILE* out = std::fopen(path, "wb");
  if (!out) return 1;
  EventGenerator gen;
  for (size_t i = 0; i < count; ++i) {
    std::string line = gen.next();
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out);
  }
  return std::fclose(out) == 0 ? 0 : 1;
}

}  // namespace
}  // namespace gai::bench

int main(int argc, char** argv) {
  size_t count = 20000;
  bool smoke = false;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--smoke") {
      smoke = true;
      count = 300;
    } else if (arg == "--policies" && i + 1 < argc) {
      gai::bench::gPolicies = argv[++i];
    } else if (arg == "--events" && i + 1 < argc) {
      count = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--host-memory" && i + 1 < argc) {
      return gai::bench::hostMemory(argv[i + 1]);
    } else if (arg == "--compile-once" && i + 1 < argc) {
      return gai::bench::compileOnce(argv[i + 1]);
    } else if (arg == "--write-events" && i + 2 < argc) {
      return gai::bench::writeEvents(std::strtoull(argv[i + 1], nullptr, 10), argv[i + 2]);
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
