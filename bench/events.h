// A deterministic generator of realistic GenerationEvent JSON lines for the shipped policy
// library (policies/measures): a few service profiles shared by many events (mostly
// compliant, some with gaps), users of all ages, every modality with its labels, prompts
// and outputs of mixed Chinese and ASCII text, occasional risk tags, label-removal requests
// and exported files. Same seed, same lines, on every platform.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gai::bench {

class EventGenerator {
 public:
  explicit EventGenerator(uint64_t seed = 20261130);
  ~EventGenerator();
  std::string next();  // one JSON line, without '\n'

  struct Impl;

 private:
  Impl* impl_;
};

std::vector<std::string> generateEvents(size_t count, uint64_t seed = 20261130);

}  // namespace gai::bench
