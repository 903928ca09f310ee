// The keyword-set matcher behind gai_terms (internal; the benchmark and tests use it directly).
// Measured against a hashed multi-length scan of our own, Hyperscan was 4-40x faster
// (docs/performance.md, "Keyword screening"), so it is the only automaton kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stdlib/std.h"

struct hs_database;
struct hs_scratch;

namespace gai::stdlib {

// Distinct non-empty terms, in byte order.
std::vector<std::string> normalizeTerms(const gai_str* terms, int64_t count);

// What a scan found. Sentinel: a sentinel literal occurs (before any term, for containsAny);
// Failed: no scan was possible (no database, no scratch, a text over 4 GiB).
enum class ScanResult : uint8_t { No, Yes, Sentinel, Failed };

// Hyperscan literal database (FDR/Teddy), one SINGLEMATCH id per term. With `caseless`, ASCII
// letters of the terms match either case (other bytes match exactly). `sentinels` are extra
// exact literals whose occurrence stops the scan with ScanResult::Sentinel. When the
// database cannot be built (ok() false) or a text exceeds 4 GiB, callers fall back to the
// list scan. Scratch space is cached per thread (no lock on the scan path).
class HsTermMatcher {
 public:
  explicit HsTermMatcher(const std::vector<std::string>& terms, bool caseless = false,
                         const std::vector<std::string>& sentinels = {});
  ~HsTermMatcher();
  HsTermMatcher(const HsTermMatcher&) = delete;
  HsTermMatcher& operator=(const HsTermMatcher&) = delete;
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  bool containsAny(const char* s, int64_t len) const { return scanAny(s, len) == ScanResult::Yes; }
  int64_t countTerms(const char* s, int64_t len) const;
  // Yes / No / Sentinel / Failed.
  ScanResult scanAny(const char* s, int64_t len) const;
  // The number of distinct terms found; -1 on a sentinel, -2 when the scan failed.
  int64_t scanCount(const char* s, int64_t len) const;
  int64_t size() const { return size_; }

 private:
  hs_scratch* scratch() const;

  hs_database* db_ = nullptr;
  uint64_t serial_ = 0;  // identifies the database in the per-thread scratch cache
  int64_t size_ = 0;
  bool ok_ = true;
  std::string error_;
};

}  // namespace gai::stdlib
