// A small deterministic generator (SplitMix64): the same stream on every platform and
// standard library, so generated records are identical everywhere.
#pragma once

#include <cstdint>

namespace gai::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (the modulo bias is negligible for these small ranges).
  int64_t range(int64_t lo, int64_t hi) { return lo + int64_t(next() % uint64_t(hi - lo + 1)); }
  bool coin() { return (next() >> 63) != 0; }
  bool chance(int percent) { return range(0, 99) < percent; }

 private:
  uint64_t state_;
};

}  // namespace gai::bench
