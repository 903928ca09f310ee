// The 10-rule benchmark (bench-policy.md) in plain C++: the record as a host would hold it,
// the deterministic generator (one record and its JSON line), the rules hand-written, and
// a hand-written simdjson (On-Demand) parser of the JSON line.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gai::bench {

enum class Region : uint8_t { CN, Other };
enum class Kind : uint8_t { Text, Image, Audio, Video };

// Risk tags as bits, in the order of bench-policy.md.
enum Tag : uint16_t {
  kViolence = 1 << 0,
  kPorn = 1 << 1,
  kTerror = 1 << 2,
  kDiscrimination = 1 << 3,
  kPrivacy = 1 << 4,
  kIp = 1 << 5,
  kGambling = 1 << 6,
  kDrugs = 1 << 7,
  kFraud = 1 << 8,
  kSelfHarm = 1 << 9,
  kPolitical = 1 << 10,
  kSpam = 1 << 11,
};
constexpr int kTagCount = 12;
extern const char* const kTagNames[kTagCount];

struct Record {
  bool publicFacing;
  Region region;
  bool filed;
  Kind kind;
  bool explicitLabel;
  bool implicitLabel;
  uint16_t riskTags;
  int64_t age;
  bool minorMode;
  int64_t promptLength;
};

// Bit i set: rule R(i+1) fired.
using FiredSet = uint32_t;

inline FiredSet decide(const Record& r) {
  if (!r.publicFacing || r.region != Region::CN) return 0;
  FiredSet f = 1u << 0;
  if (r.kind != Kind::Text && !r.explicitLabel) f |= 1u << 1;
  if (r.riskTags & (kViolence | kPorn | kTerror)) f |= 1u << 2;
  if (r.riskTags & kDiscrimination) f |= 1u << 3;
  if (r.age < 18 && !r.minorMode) f |= 1u << 4;
  if (!r.filed) f |= 1u << 5;
  if (r.kind != Kind::Text && !r.implicitLabel) f |= 1u << 6;
  if (r.riskTags & kPrivacy) f |= 1u << 7;
  if (r.riskTags & kIp) f |= 1u << 8;
  if (r.promptLength > 10000) f |= 1u << 9;
  return f;
}

// `count` records from a fixed seed, each field drawn independently (bench-policy.md).
std::vector<Record> generateRecords(size_t count, uint64_t seed = 20261130);
std::string toJson(const Record& r);

// All lines in one buffer, each followed by '\n', with simdjson padding after the last.
struct JsonLines {
  std::string buffer;
  std::vector<std::pair<uint32_t, uint32_t>> lines;  // offset, length
  std::string_view line(size_t i) const { return {buffer.data() + lines[i].first, lines[i].second}; }
  size_t capacityAfter(size_t i) const { return buffer.size() - lines[i].first; }
};
JsonLines toJsonLines(const std::vector<Record>& records);

// Parses one line into `out`; false on any error (malformed JSON, unknown member, ...).
// `capacity`: readable bytes from `json.data()` (at least json.size() + SIMDJSON_PADDING).
bool parseRecord(simdjson::ondemand::parser& parser, std::string_view json, size_t capacity, Record& out);

}  // namespace gai::bench
