// A literal matcher for small keyword sets with a low fixed cost per scan, and TermMatcher,
// which picks it or Hyperscan when a set is built (internal; see terms_impl.h).
//
// Hyperscan costs 40-90 ns per hs_scan whatever the text length (scratch check, engine
// dispatch, callbacks): most of the time of a short text. SmallTermMatcher is Teddy-style:
// the first (up to) three bytes of each literal select one of 8 buckets through nibble
// masks, 32 text positions per AVX2 step, and a candidate is verified byte by byte against
// the literals of its buckets. keywords_bench measures both on the same sets: on 256-byte
// texts this one is 1.5-2.9x Hyperscan's speed (8 and 16 terms), on 2 KB texts 0.6-1.25x,
// and far slower for 64 terms (8 literals per bucket). So TermMatcher builds it for sets of
// at most kMaxGroups distinct prefixes and uses it for texts of up to kSmallTextMax bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stdlib/terms_impl.h"

namespace gai::stdlib {

class SmallTermMatcher {
 public:
  static constexpr size_t kMaxLiterals = 64;
  static constexpr int kBuckets = 8;
  static constexpr int kPrefix = 3;  // bytes of each literal in the nibble masks

  // This CPU runs it (AVX2) and `literals` (terms + sentinels) fit.
  static bool usable(size_t literals);

  // Same contract as HsTermMatcher's constructor; requires usable(terms + sentinels).
  SmallTermMatcher(const std::vector<std::string>& terms, bool caseless,
                   const std::vector<std::string>& sentinels);
  // Distinct literal prefixes (kPrefix bytes, folded): above kBuckets, buckets are shared.
  size_t groups() const { return groups_; }
  // Yes when a term occurs (Sentinel when a sentinel starts before the first term found);
  // Sentinel when only a sentinel occurs; else No.
  ScanResult scanAny(const char* s, int64_t len) const;
  // The number of distinct terms that occur; -1 when a sentinel occurs.
  int64_t scanCount(const char* s, int64_t len) const;

  struct Literal {
    std::string folded;  // the bytes, ASCII letters OR 0x20 when caseless
    std::string fold;    // per byte: 0x20 for a caseless ASCII letter, else 0
    bool sentinel;
  };
  struct Masks {
    alignas(32) uint8_t lo[kPrefix][32];
    alignas(32) uint8_t hi[kPrefix][32];
  };

 private:
  void addToMasks(const Literal& lit, int bucket);

  Masks masks_{};
  std::vector<Literal> literals_;
  std::vector<uint16_t> buckets_[kBuckets];  // literal ids per bucket
  size_t terms_ = 0;  // literals_[0, terms_) are terms, the rest sentinels
  size_t groups_ = 0;
};

// A prepared literal set: Hyperscan, and SmallTermMatcher for short texts when the set is
// small (same answers; see above).
class TermMatcher {
 public:
  static constexpr size_t kMaxGroups = 16;
  static constexpr int64_t kSmallTextMax = 1024;

  explicit TermMatcher(const std::vector<std::string>& terms, bool caseless = false,
                       const std::vector<std::string>& sentinels = {});
  ~TermMatcher();
  // False only when Hyperscan could not build its database (callers use the list scan).
  bool ok() const { return small_ || hs_.ok(); }
  bool hasSmall() const { return small_ != nullptr; }
  ScanResult scanAny(const char* s, int64_t len) const {
    return useSmall(len) ? small_->scanAny(s, len) : hs_.scanAny(s, len);
  }
  int64_t scanCount(const char* s, int64_t len) const {
    return useSmall(len) ? small_->scanCount(s, len) : hs_.scanCount(s, len);
  }

 private:
  bool useSmall(int64_t len) const { return small_ && (len <= kSmallTextMax || !hs_.ok()); }

  HsTermMatcher hs_;
  std::unique_ptr<SmallTermMatcher> small_;
};

}  // namespace gai::stdlib
