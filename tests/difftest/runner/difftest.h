// gai_difftest: random programs and inputs, decided by the interpreter and by the JIT,
// compared byte for byte (decision JSON, or input error text).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "progen.h"

namespace gai::difftest {

struct Config {
  uint64_t seed = 1;
  int64_t programs = 100;    // 0: unlimited (then --seconds bounds the run)
  double seconds = 0;        // 0: no time limit
  int inputs = 16;           // per program
  int nows = 3;              // instants per program (of those around its effective dates)
  uint64_t replay = 0;       // nonzero: run only the program with this program seed
  std::string keepDir;       // where mismatches and rejected programs are written
  bool shrink = true;
  bool coverage = false;
  bool verdicts = true;      // also compare Session::verdict (bound inputs) with the decision     // also report how many rules the JIT runs natively
  bool verbose = false;
  progen::Options gen;
};

struct NativeCoverage {
  int64_t nativeRules = 0, totalRules = 0, nativeExceptions = 0, totalExceptions = 0;
  std::map<std::string, int64_t> reasons;  // first op not lowered -> rules and exceptions
};

// Adds the JIT's native coverage of `source`; false when not available (no codegen).
bool nativeCoverage(const std::string& source, NativeCoverage& cov);

struct Stats {
  NativeCoverage native;
  int64_t programs = 0, rejected = 0, jitRejected = 0, mismatches = 0, evaluations = 0, inputErrors = 0;
  int64_t rules = 0;
  int64_t withFindings = 0, withErrors = 0, withExcepted = 0;  // decisions (interpreter's)
  double genSeconds = 0, interpCompileSeconds = 0, jitCompileSeconds = 0, evalSeconds = 0, totalSeconds = 0;
  progen::ConstructCounts counts{};
};

// Checks one reproducer directory (program.gai, input.jsonl, setting.txt, expected.txt):
// both engines must print expected.txt. Returns the exit code (0 pass, 1 fail).
int runRepro(const std::string& dir);

// Runs the configured programs; prints each mismatch or rejection to stderr and a summary
// to stdout. Returns the process exit code: 0 all agreed, 1 a mismatch or a rejection.
int run(const Config& config, Stats& stats);

}  // namespace gai::difftest
