// Internal to the binder (json_bind.cpp): the fastest of its three passes, for record types
// made only of bools, ints, enums, enum bit sets, optionals of those and records of those
// (typedBindable). It runs simdjson's stage 1 (structural indexes, UTF-8 and string
// validation) and walks the structural indexes with the type in hand: per field one key
// image compare, one check of the `:` and `,` tokens and the value read in place, with none
// of On-Demand's per-value iterator bookkeeping. It binds only documents whose every token
// it has checked (nothing unread, nothing after the top-level object) and gives up on
// anything else (unknown or escaped keys, duplicates, floats, -0, integers of 20 digits or
// more, limits, depth): the On-Demand pass (json_bind_fast.h) then binds the document or
// hands it to the DOM binder, which reports the error. So its documents bind to the same
// bytes as theirs, and every error text is theirs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "core/json_bind.h"
#include "core/types.h"

namespace gai::rt {

// Whether `record` is made only of what the typed pass binds (it checks again as it goes).
bool typedBindable(const Type& record);

class TypedBinder {
 public:
  TypedBinder();
  ~TypedBinder();
  TypedBinder(const TypedBinder&) = delete;
  TypedBinder& operator=(const TypedBinder&) = delete;

  // Binds `json[0, length)` (readable for length + kJsonPadding bytes) to `record` at `out`
  // (zeroed). False: not bound here, `out` unspecified (nothing is allocated).
  bool bind(const char* json, size_t length, const Type& record, void* out, const BindLimits& limits);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gai::rt
