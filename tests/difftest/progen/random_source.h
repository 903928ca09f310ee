// The random source the program generator draws from. Abstract, so the same generator runs
// from a seeded PRNG (gai_difftest) or from fuzzer bytes (FuzzedDataProvider: wrap it in a
// RandomSource whose next() returns ConsumeIntegral<uint64_t>() and whose exhausted() is
// remaining_bytes() == 0). Only the standard library is included here.
//
// Contract for implementations: once exhausted() is true, next() may return anything (the
// generator stops asking: it reads 0 instead). With all-zero draws the generator takes its
// first, simplest choice everywhere and every probability is false, so it always
// terminates, with a small program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace gai::progen {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual uint64_t next() = 0;
  virtual bool exhausted() const = 0;
};

// SplitMix64: the seeded source of gai_difftest. Never exhausted.
class SplitMixSource final : public RandomSource {
 public:
  explicit SplitMixSource(uint64_t seed) : state_(seed) {}
  uint64_t next() override {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  bool exhausted() const override { return false; }

 private:
  uint64_t state_;
};

// Raw bytes, 8 per draw (fewer at the end, zero-padded). For fuzzers without
// FuzzedDataProvider, and for tests.
class BytesSource final : public RandomSource {
 public:
  BytesSource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint64_t next() override {
    uint64_t v = 0;
    size_t n = size_ - pos_ < 8 ? size_ - pos_ : 8;
    if (n) std::memcpy(&v, data_ + pos_, n);
    pos_ += n;
    return v;
  }
  bool exhausted() const override { return pos_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// The seed of program `index` of a run started with `seed` (what gai_difftest prints).
inline uint64_t programSeed(uint64_t seed, uint64_t index) {
  SplitMixSource s(seed * 0x100000001B3ull ^ (index + 1) * 0x9E3779B97F4A7C15ull);
  return s.next();
}

}  // namespace gai::progen
