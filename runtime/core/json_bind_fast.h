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

// Binds the document `json[0, length)` (readable up to `capacity` bytes, at least
// length + SIMDJSON_PADDING) to the record `record` at `out` (zeroed, record.size bytes).
// Returns false without any promise about `out` or what it allocated in `arena`.
bool bindOnDemand(simdjson::ondemand::parser& parser, const char* json, size_t length, size_t capacity,
                  const Type& record, void* out, Arena& arena, const BindLimits& limits);

}  // namespace gai::rt
