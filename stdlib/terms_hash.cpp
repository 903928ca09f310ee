// HashTermMatcher: the project's own keyword-set scanner (see terms_impl.h).
#include <algorithm>
#include <cstring>

#include "stdlib/terms_impl.h"

namespace gai::stdlib {
namespace {

constexpr uint32_t kMaxKey = 4;

inline uint32_t hashKey(uint32_t key, uint32_t bitsLog) {
  return uint32_t((uint64_t(key) * 0x9E3779B97F4A7C15ull) >> (64 - bitsLog));
}

inline uint32_t loadKey(const char* p, int64_t avail) {
  uint32_t w = 0;
  std::memcpy(&w, p, size_t(avail < 4 ? avail : 4));
  return w;
}

inline uint32_t keyMask(uint32_t keyLen) {
  return keyLen >= 4 ? 0xFFFFFFFFu : (1u << (8 * keyLen)) - 1;
}

uint32_t log2Ceil(uint64_t n) {
  uint32_t b = 0;
  while ((uint64_t(1) << b) < n) ++b;
  return b;
}

// Per-thread set of found term ids for countTerms; cleared through the touched words.
struct SeenSet {
  std::vector<uint64_t> words;
  std::vector<uint32_t> touched;
  bool insert(uint32_t id) {
    uint64_t& w = words[id >> 6];
    uint64_t bit = uint64_t(1) << (id & 63);
    if (w & bit) return false;
    if (w == 0) touched.push_back(id >> 6);
    w |= bit;
    return true;
  }
  void clear() {
    for (uint32_t t : touched) words[t] = 0;
    touched.clear();
  }
};

}  // namespace

std::vector<std::string> normalizeTerms(const gai_str* terms, int64_t count) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < count; ++i)
    if (terms[i].len > 0) out.emplace_back(terms[i].data, size_t(terms[i].len));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

HashTermMatcher::HashTermMatcher(const std::vector<std::string>& terms) {
  std::vector<std::vector<uint32_t>> byKeyLen(kMaxKey + 1);
  for (const std::string& t : terms) {
    uint32_t id = uint32_t(lens_.size());
    offsets_.push_back(uint32_t(pool_.size()));
    lens_.push_back(uint32_t(t.size()));
    pool_ += t;
    byKeyLen[std::min<size_t>(t.size(), kMaxKey)].push_back(id);
  }
  // Longest keys first: they are the common case and the most selective.
  for (uint32_t keyLen = kMaxKey; keyLen >= 1; --keyLen) {
    if (byKeyLen[keyLen].empty()) continue;
    groups_.emplace_back();
    buildGroup(groups_.back(), keyLen, byKeyLen[keyLen], terms);
  }
}

void HashTermMatcher::buildGroup(Group& g, uint32_t keyLen, const std::vector<uint32_t>& ids,
                                 const std::vector<std::string>& terms) {
  g.keyLen = keyLen;
  g.mask = keyMask(keyLen);
  // Aim for a bitmap at most ~1/16 full, between 2^12 and 2^18 bits (512 B .. 32 KB).
  g.bitsLog = std::clamp<uint32_t>(log2Ceil(uint64_t(ids.size()) * 16), 12, 18);
  g.bits.assign((size_t(1) << g.bitsLog) / 64, 0);
  std::vector<std::pair<uint32_t, uint32_t>> keyed;  // (key, id)
  for (uint32_t id : ids) keyed.emplace_back(loadKey(terms[id].data(), keyLen) & g.mask, id);
  std::sort(keyed.begin(), keyed.end());
  size_t distinct = 0;
  for (size_t i = 0; i < keyed.size(); ++i) distinct += i == 0 || keyed[i].first != keyed[i - 1].first;
  uint32_t slotsLog = log2Ceil(distinct * 2 + 1);
  g.slots.assign(size_t(1) << slotsLog, Slot{0, 0, 0});
  g.slotMask = (1u << slotsLog) - 1;
  for (size_t i = 0; i < keyed.size();) {
    size_t j = i;
    while (j < keyed.size() && keyed[j].first == keyed[i].first) g.candidates.push_back(keyed[j++].second);
    uint32_t key = keyed[i].first;
    uint32_t h = hashKey(key, g.bitsLog);
    g.bits[h >> 6] |= uint64_t(1) << (h & 63);
    uint32_t s = hashKey(key, 32) & g.slotMask;
    while (g.slots[s].end != 0) s = (s + 1) & g.slotMask;
    g.slots[s] = Slot{key, uint32_t(i), uint32_t(j)};
    i = j;
  }
}

template <typename OnMatch>
bool HashTermMatcher::verify(const Group& g, uint32_t key, const char* at, int64_t avail,
                             OnMatch& onMatch) const {
  uint32_t s = hashKey(key, 32) & g.slotMask;
  for (; g.slots[s].end != 0; s = (s + 1) & g.slotMask) {
    const Slot& slot = g.slots[s];
    if (slot.key != key) continue;
    for (uint32_t c = slot.begin; c < slot.end; ++c) {
      uint32_t id = g.candidates[c];
      uint32_t n = lens_[id];
      if (n <= avail && std::memcmp(at, pool_.data() + offsets_[id], n) == 0 && onMatch(id))
        return true;
    }
    return false;
  }
  return false;
}

// Calls onMatch(id) for every occurrence; stops early when it returns true.
template <typename OnMatch>
bool HashTermMatcher::scan(const char* s, int64_t len, OnMatch&& onMatch) const {
  if (groups_.empty()) return false;
  const Group& first = groups_.front();
  if (groups_.size() == 1 && first.keyLen == kMaxKey) {
    // The common case: every term has at least 4 bytes.
    const uint64_t* bits = first.bits.data();
    uint32_t bitsLog = first.bitsLog;
    for (int64_t i = 0; i + 4 <= len; ++i) {
      uint32_t key;
      std::memcpy(&key, s + i, 4);
      uint32_t h = hashKey(key, bitsLog);
      if ((bits[h >> 6] >> (h & 63)) & 1)
        if (verify(first, key, s + i, len - i, onMatch)) return true;
    }
    return false;
  }
  for (int64_t i = 0; i < len; ++i) {
    int64_t avail = len - i;
    uint32_t word = loadKey(s + i, avail);
    for (const Group& g : groups_) {
      if (g.keyLen > avail) continue;
      uint32_t key = word & g.mask;
      uint32_t h = hashKey(key, g.bitsLog);
      if ((g.bits[h >> 6] >> (h & 63)) & 1)
        if (verify(g, key, s + i, avail, onMatch)) return true;
    }
  }
  return false;
}

bool HashTermMatcher::containsAny(const char* s, int64_t len) const {
  return scan(s, len, [](uint32_t) { return true; });
}

int64_t HashTermMatcher::countTerms(const char* s, int64_t len) const {
  thread_local SeenSet seen;
  if (seen.words.size() * 64 < lens_.size()) seen.words.resize((lens_.size() + 63) / 64, 0);
  int64_t count = 0;
  scan(s, len, [&](uint32_t id) {
    count += seen.insert(id);
    return false;
  });
  seen.clear();
  return count;
}

}  // namespace gai::stdlib
