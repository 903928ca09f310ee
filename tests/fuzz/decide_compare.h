// Shared by the decision fuzz targets: one program and its input lines through both engines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gai::fuzz {

constexpr size_t kMaxLines = 16;

struct Case {
  std::string source;              // one .gai file
  std::vector<std::string> lines;  // JSON values, one per evaluation
  // The entry type (record name) of each line; a missing or empty name: every entry type.
  std::vector<std::string> entries;
  int64_t nowMicros = 1759291200000000;  // 2025-10-01T12:00:00+08:00
};

// Compiles `c.source` with both engines and evaluates every line against every entry type
// under both; aborts (printing the case and both results) on any difference. Returns false
// when the program does not compile (nothing was compared).
bool decideBoth(const Case& c);

// Prints `what`, the program and its input, then aborts.
[[noreturn]] void fail(const Case& c, const std::string& what);

}  // namespace gai::fuzz
