// Records of the 10-rule benchmark policy (bench-policy.md): each field drawn independently
// from a fixed seed (booleans about half true, ages 10-70, prompt lengths 0-20,000, 0..3
// distinct risk tags).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gai::testing {

inline std::vector<std::string> benchRecords(size_t count, uint64_t seed = 42) {
  static const char* const kKinds[] = {"text", "image", "audio", "video"};
  static const char* const kTags[] = {"violence", "porn",  "terror", "discrimination", "privacy",   "ip",
                                      "gambling", "drugs", "fraud",  "self_harm",      "political", "spam"};
  uint64_t state = seed;
  auto next = [&state] {  // splitmix64
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  auto flag = [&] { return (next() & 1) ? "true" : "false"; };
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    std::string r = "{\"service\":{\"public_facing\":";
    r += flag();
    r += ",\"region\":\"";
    r += (next() & 1) ? "CN" : "other";
    r += "\",\"filed\":";
    r += flag();
    r += "},\"content\":{\"kind\":\"";
    r += kKinds[next() % 4];
    r += "\",\"explicit_label\":";
    r += flag();
    r += ",\"implicit_label\":";
    r += flag();
    r += ",\"risk_tags\":[";
    uint64_t n = next() % 4, used = 0;
    for (uint64_t k = 0; k < n;) {
      uint64_t t = next() % 12;
      if (used & (1ull << t)) continue;
      used |= 1ull << t;
      r += k ? ",\"" : "\"";
      r += kTags[t];
      r += '"';
      ++k;
    }
    r += "]},\"user\":{\"age\":" + std::to_string(10 + next() % 61) + ",\"is_minor_mode\":" + flag();
    r += "},\"request\":{\"prompt_length\":" + std::to_string(next() % 20001) + "}}";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gai::testing
