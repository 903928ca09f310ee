// Internal to the binder (json_bind.cpp): binding with simdjson On-Demand in one pass over
// the document, straight into the flat layout (no DOM tape, no JSON path). It binds only
// documents that the DOM binder would bind, and binds them to the same bytes; on any error
// or doubt (malformed JSON, a type or limit error, a number simdjson cannot read, nesting
// deeper than kMaxFastDepth) it returns false and the DOM binder binds the document again
// and reports the error with its path. Errors are rare, so only they pay the second pass.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>

#include "core/arena.h"
#include "core/json_bind.h"
#include "core/types.h"

namespace gai::rt {

// Containers nested deeper than this go to the DOM binder.
constexpr uint32_t kMaxFastDepth = 64;

// Field-seen flags: the first 64 in a word, the others (large records) on the heap.
class SeenBits {
 public:
  explicit SeenBits(size_t n) {
    if (n > 64) more_.reset(new uint64_t[(n - 1) / 64]());
  }
  bool testAndSet(size_t i) {
    uint64_t& word = i < 64 ? first_ : more_[i / 64 - 1];
    uint64_t bit = uint64_t(1) << (i % 64);
    bool was = (word & bit) != 0;
    word |= bit;
    return was;
  }
  bool test(size_t i) const { return ((i < 64 ? first_ : more_[i / 64 - 1]) >> (i % 64)) & 1; }

 private:
  uint64_t first_ = 0;
  std::unique_ptr<uint64_t[]> more_;
};

// The field whose key `raw` (the key's bytes after its opening quote) is, by the key
// images: the next in declaration order first, then by the perfect hash or, for records
// without one (names sharing their first bytes), the later fields (hosts leave out
// optional ones); -1 when no image matches.
__attribute__((always_inline)) inline int matchField(const Type& type, const Field* fields, size_t n, size_t expected, const char* raw) {
  if (expected < n && fields[expected].key.matches(raw)) return static_cast<int>(expected);
  if (type.keyDispatch.slots.empty()) {
    for (size_t i = expected + 1; i < n; ++i)
      if (fields[i].key.matches(raw)) return static_cast<int>(i);
    return -1;
  }
  int i = type.keyDispatch.candidate(raw);
  return i >= 0 && fields[i].key.matches(raw) ? i : -1;
}

// The member a raw string (after its opening quote) spells, by the key images, or -1.
__attribute__((always_inline)) inline int matchMember(const Type& type, const char* raw) {
  if (!type.keyDispatch.slots.empty()) {
    int i = type.keyDispatch.candidate(raw);
    return i >= 0 && type.memberKeys[static_cast<size_t>(i)].matches(raw) ? i : -1;
  }
  for (size_t i = 0; i < type.memberKeys.size(); ++i)
    if (type.memberKeys[i].matches(raw)) return static_cast<int>(i);
  return -1;
}

// Binds the document `json[0, length)` (readable up to `capacity` bytes, at least
// length + SIMDJSON_PADDING) to the record `record` at `out` (zeroed, record.size bytes).
// Returns false without any promise about `out` or what it allocated in `arena`.
bool bindOnDemand(simdjson::ondemand::parser& parser, const char* json, size_t length, size_t capacity,
                  const Type& record, void* out, Arena& arena, const BindLimits& limits);

}  // namespace gai::rt
