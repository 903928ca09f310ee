// Keyword-set matchers behind gai_terms (internal; the benchmark and tests use it directly).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "stdlib/std.h"

struct hs_database;
struct hs_scratch;

namespace gai::stdlib {

// Distinct non-empty terms, in byte order.
std::vector<std::string> normalizeTerms(const gai_str* terms, int64_t count);

// Own matcher: a hashed multi-length scan. At every text position the first min(len, 4)
// bytes of a candidate term are looked up in a per-key-length bitmap (L1-resident); a hit
// is verified through an open-addressing table of the terms sharing that key.
class HashTermMatcher {
 public:
  explicit HashTermMatcher(const std::vector<std::string>& terms);
  bool containsAny(const char* s, int64_t len) const;
  int64_t countTerms(const char* s, int64_t len) const;
  int64_t size() const { return int64_t(lens_.size()); }

 private:
  struct Slot {
    uint32_t key, begin, end;
  };
  struct Group {
    uint32_t keyLen = 0, mask = 0, bitsLog = 0, slotMask = 0;
    std::vector<uint64_t> bits;
    std::vector<Slot> slots;
    std::vector<uint32_t> candidates;  // term ids, grouped by key
  };
  template <typename OnMatch>
  bool scan(const char* s, int64_t len, OnMatch&& onMatch) const;
  template <typename OnMatch>
  bool verify(const Group& g, uint32_t key, const char* at, int64_t avail,
              OnMatch& onMatch) const;
  void buildGroup(Group& g, uint32_t keyLen, const std::vector<uint32_t>& ids,
                  const std::vector<std::string>& terms);

  std::vector<Group> groups_;  // non-empty groups only
  std::string pool_;
  std::vector<uint32_t> offsets_, lens_;
};

// Hyperscan literal database (FDR/Teddy), one SINGLEMATCH id per term.
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
