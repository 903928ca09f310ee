#include "records.h"

#include <simdjson.h>

#include "rng.h"

namespace gai::bench {

const char* const kTagNames[kTagCount] = {"violence", "porn",  "terror", "discrimination", "privacy",   "ip",
                                          "gambling", "drugs", "fraud",  "self_harm",      "political", "spam"};

namespace {

const char* const kKindNames[] = {"text", "image", "audio", "video"};

uint16_t drawTags(Rng& rng) {
  uint16_t tags = 0;
  for (int64_t n = rng.range(0, 3); n > 0;) {
    uint16_t bit = uint16_t(1u << rng.range(0, kTagCount - 1));
    if (tags & bit) continue;
    tags |= bit;
    --n;
  }
  return tags;
}

void appendBool(std::string& out, const char* key, bool value) {
  out += '"';
  out += key;
  out += value ? "\":true" : "\":false";
}

}  // namespace

std::vector<Record> generateRecords(size_t count, uint64_t seed) {
  Rng rng(seed);
  std::vector<Record> records(count);
  for (Record& r : records) {
    r.publicFacing = rng.coin();
    r.region = rng.coin() ? Region::CN : Region::Other;
    r.filed = rng.coin();
    r.kind = static_cast<Kind>(rng.range(0, 3));
    r.explicitLabel = rng.coin();
    r.implicitLabel = rng.coin();
    r.riskTags = drawTags(rng);
    r.age = rng.range(10, 70);
    r.minorMode = rng.coin();
    r.promptLength = rng.range(0, 20000);
  }
  return records;
}

std::string toJson(const Record& r) {
  std::string out = "{\"service\":{";
  appendBool(out, "public_facing", r.publicFacing);
  out += r.region == Region::CN ? ",\"region\":\"CN\"," : ",\"region\":\"other\",";
  appendBool(out, "filed", r.filed);
  out += "},\"content\":{\"kind\":\"";
  out += kKindNames[static_cast<int>(r.kind)];
  out += "\",";
  appendBool(out, "explicit_label", r.explicitLabel);
  out += ',';
  appendBool(out, "implicit_label", r.implicitLabel);
  out += ",\"risk_tags\":[";
  bool first = true;
  for (int i = 0; i < kTagCount; ++i) {
    if (!(r.riskTags & (1u << i))) continue;
    out += first ? "\"" : ",\"";
    out += kTagNames[i];
    out += '"';
    first = false;
  }
  out += "]},\"user\":{\"age\":" + std::to_string(r.age) + ",";
  appendBool(out, "is_minor_mode", r.minorMode);
  out += "},\"request\":{\"prompt_length\":" + std::to_string(r.promptLength) + "}}";
  return out;
}

JsonLines toJsonLines(const std::vector<Record>& records) {
  JsonLines out;
  out.lines.reserve(records.size());
  for (const Record& r : records) {
    std::string line = toJson(r);
    out.lines.emplace_back(uint32_t(out.buffer.size()), uint32_t(line.size()));
    out.buffer += line;
    out.buffer += '\n';
  }
  out.buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  return out;
}

namespace {

using simdjson::error_code;
namespace od = simdjson::ondemand;

bool tagBit(std::string_view name, uint16_t& bit) {
  for (int i = 0; i < kTagCount; ++i) {
    if (name == kTagNames[i]) {
      bit = uint16_t(1u << i);
      return true;
    }
  }
  return false;
}

bool kindOf(std::string_view name, Kind& kind) {
  for (int i = 0; i < 4; ++i) {
    if (name == kKindNames[i]) {
      kind = static_cast<Kind>(i);
      return true;
    }
  }
  return false;
}

bool parseService(od::object service, Record& out) {
  std::string_view region;
  if (service["public_facing"].get_bool().get(out.publicFacing)) return false;
  if (service["region"].get_string().get(region)) return false;
  if (region == "CN") {
    out.region = Region::CN;
  } else if (region == "other") {
    out.region = Region::Other;
  } else {
    return false;
  }
  return !service["filed"].get_bool().get(out.filed);
}

bool parseContent(od::object content, Record& out) {
  std::string_view kind;
  if (content["kind"].get_string().get(kind) || !kindOf(kind, out.kind)) return false;
  if (content["explicit_label"].get_bool().get(out.explicitLabel)) return false;
  if (content["implicit_label"].get_bool().get(out.implicitLabel)) return false;
  od::array tags;
  if (content["risk_tags"].get_array().get(tags)) return false;
  out.riskTags = 0;
  for (auto item : tags) {
    std::string_view name;
    uint16_t bit = 0;
    if (item.get_string().get(name) || !tagBit(name, bit)) return false;
    out.riskTags |= bit;
  }
  return true;
}

}  // namespace

bool parseRecord(od::parser& parser, std::string_view json, size_t capacity, Record& out) {
  od::document doc;
  if (parser.iterate(json.data(), json.size(), capacity).get(doc)) return false;
  od::object root, part;
  if (doc.get_object().get(root)) return false;
  if (root["service"].get_object().get(part) || !parseService(part, out)) return false;
  if (root["content"].get_object().get(part) || !parseContent(part, out)) return false;
  if (root["user"].get_object().get(part)) return false;
  if (part["age"].get_int64().get(out.age) || part["is_minor_mode"].get_bool().get(out.minorMode)) return false;
  if (root["request"].get_object().get(part)) return false;
  return !part["prompt_length"].get_int64().get(out.promptLength);
}

}  // namespace gai::bench
