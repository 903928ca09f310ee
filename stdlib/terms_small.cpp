// SmallTermMatcher and TermMatcher (terms_small.h).
#include "stdlib/terms_small.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace gai::stdlib {
namespace {

bool asciiLetter(uint8_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

SmallTermMatcher::Literal makeLiteral(const std::string& bytes, bool caseless, bool sentinel) {
  SmallTermMatcher::Literal lit{bytes, std::string(bytes.size(), '\0'), sentinel};
  if (!caseless) return lit;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (!asciiLetter(uint8_t(bytes[i]))) continue;
    lit.fold[i] = char(0x20);
    lit.folded[i] = char(bytes[i] | 0x20);
  }
  return lit;
}

bool matchesAt(const SmallTermMatcher::Literal& lit, const uint8_t* s, int64_t len, int64_t pos) {
  size_t n = lit.folded.size();
  if (uint64_t(len - pos) < n) return false;
  const uint8_t* p = s + pos;
  for (size_t k = 0; k < n; ++k)
    if (uint8_t(p[k] | uint8_t(lit.fold[k])) != uint8_t(lit.folded[k])) return false;
  return true;
}

// What a scan found so far; literal ids below `terms` are terms.
struct ScanState {
  size_t terms;
  bool count;
  bool hit = false;
  bool sentinel = false;
  uint64_t seen = 0;
  // True: stop scanning.
  bool record(size_t id) {
    if (id >= terms) return sentinel = true;
    if (!count) return hit = true;
    seen |= uint64_t(1) << id;
    return false;
  }
};

struct Tables {
  const SmallTermMatcher::Masks& masks;
  const std::vector<SmallTermMatcher::Literal>& literals;
  const std::vector<uint16_t>* buckets;  // kBuckets lists of literal ids
};

__attribute__((target("avx2"))) inline __m256i candidates(const __m256i* lo, const __m256i* hi,
                                                          const uint8_t* p) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  __m256i r = _mm256_set1_epi8(-1);
  for (int k = 0; k < SmallTermMatcher::kPrefix; ++k) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + k));
    __m256i l = _mm256_shuffle_epi8(lo[k], _mm256_and_si256(v, nibble));
    __m256i h = _mm256_shuffle_epi8(hi[k], _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
    r = _mm256_and_si256(r, _mm256_and_si256(l, h));
  }
  return r;
}

// Verifies the candidates of one block (text positions base + j, j in `valid`).
__attribute__((target("avx2"))) bool verifyBlock(const Tables& t, __m256i r, const uint8_t* s, int64_t len,
                                                 int64_t base, uint32_t valid, ScanState& st) {
  alignas(32) uint8_t bits[32];
  _mm256_store_si256(reinterpret_cast<__m256i*>(bits), r);
  uint32_t m = ~uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(r, _mm256_setzero_si256()))) & valid;
  for (; m; m &= m - 1) {
    int j = __builtin_ctz(m);
    for (uint32_t b = bits[j]; b; b &= b - 1) {
      for (uint16_t id : t.buckets[__builtin_ctz(b)])
        if (matchesAt(t.literals[id], s, len, base + j) && st.record(id)) return true;
    }
  }
  return false;
}

__attribute__((target("avx2"))) void scanAvx2(const Tables& t, const uint8_t* s, int64_t len, ScanState& st) {
  constexpr int kSpan = 32 + SmallTermMatcher::kPrefix - 1;  // bytes one block reads
  __m256i lo[SmallTermMatcher::kPrefix], hi[SmallTermMatcher::kPrefix];
  for (int k = 0; k < SmallTermMatcher::kPrefix; ++k) {
    lo[k] = _mm256_load_si256(reinterpret_cast<const __m256i*>(t.masks.lo[k]));
    hi[k] = _mm256_load_si256(reinterpret_cast<const __m256i*>(t.masks.hi[k]));
  }
  int64_t i = 0;
  for (; i + kSpan <= len; i += 32) {
    __m256i r = candidates(lo, hi, s + i);
    if (!_mm256_testz_si256(r, r) && verifyBlock(t, r, s, len, i, ~0u, st)) return;
  }
  // The last (up to kSpan - 1) positions, from a zero-padded copy; verification reads `s`.
  for (; i < len; i += 32) {
    alignas(32) uint8_t buf[64] = {};
    std::memcpy(buf, s + i, size_t(std::min<int64_t>(len - i, 64)));
    uint32_t valid = len - i >= 32 ? ~0u : (1u << (len - i)) - 1;
    __m256i r = candidates(lo, hi, buf);
    if (!_mm256_testz_si256(r, r) && verifyBlock(t, r, s, len, i, valid, st)) return;
  }
}

// The literal's first bytes as the filter sees them (letters folded when caseless).
std::string prefixKey(const SmallTermMatcher::Literal& lit) {
  return lit.folded.substr(0, std::min<size_t>(lit.folded.size(), SmallTermMatcher::kPrefix));
}

}  // namespace

bool SmallTermMatcher::usable(size_t literals) {
  return literals <= kMaxLiterals && __builtin_cpu_supports("avx2");
}

SmallTermMatcher::SmallTermMatcher(const std::vector<std::string>& terms, bool caseless,
                                   const std::vector<std::string>& sentinels)
    : terms_(terms.size()) {
  for (const std::string& t : terms) literals_.push_back(makeLiteral(t, caseless, false));
  for (const std::string& t : sentinels) literals_.push_back(makeLiteral(t, false, true));
  // Literals sharing their first bytes share a bucket; neighbouring prefixes (in byte order,
  // so sharing leading nibbles) share one when there are more than kBuckets.
  std::map<std::string, size_t> groups;
  for (const Literal& lit : literals_) groups.emplace(prefixKey(lit), 0);
  for (auto& [key, index] : groups) index = groups_++;
  for (size_t i = 0; i < literals_.size(); ++i) {
    size_t index = groups[prefixKey(literals_[i])];
    int bucket = int(groups.size() <= size_t(kBuckets) ? index : index * kBuckets / groups.size());
    buckets_[bucket].push_back(uint16_t(i));
    addToMasks(literals_[i], bucket);
  }
}

void SmallTermMatcher::addToMasks(const Literal& lit, int bucket) {
  const uint8_t bit = uint8_t(1u << bucket);
  for (int k = 0; k < kPrefix; ++k) {
    auto set = [&](uint8_t byte) {
      for (int lane = 0; lane < 32; lane += 16) {
        masks_.lo[k][lane + (byte & 15)] |= bit;
        masks_.hi[k][lane + (byte >> 4)] |= bit;
      }
    };
    if (size_t(k) >= lit.folded.size()) {  // past the end: any byte
      for (int n = 0; n < 16; ++n) set(uint8_t(n * 17));
      continue;
    }
    auto c = uint8_t(lit.folded[size_t(k)]);
    set(c);
    if (lit.fold[size_t(k)]) set(uint8_t(c & ~0x20));
  }
}

ScanResult SmallTermMatcher::scanAny(const char* s, int64_t len) const {
  ScanState st{terms_, false};
  if (len > 0) scanAvx2(Tables{masks_, literals_, buckets_}, reinterpret_cast<const uint8_t*>(s), len, st);
  if (st.hit) return ScanResult::Yes;
  return st.sentinel ? ScanResult::Sentinel : ScanResult::No;
}

int64_t SmallTermMatcher::scanCount(const char* s, int64_t len) const {
  ScanState st{terms_, true};
  if (len > 0) scanAvx2(Tables{masks_, literals_, buckets_}, reinterpret_cast<const uint8_t*>(s), len, st);
  return st.sentinel ? -1 : int64_t(__builtin_popcountll(st.seen));
}

TermMatcher::TermMatcher(const std::vector<std::string>& terms, bool caseless,
                         const std::vector<std::string>& sentinels)
    : hs_(terms, caseless, sentinels) {
  if (!SmallTermMatcher::usable(terms.size() + sentinels.size())) return;
  small_ = std::make_unique<SmallTermMatcher>(terms, caseless, sentinels);
  if (small_->groups() > kMaxGroups) small_.reset();
}

TermMatcher::~TermMatcher() = default;

}  // namespace gai::stdlib
