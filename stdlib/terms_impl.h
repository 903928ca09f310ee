// The keyword-set matcher behind gai_terms (internal; the benchmark and tests use it directly).
// Measured against a hashed multi-length scan of our own, Hyperscan was 4-40x faster
// (docs/performance.md, "Keyword screening"), so it is the only automaton kept.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "stdlib/std.h"

struct hs_database;
struct hs_scratch;

namespace gai::stdlib {

// Distinct non-empty terms, in byte order.
std::vector<std::string> normalizeTerms(const gai_str* terms, int64_t count);

// Hyperscan literal database (FDR/Teddy), one SINGLEMATCH id per term. When the database
// cannot be built (ok() false) or a text exceeds 4 GiB, callers fall back to the list scan.
class HsTermMatcher {
 public:
  explicit HsTermMatcher(const std::vector<std::string>& terms);
  ~HsTermMatcher();
  HsTermMatcher(const HsTermMatcher&) = delete;
  HsTermMatcher& operator=(const HsTermMatcher&) = delete;
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  bool containsAny(const char* s, int64_t len) const;
  int64_t countTerms(const char* s, int64_t len) const;
  int64_t size() const { return size_; }

 private:
  hs_scratch* acquire() const;
  void release(hs_scratch* scratch) const;

  hs_database* db_ = nullptr;
  hs_scratch* proto_ = nullptr;
  mutable std::mutex mutex_;
  mutable std::vector<hs_scratch*> pool_;
  int64_t size_ = 0;
  bool ok_ = true;
  std::string error_;
};

}  // namespace gai::stdlib
