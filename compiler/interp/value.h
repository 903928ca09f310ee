// Internal to the interpreter: the register-sized form of a value while it is computed.
// Scalars, enums, strings, lists and sets are held directly, in exactly their flat-layout
// representation (so `&val` is a layout address); records and optionals by address.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/layout.h"

namespace gai::interp {

union Val {
  bool b;
  int64_t i;  // int, duration (seconds), timestamp (micros)
  double f;
  int32_t d;  // date
  uint32_t e; // enum ordinal
  uint64_t mask;
  rt::Str s;
  rt::Slice sl;
  const void* p;  // record, optional
};

inline Val zeroVal() {
  Val v;
  std::memset(&v, 0, sizeof v);
  return v;
}
inline Val ofBool(bool b) { Val v = zeroVal(); v.b = b; return v; }
inline Val ofInt(int64_t i) { Val v = zeroVal(); v.i = i; return v; }
inline Val ofFloat(double f) { Val v = zeroVal(); v.f = f; return v; }
inline Val ofDate(int32_t d) { Val v = zeroVal(); v.d = d; return v; }
inline Val ofPtr(const void* p) { Val v = zeroVal(); v.p = p; return v; }

inline bool byAddress(const rt::Type& t) { return t.kind == rt::Kind::Record || t.kind == rt::Kind::Optional; }

// Reads a value of type `t` stored at `at`.
inline Val load(const rt::Type& t, const void* at) {
  if (byAddress(t)) return ofPtr(at);
  Val v = zeroVal();
  std::memcpy(&v, at, t.size);
  return v;
}

// Writes `v` (of type `t`) to `at` (t.size bytes).
inline void store(const rt::Type& t, const Val& v, void* at) {
  if (t.size == 0) return;
  std::memcpy(at, byAddress(t) ? v.p : static_cast<const void*>(&v), t.size);
}

// The layout address of a value held in `v`.
inline const void* addressOf(const rt::Type& t, const Val& v) { return byAddress(t) ? v.p : &v; }

}  // namespace gai::interp
