// Writing a compile-time value tree into the flat layout: how the compiler turns evaluated
// constants (record field defaults, consts, test givens) into layout bytes without the
// runtime knowing its types. `V` is any tree with this shape (check::Value has it):
//   bool isNone() const;  bool b;  int64_t i;  double f;  std::string s;
//   std::vector<V> elems;
// Bool: b. Int, Duration, Timestamp: i. Date: i (days). Enum: i (ordinal). Float: f.
// String: s. Record: elems in field order (a none element for a none optional field).
// List, Set: elems (sets are canonicalised here again). Optional: isNone() or the value.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/arena.h"
#include "core/layout.h"
#include "core/types.h"

namespace gai::rt {

// Returns false on a shape mismatch (wrong element count, ordinal out of range) or when
// the arena is exhausted; `out` (type.size bytes) must be zeroed.
template <typename V>
bool writeValueTree(const Type& type, const V& value, void* out, Arena& arena) {
  switch (type.kind) {
    case Kind::Bool: *static_cast<uint8_t*>(out) = value.b ? 1 : 0; return true;
    case Kind::Int:
    case Kind::Timestamp:
    case Kind::Duration: std::memcpy(out, &value.i, 8); return true;
    case Kind::Float: std::memcpy(out, &value.f, 8); return true;
    case Kind::Date: {
      int32_t days = static_cast<int32_t>(value.i);
      std::memcpy(out, &days, 4);
      return true;
    }
    case Kind::Enum: {
      if (value.i < 0 || static_cast<uint64_t>(value.i) >= type.members.size()) return false;
      uint32_t ordinal = static_cast<uint32_t>(value.i);
      std::memcpy(out, &ordinal, 4);
      return true;
    }
    case Kind::String: {
      Str s{nullptr, static_cast<int64_t>(value.s.size())};
      if (!value.s.empty() && !(s.data = arena.copyString(value.s))) return false;
      std::memcpy(out, &s, sizeof s);
      return true;
    }
    case Kind::Optional:
      if (value.isNone()) return true;
      *static_cast<uint8_t*>(out) = 1;
      return writeValueTree(*type.element, value, optionalValue(type, out), arena);
    case Kind::Record: {
      if (value.elems.size() != type.fields.size()) return false;
      for (uint32_t i = 0; i < type.fields.size(); ++i)
        if (!writeValueTree(*type.fields[i].type, value.elems[i], fieldAddress(type, i, out), arena)) return false;
      return true;
    }
    case Kind::List:
    case Kind::Set: break;
  }
  const Type& element = *type.element;
  if (type.isBitSet()) {
    uint64_t bits = 0;
    for (const V& e : value.elems) {
      if (e.i < 0 || static_cast<uint64_t>(e.i) >= element.members.size()) return false;
      bits |= uint64_t(1) << e.i;
    }
    std::memcpy(out, &bits, 8);
    return true;
  }
  Slice slice{nullptr, static_cast<int64_t>(value.elems.size())};
  if (!value.elems.empty()) {
    char* data = static_cast<char*>(arena.allocateZeroed(element.size * value.elems.size(), element.align));
    if (!data) return false;
    for (size_t i = 0; i < value.elems.size(); ++i)
      if (!writeValueTree(element, value.elems[i], data + i * element.size, arena)) return false;
    if (type.kind == Kind::Set) slice.count = canonicalizeSet(element, data, slice.count);
    slice.data = data;
  }
  std::memcpy(out, &slice, sizeof slice);
  return true;
}

}  // namespace gai::rt
