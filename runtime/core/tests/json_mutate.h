// Random edits of a JSON document, for comparing binders on malformed and odd input.
#pragma once

#include <random>
#include <string>

namespace gai::rt {

// `bytes` after 1-3 edits: a byte replaced by any byte, 1-4 bytes erased, one of `tokens`
// inserted, or a piece of the document copied elsewhere. Never empty.
template <size_t N>
std::string mutateJson(std::string bytes, std::mt19937& rng, const char* const (&tokens)[N]) {
  int edits = 1 + static_cast<int>(rng() % 3);
  for (int k = 0; k < edits; ++k) {
    size_t at = rng() % bytes.size();
    switch (rng() % 4) {
      case 0: bytes[at] = static_cast<char>(rng() % 256); break;
      case 1: bytes.erase(at, 1 + rng() % 4); break;
      case 2: bytes.insert(at, tokens[rng() % N]); break;
      default: bytes.insert(at, bytes.substr(rng() % bytes.size(), rng() % 12)); break;
    }
    if (bytes.empty()) bytes = "{";
  }
  return bytes;
}

}  // namespace gai::rt
