// gai_difftest --seed S --programs N --inputs M [--seconds T] [--keep-failures DIR]
// See tests/difftest/README.md.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "difftest.h"

namespace {

void usage() {
  std::cerr << "usage: gai_difftest [--seed S] [--programs N] [--inputs M] [--nows K] [--seconds T]\n"
               "                    [--rules R] [--depth D] [--exceptions X]\n"
               "                    [--keep-failures DIR] [--replay PROGRAM_SEED] [--no-shrink] [--counts] [--coverage] [--no-verdicts] [-v]\n"
               "       gai_difftest --repro DIR   (a kept reproducer: both engines must print expected.txt)\n"
               "  N = 0 runs until --seconds T have passed. Exit 1 on a JIT/interpreter mismatch or\n"
               "  a generated program the checker rejects.\n";
}

bool parseArgs(int argc, char** argv, gai::difftest::Config& c, bool& counts) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char*& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    const char* v = nullptr;
    if (a == "--no-shrink") c.shrink = false;
    else if (a == "-v" || a == "--verbose") c.verbose = true;
    else if (a == "--counts") counts = true;
    else if (a == "--coverage") c.coverage = true;
    else if (a == "--no-verdicts") c.verdicts = false;
    else if (a == "--help" || a == "-h") return false;
    else if (!value(v)) return false;
    else if (a == "--seed") c.seed = std::strtoull(v, nullptr, 10);
    else if (a == "--programs") c.programs = std::strtoll(v, nullptr, 10);
    else if (a == "--inputs") c.inputs = std::atoi(v);
    else if (a == "--nows") c.nows = std::atoi(v);
    else if (a == "--seconds") c.seconds = std::atof(v);
    else if (a == "--keep-failures") c.keepDir = v;
    else if (a == "--replay") c.replay = std::strtoull(v, nullptr, 10);
    else if (a == "--rules") {  // R or MIN-MAX
      c.gen.minRules = std::max(1, std::atoi(v));
      const char* dash = std::strchr(v, '-');
      c.gen.maxRules = std::max(c.gen.minRules, dash ? std::atoi(dash + 1) : c.gen.minRules);
    }
    else if (a == "--depth") c.gen.maxDepth = std::max(1, std::atoi(v));
    else if (a == "--exceptions") c.gen.maxExceptions = std::max(0, std::atoi(v));
    else return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--repro") == 0) return gai::difftest::runRepro(argv[2]);
  gai::difftest::Config config;
  bool counts = false;
  if (!parseArgs(argc, argv, config, counts)) {
    usage();
    return 2;
  }
  if (config.seconds > 0 && config.programs == 100) config.programs = 0;
  gai::difftest::Stats st;
  int rc = gai::difftest::run(config, st);
  double perSec = st.totalSeconds > 0 ? st.programs / st.totalSeconds : 0;
  std::printf("difftest seed %llu: %lld programs (%lld rules), %lld evaluations (%lld input errors) in %.1f s = %.1f programs/s\n",
              static_cast<unsigned long long>(config.seed), static_cast<long long>(st.programs),
              static_cast<long long>(st.rules), static_cast<long long>(st.evaluations),
              static_cast<long long>(st.inputErrors), st.totalSeconds, perSec);
  std::printf("  time: generate %.2f s, interp compile %.2f s, jit compile %.2f s, evaluate %.2f s\n", st.genSeconds,
              st.interpCompileSeconds, st.jitCompileSeconds, st.evalSeconds);
  double decided = static_cast<double>(st.evaluations - st.inputErrors);
  if (decided > 0)
    std::printf("  decisions: %.0f %% with findings, %.0f %% with errors, %.0f %% with excepted rules\n",
                100.0 * (static_cast<double>(st.withFindings - st.inputErrors)) / decided,
                100.0 * (static_cast<double>(st.withErrors - st.inputErrors)) / decided,
                100.0 * (static_cast<double>(st.withExcepted - st.inputErrors)) / decided);
  double rate = st.programs ? 100.0 * static_cast<double>(st.rejected) / static_cast<double>(st.programs) : 0;
  std::printf("  checker rejected %lld (%.2f %%), JIT rejected %lld, mismatches %lld\n",
              static_cast<long long>(st.rejected), rate, static_cast<long long>(st.jitRejected),
              static_cast<long long>(st.mismatches));
  if (config.coverage) {
    const gai::difftest::NativeCoverage& n = st.native;
    std::printf("  JIT native: %lld/%lld rules, %lld/%lld exceptions; not lowered (first op):\n",
                static_cast<long long>(n.nativeRules), static_cast<long long>(n.totalRules),
                static_cast<long long>(n.nativeExceptions), static_cast<long long>(n.totalExceptions));
    for (const auto& [reason, k] : n.reasons) std::printf("    %-40s %lld\n", reason.c_str(), static_cast<long long>(k));
  }
  if (counts)
    for (size_t i = 0; i < gai::progen::kNumConstructs; ++i)
      std::printf("  %-22s %u\n", gai::progen::constructName(static_cast<gai::progen::Construct>(i)), st.counts[i]);
  return rc;
}
