// The on-disk JIT object cache's size limits (LLVM-free, for hosts and tests; cache.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace gai::codegen::cache {

// The size of the on-disk cache. Past either limit, the least recently used objects (a hit
// refreshes a file's modification time) are removed down to three quarters of both.
struct Limits {
  uint64_t maxBytes = uint64_t(256) << 20;
  size_t maxFiles = 2048;
};

// Applies `limits` to `dir`; returns the number of files removed.
size_t trim(const std::string& dir, const Limits& limits);

}  // namespace gai::codegen::cache
