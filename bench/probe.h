// Measuring gai's engines on bound input, below the public API: values are bound once (by
// the same JSON binder the API uses) and the engine then only decides — the outcome vector
// that rt::decide would render, read as the set of fired rules. This is what a verdict call
// ("effect + fired rules, no rendering") costs; the benchmarks switch to that public API
// when it exists.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gai/gai.hpp"

namespace gai::bench {

class Probe {
 public:
  // Null with `error` when `entry` is not an entry type of `policy`.
  static std::unique_ptr<Probe> create(std::shared_ptr<const Policy> policy, std::string_view entry,
                                       std::string& error);
  ~Probe();

  // Binds one JSON document into the probe's storage (kept until the probe dies).
  const void* bind(std::string_view json, std::string& error);
  // Binds into a scratch arena rewound per call (JSON line -> decision).
  const void* bindScratch(std::string_view json, std::string& error);
  // Decides a bound value: bit i set when the rule at `ruleBits()[i]` fired (up to 64).
  uint64_t fired(const void* value, int64_t nowMicros);
  // Number of rules that fired, for policies with more than 64 rules.
  uint32_t firedCount(const void* value, int64_t nowMicros);
  // Qualified rule names in table order.
  std::vector<std::string> ruleNames() const;

  struct Impl;

 private:
  explicit Probe(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gai::bench
