// Keyword screening: text.contains_any / text.count_terms over a 10,000-term library
// (mixed Chinese and ASCII, fixed seed) and 2 KB texts: the Hyperscan matcher behind gai_terms
// against the unprepared list scan (the path for sets known only at run time), and for sets
// of up to SmallTermMatcher::kMaxLiterals terms (20 and 64 terms over 2 KB, 16 over 256-byte
// texts like the shipped prompts) the Teddy-style small-set matcher against Hyperscan. After
// the runs, prints the throughput ratios per case. An own hashed multi-length scan was
// measured here too and removed; see docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "stdlib/terms_impl.h"
#include "stdlib/terms_small.h"

namespace {

using gai::stdlib::HsTermMatcher;
using gai::stdlib::ScanResult;
using gai::stdlib::SmallTermMatcher;

std::string utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 | (cp >> 6));
    s += char(0x80 | (cp & 0x3F));
  } else {
    s += char(0xE0 | (cp >> 12));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  }
  return s;
}

// Chinese characters are drawn from a pool of 3,000 (as common-character text is), so
// term prefixes occur in texts often and the matchers must verify many candidates.
struct Generator {
  std::mt19937 rng{20231115};
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  std::string hanzi() { return utf8(0x4E00 + uint32_t(pick(0, 2999))); }
  std::string word(int lo, int hi) {
    std::string w;
    for (int n = pick(lo, hi); n > 0; --n) w += char('a' + pick(0, 25));
    return w;
  }
  std::string term() {
    if (pick(0, 9) < 6) {
      std::string t;
      for (int n = pick(2, 4); n > 0; --n) t += hanzi();
      return t;
    }
    return pick(0, 4) == 0 ? word(3, 6) + " " + word(3, 6) : word(4, 10);
  }
  std::string filler() {
    int r = pick(0, 9);
    if (r < 6) return hanzi();
    if (r < 9) return word(2, 8) + " ";
    return pick(0, 1) ? "，" : "。";
  }
  std::string text(size_t bytes, const std::vector<std::string>& plant, int hits) {
    std::string t;
    std::vector<size_t> at;
    for (int i = 0; i < hits; ++i) at.push_back(size_t(pick(0, int(bytes) - 1)));
    while (t.size() < bytes) {
      for (size_t a : at)
        if (a >= t.size() && a < t.size() + 4) t += plant[size_t(pick(0, int(plant.size()) - 1))];
      t += filler();
    }
    return t;
  }
};

struct Library {
  std::vector<std::string> terms;
  std::vector<std::string> hitTexts, missTexts;
  std::vector<gai_str> views;
  std::unique_ptr<HsTermMatcher> hs;
  std::unique_ptr<SmallTermMatcher> small;  // when the set is small enough
};

bool naiveAny(const std::vector<std::string>& terms, const std::string& text) {
  for (const std::string& t : terms)
    if (text.find(t) != std::string::npos) return true;
  return false;
}

Library makeLibrary(size_t termCount, size_t textBytes) {
  Generator gen;
  Library lib;
  std::vector<gai_str> strs;
  for (size_t i = 0; i < termCount; ++i) lib.terms.push_back(gen.term());
  for (const std::string& t : lib.terms) strs.push_back({t.data(), int64_t(t.size())});
  lib.terms = gai::stdlib::normalizeTerms(strs.data(), int64_t(strs.size()));
  for (int i = 0; i < 64; ++i) lib.hitTexts.push_back(gen.text(textBytes, lib.terms, 3));
  while (lib.missTexts.size() < 64) {
    std::string t = gen.text(textBytes, lib.terms, 0);
    if (!naiveAny(lib.terms, t)) lib.missTexts.push_back(std::move(t));
  }
  for (const std::string& t : lib.terms) lib.views.push_back({t.data(), int64_t(t.size())});
  lib.hs = std::make_unique<HsTermMatcher>(lib.terms);
  if (SmallTermMatcher::usable(lib.terms.size()))
    lib.small = std::make_unique<SmallTermMatcher>(lib.terms, false, std::vector<std::string>{});
  return lib;
}

const Library& library(size_t termCount, size_t textBytes) {
  static std::map<std::pair<size_t, size_t>, Library> libs;
  auto key = std::make_pair(termCount, textBytes);
  auto it = libs.find(key);
  if (it == libs.end()) it = libs.emplace(key, makeLibrary(termCount, textBytes)).first;
  return it->second;
}

enum class Op { Any, Count };

// SmallTermMatcher answers through scanAny / scanCount (no sentinels here).
struct SmallMatcher {
  const SmallTermMatcher& m;
  bool containsAny(const char* s, int64_t len) const { return m.scanAny(s, len) == ScanResult::Yes; }
  int64_t countTerms(const char* s, int64_t len) const { return m.scanCount(s, len); }
};

// The unprepared path: one memmem per term.
struct ListMatcher {
  const std::vector<gai_str>& views;
  bool containsAny(const char* s, int64_t len) const {
    return gai_std_text_contains_any_list(s, len, views.data(), int64_t(views.size()));
  }
  int64_t countTerms(const char* s, int64_t len) const {
    return gai_std_text_count_terms_list(s, len, views.data(), int64_t(views.size()));
  }
};

template <typename Matcher>
void run(benchmark::State& state, const Matcher& m, const std::vector<std::string>& texts, Op op) {
  size_t i = 0, bytes = 0;
  int64_t found = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    found += op == Op::Any ? m.containsAny(t.data(), int64_t(t.size()))
                           : m.countTerms(t.data(), int64_t(t.size()));
    bytes += t.size();
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(int64_t(bytes));
}

void registerCase(const char* opName, Op op, size_t termCount, bool hits, size_t textBytes = 2048) {
  std::string base = std::string(opName) + "/terms:" + std::to_string(termCount) +
                     (textBytes != 2048 ? "/text:" + std::to_string(textBytes) : std::string()) +
                     (hits ? "/hits" : "/no_hits");
  benchmark::RegisterBenchmark((base + "/hyperscan").c_str(), [=](benchmark::State& s) {
    const Library& lib = library(termCount, textBytes);
    run(s, *lib.hs, hits ? lib.hitTexts : lib.missTexts, op);
  });
  if (termCount <= SmallTermMatcher::kMaxLiterals) {
    benchmark::RegisterBenchmark((base + "/small").c_str(), [=](benchmark::State& s) {
      const Library& lib = library(termCount, textBytes);
      if (!lib.small) return s.SkipWithError("no AVX2");
      run(s, SmallMatcher{*lib.small}, hits ? lib.hitTexts : lib.missTexts, op);
    });
  }
  benchmark::RegisterBenchmark((base + "/list").c_str(), [=](benchmark::State& s) {
    const Library& lib = library(termCount, textBytes);
    run(s, ListMatcher{lib.views}, hits ? lib.hitTexts : lib.missTexts, op);
  });
}

// Collects MB/s per case and prints hyperscan/list ratios at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (r.error_occurred || it == r.counters.end()) continue;
      std::string name = r.benchmark_name();
      size_t slash = name.rfind('/');
      rates_[name.substr(0, slash)][name.substr(slash + 1)] = double(it->second) / 1e6;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void printRatios() const {
    std::printf("\n%-44s %10s %10s %10s %8s %9s\n", "case", "hs MB/s", "small MB/s", "list MB/s", "hs/list",
                "small/hs");
    for (const auto& [name, impl] : rates_) {
      auto h = impl.find("hyperscan"), l = impl.find("list"), sm = impl.find("small");
      if (h == impl.end() || l == impl.end()) continue;
      double small = sm == impl.end() ? 0 : sm->second;
      std::printf("%-44s %10.0f %10.0f %10.0f %8.1f %9.2f\n", name.c_str(), h->second, small, l->second,
                  h->second / l->second, small / h->second);
    }
  }

 private:
  std::map<std::string, std::map<std::string, double>> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  for (size_t terms : {size_t(10000), size_t(64), size_t(20)}) {
    registerCase("contains_any", Op::Any, terms, true);
    registerCase("contains_any", Op::Any, terms, false);
    registerCase("count_terms", Op::Count, terms, true);
  }
  for (size_t terms : {size_t(16), size_t(8)}) {
    registerCase("contains_any", Op::Any, terms, true, 256);
    registerCase("contains_any", Op::Any, terms, false, 256);
    registerCase("count_terms", Op::Count, terms, true, 256);
  }
  registerCase("contains_any", Op::Any, 8, false);
  registerCase("count_terms", Op::Count, 8, true);
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.printRatios();
  benchmark::Shutdown();
  return 0;
}
