// A forgiving scan of JSON text that finds number tokens simdjson rejects (integers beyond
// 64 bits, floats beyond double range, malformed numbers) together with their JSON paths.
// Used only after simdjson reported a number error, to name the path and to let integers
// beyond 64 bits reach float fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gai::rt {

struct BadNumber {
  enum Kind { BigInteger, OutOfRange, Malformed } kind;
  size_t begin, end;  // byte range of the token
  std::string path;   // `$.a[2].b`
};

// Scans at most `maxDepth` levels; never reads out of bounds.
std::vector<BadNumber> scanBadNumbers(std::string_view json, unsigned maxDepth);

}  // namespace gai::rt
