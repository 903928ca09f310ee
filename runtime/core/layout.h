// The flat value layout. Both engines, the binder, the builder and the renderer read and
// write values exactly like this; the JIT emits plain loads at the offsets below.
//
//   type              size  align  representation
//   ----------------  ----  -----  -----------------------------------------------------
//   bool                 1      1  0 or 1
//   int                  8      8  int64_t
//   float                8      8  double (IEEE 754)
//   duration             8      8  int64_t seconds
//   timestamp            8      8  int64_t microseconds since 1970-01-01T00:00:00Z
//   date                 4      4  int32_t days since 1970-01-01
//   enum E               4      4  uint32_t ordinal (declaration order, from 0)
//   string              16      8  Str   { const char* data; int64_t len; }  UTF-8, not
//                                  NUL-terminated in general; data may be null when len 0
//   list<T>             16      8  Slice { const void* data; int64_t count; } elements of
//                                  T laid out back to back with stride sizeof(T)
//   set<E>, E enum      8      8  uint64_t bitmask, bit i = member with ordinal i
//     with <= 64 members
//   set<T>, otherwise   16      8  Slice, elements sorted ascending, no duplicates:
//                                  bool false<true; numbers, dates, timestamps, durations
//                                  ascending (float: -0.0 == 0.0 collapse, keeping the
//                                  first after sorting; NaN never occurs in input);
//                                  strings by bytes (memcmp, shorter prefix first);
//                                  enums with > 64 members by ordinal
//   T?          see below          byte 0: presence (0 = none, 1 = present); the value at
//                                  `valueOffset` = align(T); size = round_up(align(T) +
//                                  size(T), align(T)). A none value is all zero bytes.
//                                  e.g. int? = 16 bytes (value at 8), bool? = 2 (value at 1),
//                                  date? = 8 (value at 4), string? = 24 (value at 8)
//   record R    see below          fields in declaration order, each at the next offset
//                                  aligned to its type's align; nested records inline;
//                                  size rounded up to the record's align (the largest field
//                                  align, at least 1). An empty record has size 0.
//
// Slices and strings point into an Arena (the binding arena for input, the TypeTable's
// constants arena for defaults and constants): a bound value is valid while both live.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "core/types.h"

namespace gai::rt {

struct Str {
  const char* data;
  int64_t len;
  std::string_view view() const { return len ? std::string_view(data, static_cast<size_t>(len)) : std::string_view(); }
};
static_assert(sizeof(Str) == 16 && alignof(Str) == 8, "Str layout");

struct Slice {
  const void* data;
  int64_t count;
};
static_assert(sizeof(Slice) == 16 && alignof(Slice) == 8, "Slice layout");

// Computes size/align of `type` (all of its parts must be laid out or layable);
// returns false on a record cycle. Called by TypeTable::finalize.
bool computeLayout(Type& type, std::string* error);

inline bool optionalPresent(const void* value) { return *static_cast<const uint8_t*>(value) != 0; }
inline const void* optionalValue(const Type& optionalType, const void* value) {
  return static_cast<const char*>(value) + optionalType.valueOffset;
}
inline void* optionalValue(const Type& optionalType, void* value) {
  return static_cast<char*>(value) + optionalType.valueOffset;
}
inline const void* fieldAddress(const Type& record, uint32_t field, const void* base) {
  return static_cast<const char*>(base) + record.fields[field].offset;
}
inline void* fieldAddress(const Type& record, uint32_t field, void* base) {
  return static_cast<char*>(base) + record.fields[field].offset;
}

// Canonical order of two set elements of scalar or enum type `element`: <0, 0, >0.
int compareElements(const Type& element, const void* a, const void* b);
// Sorts `count` elements at `data` in canonical order and removes duplicates in place;
// returns the new count.
int64_t canonicalizeSet(const Type& element, void* data, int64_t count);

// Deep copy of a value of `type` from `src` to `dst` (type.size bytes), copying strings and
// slices into `arena`. Returns false when the arena is exhausted.
bool copyValue(const Type& type, const void* src, void* dst, Arena& arena);

// Moves the strings, lists and sets of `count` values of `type` at first, first + stride,
// ... (those with keep[i] != 0; keep null: all) into `arena`, by field: the strings of each
// string field of the type (a path through records and optionals) side by side in value
// order, one block per field, then the lists and sets with what they hold, in value order.
// A pass that reads some fields of the values in order then reads each of those as one
// dense sequential stream. Returns false when the arena is exhausted (some values then
// still point into their old memory, some into `arena`: keep both or drop the values).
bool packByField(const Type& type, char* first, size_t stride, size_t count, const uint8_t* keep, Arena& arena);

// Structural equality of two values of `type` (floats by ==, so NaN != NaN).
bool valuesEqual(const Type& type, const void* a, const void* b);

}  // namespace gai::rt
