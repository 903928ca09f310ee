// libFuzzer target: a program and JSON input lines -> a decision (or input error) from the
// reference interpreter and from the LLVM JIT, compared byte for byte (decide_compare.h).
// Two modes, by the first byte:
//   0x00: generator mode (with gai_progen): the rest drives the random well-typed program
//         generator of tests/difftest through FuzzedDataProvider; it makes a small
//         program and a few inputs for it.
//   else: raw mode: the program's source, then a line `%%`, then one JSON value per line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "decide_compare.h"

#ifdef GAI_FUZZ_PROGEN
#include <fuzzer/FuzzedDataProvider.h>

#include <optional>

#include "gai/gai.hpp"
#include "progen.h"

namespace {

class ProviderSource final : public gai::progen::RandomSource {
 public:
  explicit ProviderSource(FuzzedDataProvider& provider) : provider_(provider) {}
  uint64_t next() override { return provider_.ConsumeIntegral<uint64_t>(); }
  bool exhausted() const override { return provider_.remaining_bytes() == 0; }

 private:
  FuzzedDataProvider& provider_;
};

// Small programs: the JIT compiles each one (tens of milliseconds).
void generatorMode(const uint8_t* data, size_t size) {
  FuzzedDataProvider provider(data, size);
  ProviderSource rng(provider);
  gai::progen::Options options;
  options.minRules = 1;
  options.maxRules = 4;
  options.maxExceptions = 2;
  options.maxFns = 2;
  options.maxDepth = 3;
  options.maxRecords = 2;
  gai::progen::Program program = gai::progen::generateProgram(rng, options);
  gai::fuzz::Case c;
  c.source = program.source();
  for (const gai::progen::Input& input : gai::progen::generateInputs(rng, program, 6, options)) {
    c.lines.push_back(input.json);
    c.entries.push_back(input.entry);
  }
  if (!program.nows.empty()) {
    size_t pick = provider.ConsumeIntegralInRange<size_t>(0, program.nows.size() - 1);
    if (std::optional<int64_t> now = gai::parseTimestamp(program.nows[pick])) c.nowMicros = *now;
  }
  if (!gai::fuzz::decideBoth(c)) gai::fuzz::fail(c, "a generated program does not compile");
}

}  // namespace
#endif

namespace {

void rawMode(std::string_view in) {
  gai::fuzz::Case c;
  size_t sep = in.find("\n%%\n");
  c.source = std::string(in.substr(0, sep));
  if (sep != std::string_view::npos) {
    std::string_view rest = in.substr(sep + 4);
    while (!rest.empty() && c.lines.size() < gai::fuzz::kMaxLines) {
      size_t end = rest.find('\n');
      c.lines.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  gai::fuzz::decideBoth(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#ifdef GAI_FUZZ_PROGEN
  if (size > 0 && data[0] == 0) {
    generatorMode(data + 1, size - 1);
    return 0;
  }
#endif
  rawMode(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
