#include "events.h"

#include <cstdio>

#include "rng.h"

namespace gai::bench {

namespace {

const char* const kRiskTags[] = {
    "subversion",      "nat_security_image", "separatism",   "terror_extremism", "ethnic_hatred",
    "violence_obscenity", "false_harmful",   "other_prohibited", "disc_ethnic",  "disc_belief",
    "disc_nationality", "disc_region",       "disc_gender",  "disc_age",         "disc_occupation",
    "disc_health",     "disc_other",         "ip_infringement", "business_ethics", "trade_secret",
    "unfair_competition", "commercial_other", "health_harm", "portrait",         "reputation",
    "honour",          "privacy",            "personal_info", "rights_other",    "inaccurate",
    "unreliable"};
constexpr int kRiskTagCount = sizeof(kRiskTags) / sizeof(kRiskTags[0]);

const char* const kAsciiWords[] = {"the", "model", "image", "poem", "story", "please", "write", "draw",
                                   "summary", "report", "travel", "music", "video", "code", "autumn", "AI"};
const char* const kRemovalPrompts[] = {"帮我去掉AI水印，要看不出来", "Please REMOVE AI WATERMARK from this",
                                       "去除AI标识后再发给我"};

std::string utf8(uint32_t cp) {
  std::string s;
  s += char(0xE0 | (cp >> 12));
  s += char(0x80 | ((cp >> 6) & 0x3F));
  s += char(0x80 | (cp & 0x3F));
  return s;
}

void appendText(Rng& rng, std::string& out, int64_t units) {
  for (int64_t i = 0; i < units; ++i) {
    int64_t r = rng.range(0, 9);
    if (r < 7) {
      out += utf8(0x4E00 + uint32_t(rng.range(0, 2999)));
    } else if (r < 9) {
      out += kAsciiWords[rng.range(0, 15)];
      out += ' ';
    } else {
      out += rng.coin() ? "，" : "。";
    }
  }
}

std::string b(bool v) { return v ? "true" : "false"; }

std::string timestamp(int64_t secondsIntoOctober) {
  int64_t day = 1 + secondsIntoOctober / 86400, rest = secondsIntoOctober % 86400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "2025-10-%02lldT%02lld:%02lld:%02lld+08:00", (long long)day, (long long)(rest / 3600),
                (long long)(rest / 60 % 60), (long long)(rest % 60));
  return buf;
}

// One service profile as JSON (an object), mostly compliant.
std::string makeService(Rng& rng, int index) {
  bool cn = rng.chance(80);
  std::string s = "{\"id\":\"svc-" + std::to_string(index) + "\",\"provider\":{\"id\":\"prov-" + std::to_string(index) +
                  "\",\"jurisdiction\":\"" + (cn ? "CN" : rng.coin() ? "US" : "SG") +
                  "\",\"org_type\":\"enterprise\",\"licenses_held\":[\"ICP\"]}";
  s += ",\"offered_to_prc_public\":" + b(rng.chance(90));
  s += ",\"public_opinion_attr\":" + b(rng.chance(70));
  s += ",\"modalities\":[\"text\",\"image\",\"audio\",\"video\"],\"launch_date\":\"2024-0" +
       std::to_string(rng.range(1, 9)) + "-15\"";
  s += ",\"security_assessment_done\":" + b(rng.chance(90));
  if (rng.chance(85)) s += ",\"filing_id\":\"Beijing-Svc-2024" + std::to_string(100000 + index) + "\"";
  s += ",\"working_days_to_filing\":" + std::to_string(rng.range(-5, 12));
  s += ",\"required_licenses\":[\"ICP\"],\"minor_access_blocked\":" + b(rng.chance(60));
  s += ",\"serves_minors\":" + b(rng.chance(30)) + ",\"anti_addiction_measures\":" + b(rng.chance(80));
  s += ",\"disclosed_audience\":true,\"disclosed_purposes\":true,\"disclosed_occasions\":" + b(rng.chance(90));
  s += ",\"user_guidance_published\":true,\"complaint_entry\":true,\"complaint_process_published\":" + b(rng.chance(90));
  s += ",\"feedback_limit\":\"15d\",\"labeling_in_agreement\":" + b(rng.chance(85));
  s += ",\"pi_collected\":[\"phone_number\"],\"pi_necessary\":[\"phone_number\"],\"trains_on_user_input\":" +
       b(rng.chance(60)) + ",\"training_opt_out\":" + b(rng.chance(80)) + ",\"opt_out_clicks\":" +
       std::to_string(rng.range(1, 6)) + "}";
  return s;
}

std::string riskTags(Rng& rng, int percent) {
  std::string s = "[";
  if (rng.chance(percent)) {
    int64_t first = rng.range(0, kRiskTagCount - 1);
    s += std::string("\"") + kRiskTags[first] + "\"";
    if (rng.chance(30)) s += std::string(",\"") + kRiskTags[(first + rng.range(1, 5)) % kRiskTagCount] + "\"";
  }
  return s + "]";
}

}  // namespace

struct EventGenerator::Impl {
  Rng rng;
  std::vector<std::string> services;
  explicit Impl(uint64_t seed) : rng(seed) {
    for (int i = 0; i < 12; ++i) services.push_back(makeService(rng, i + 1));
  }

  std::string user() {
    std::string s = "{\"id\":\"u-" + std::to_string(rng.range(1000, 99999)) + "\"";
    s += ",\"registered\":" + b(rng.chance(97)) + ",\"agreement_signed\":" + b(rng.chance(99));
    s += ",\"agreement_has_label_duty\":" + b(rng.chance(50)) + ",\"real_name_verified\":" + b(rng.chance(90));
    if (rng.chance(75)) s += ",\"age\":" + std::to_string(rng.chance(6) ? rng.range(12, 17) : rng.range(18, 70));
    if (rng.chance(2)) s += ",\"illegal_inputs_consecutive\":" + std::to_string(rng.range(1, 5));
    if (rng.chance(2)) s += ",\"illegal_inputs_today\":" + std::to_string(rng.range(1, 8));
    return s + "}";
  }

  std::string output() {
    static const char* const kModalities[] = {"text", "image", "audio", "video", "virtual_scene"};
    static const int kWeights[] = {60, 20, 8, 10, 2};
    int64_t r = rng.range(0, 99), m = 0;
    while (r >= kWeights[m]) r -= kWeights[m++];
    std::string modality = kModalities[m];
    std::string s = "{\"modality\":\"" + modality + "\"";
    if (m == 0) {
      s += ",\"text\":\"";
      appendText(rng, s, rng.range(20, 400));
      s += "\",\"ds_category\":\"dialogue_writing\"";
    } else {
      static const char* const kCategories[] = {"", "other_synthesis", "voice", "face_body", "immersive_scene"};
      s += std::string(",\"ds_category\":\"") + kCategories[m] + "\"";
    }
    bool labeled = rng.chance(96);
    s += ",\"explicit_label\":" + b(labeled);
    if (labeled && m != 0) {
      static const char* const kPositions[] = {"", "[\"in_image\"]", "[\"start\"]", "[\"start\",\"around_player\"]",
                                               "[\"interface\"]"};
      s += ",\"label\":{\"has_ai_term\":" + b(rng.chance(95)) + ",\"has_gen_term\":" + b(rng.chance(95)) +
           ",\"positions\":" + (rng.chance(90) ? kPositions[m] : "[\"interface\"]");
      if (m == 1 || m == 3) s += ",\"height_ratio\":0.0" + std::to_string(rng.range(5, 9));
      if (m == 3) s += ",\"start_secs\":" + std::to_string(rng.range(1, 4)) + ".0";
      s += "}";
    }
    bool exported = rng.chance(20);
    if ((m != 0 || exported) && rng.chance(95))
      s += ",\"meta\":{\"aigc_label\":\"" + std::string(rng.chance(95) ? "1" : "2") +
           "\",\"content_producer\":\"prov-1\",\"produce_id\":\"gen-" + std::to_string(rng.range(1, 999999)) + "\"}";
    s += ",\"risk_tags\":" + riskTags(rng, 5);
    s += ",\"exported\":" + b(exported) + ",\"depicts_real_person\":" + b(rng.chance(2));
    s += ",\"biometric_edit\":" + b(rng.chance(1)) + ",\"watermarked\":" + b(rng.chance(70));
    return s + "}";
  }

  std::string prompt() {
    std::string s = "{\"text\":\"";
    if (rng.chance(2)) {
      s += kRemovalPrompts[rng.range(0, 2)];
    } else {
      appendText(rng, s, rng.range(5, 120));
    }
    return s + "\",\"risk_tags\":" + riskTags(rng, 3) + "}";
  }

  std::string event() {
    std::string s = "{\"at\":\"" + timestamp(rng.range(0, 30 * 86400 - 1)) + "\"";
    s += ",\"service\":" + services[size_t(rng.range(0, int64_t(services.size()) - 1))];
    s += ",\"user\":" + user();
    s += ",\"output\":" + output();
    s += ",\"prompt\":" + prompt();
    int64_t log = rng.range(0, 9);
    if (log < 5) s += ",\"log_retention\":\"180d\"";
    if (log == 5) s += ",\"log_retention\":\"30d\"";
    return s + "}";
  }
};

EventGenerator::EventGenerator(uint64_t seed) : impl_(new Impl(seed)) {}
EventGenerator::~EventGenerator() { delete impl_; }
std::string EventGenerator::next() { return impl_->event(); }

std::vector<std::string> generateEvents(size_t count, uint64_t seed) {
  EventGenerator gen(seed);
  std::vector<std::string> events;
  events.reserve(count);
  for (size_t i = 0; i < count; ++i) events.push_back(gen.next());
  return events;
}

}  // namespace gai::bench
