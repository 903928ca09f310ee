// The On-Demand binder (json_bind_fast.h) against the DOM binder: it must bind exactly the
// documents the DOM binder binds, to the same bytes, and leave every other document (and
// so every error message) to the DOM binder.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/json_bind.h"
#include "core/json_bind_fast.h"
#include "core/layout.h"
#include "core/value_render.h"
#include "json_mutate.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

const char* kEvent =
    R"({"at":"2024-03-01T08:00:00+08:00","service":{"id":"s1","provider":{"id":"p1"},)"
    R"("offered_to_prc_public":true},"output":{"modality":"image"}})";

const char* kAll =
    R"({"b":true,"i":-7,"f":0.5,"s":"x\n\u4e2d","d":"2023-08-15","t":"2024-03-01T00:00:00Z","u":"1d12h",)"
    R"("e":"audio","li":[3,-1,3],"ls":["b","a"],"lr":[{"has_ai_term":false},{"has_ai_term":true,"height_ratio":2}],)"
    R"("se":["video","text","video"],"sb":["m65","m1"],"si":[5,1,5],"ss":["z","a","z"],"sf":[-0.0,0,1e3,2],)"
    R"("sd":["2024-01-02","2023-01-01"],"ob":null,"os":"\u00e9","orec":{"has_ai_term":true,"height_ratio":null}})";

std::string sub(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  return at == std::string::npos ? "(missing " + from + ")" : text.replace(at, from.size(), to);
}

class OnDemand : public ::testing::Test {
 protected:
  OnDemand() { dom.setOnDemand(false); }

  // What JsonBinder gives: "ok <rendered value>" or "error <message>".
  std::string outcome(JsonBinder& binder, const Type& type, std::string_view json) {
    arena.reset();
    BindError e;
    const void* v = binder.bind(json, type, arena, e);
    return v ? "ok " + renderValue(type, v) : "error " + e.toString();
  }
  void expectSame(const Type& type, std::string_view json) {
    std::string want = outcome(dom, type, json);
    EXPECT_EQ(outcome(both, type, json), want) << json;
  }
  // The On-Demand pass alone.
  bool direct(const Type& type, std::string_view json, BindLimits limits = {}) {
    std::string padded(json);
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    std::vector<char> out(type.size + 1, 0);
    Arena a;
    return bindOnDemand(parser, padded.data(), json.size(), padded.size(), type, out.data(), a, limits);
  }

  test::Schema s;
  Arena arena;
  JsonBinder both, dom;
  simdjson::ondemand::parser parser;
};

TEST_F(OnDemand, BindsValidDocumentsItself) {
  const std::vector<std::pair<const Type*, std::string>> valid = {
      {s.event, kEvent},
      {s.all, kAll},
      // Keys out of order, escaped, unknown (nested, with numbers of every kind), whitespace.
      {s.event, R"( { "output" : {"modality":"image","x":[1,-2.5e3,{"y":null,"z":[true,false]}]},)"
                R"("\u0061t":"2024-03-01T08:00:00Z", "service":{"provider":{"id":"p"},"id":"s",)"
                R"("offered_to_prc_public":false,"modalities":["text"]},"zz":"\"q\""} )"},
      {s.all, sub(sub(kAll, R"("b":true,)", R"("b" : false ,)"), "0.5", "-3")},
      {s.all, sub(kAll, "0.5", "0.599999999999999999999")},
      {s.all, sub(kAll, "0.5", "1e-320")},
  };
  for (const auto& [type, json] : valid) {
    EXPECT_TRUE(direct(*type, json)) << json;
    expectSame(*type, json);
    EXPECT_EQ(outcome(both, *type, json).substr(0, 3), "ok ") << json;
  }
  // An enum member spelt with escapes is left to the DOM binder, which binds it.
  std::string escaped = sub(kEvent, "\"image\"", "\"im\\u0061ge\"");
  EXPECT_FALSE(direct(*s.event, escaped));
  expectSame(*s.event, escaped);
  EXPECT_EQ(outcome(both, *s.event, escaped), outcome(both, *s.event, kEvent));
}

TEST_F(OnDemand, LeavesEveryErrorToTheDomBinder) {
  std::string event = kEvent;
  auto with = [&](const std::string& extra) { return "{" + extra + "," + event.substr(1); };
  const std::vector<std::string> rejected = {
      event + "}",
      event + " x",
      event + " {}",
      with(R"("a":"x)" + std::string(1, '\x01') + R"(")"),
      with(R"("a":"\q")"),
      with(R"("a":"\ud800")"),
      with(R"("a":{"b":1,"b":2})"),
      with(R"("a":1,"a":1)"),
      with(R"("a":123456789012345678901234567890)"),
      with(R"("a":1e400)"),
      with(R"("a":01)"),
      with(R"("a":tru)"),
      with(R"("a":nul)"),
      with(R"("a":[1,])"),
      with(R"("a":{"b":1,})"),
      with(R"("a" 1)"),
      with(R"("a":[1 2])"),
      with(R"("at":"2024-03-01T08:00:00Z")"),
      std::string(event).replace(event.find("true"), 4, "1"),
      std::string(event).replace(event.find("image"), 5, "picture"),
      std::string(event).replace(event.find("\"s1\""), 4, "null"),
      R"({"at":"2024-03-01T08:00:00Z"})",
      "[" + event + "]",
      "{\"z\":" + std::string(kMaxFastDepth, '[') + std::string(kMaxFastDepth, ']') + "," + event.substr(1),
  };
  for (const std::string& json : rejected) {
    EXPECT_FALSE(direct(*s.event, json)) << json;
    expectSame(*s.event, json);
  }
  std::string all = kAll;
  const std::vector<std::string> rejectedAll = {
      std::string(all).replace(all.find("-7"), 2, "7.0"),
      std::string(all).replace(all.find("-7"), 2, "9223372036854775808"),
      std::string(all).replace(all.find("2023-08-15"), 10, "2023-02-30"),
      std::string(all).replace(all.find("[3,-1,3]"), 8, "[3,\"x\"]"),
      std::string(all).replace(all.find("\"m65\""), 5, "\"m99\""),
  };
  for (const std::string& json : rejectedAll) {
    EXPECT_FALSE(direct(*s.all, json)) << json;
    expectSame(*s.all, json);
  }
}

TEST_F(OnDemand, LimitsAndStrictInputGoToTheDomBinder) {
  BindLimits limits;
  limits.maxStringBytes = 2;
  EXPECT_FALSE(direct(*s.event, kEvent, limits));
  limits = {};
  limits.maxArrayElements = 1;
  EXPECT_FALSE(direct(*s.all, kAll, limits));
  limits = {};
  limits.maxDepth = 3;
  EXPECT_FALSE(direct(*s.event, kEvent, limits));
  limits = {};
  limits.strict = true;
  EXPECT_TRUE(direct(*s.event, kEvent, limits));
  std::string unknown = std::string(kEvent).insert(1, R"("colour":1,)");
  EXPECT_FALSE(direct(*s.event, unknown, limits));
  both.setLimits(limits);
  dom.setLimits(limits);
  expectSame(*s.event, unknown);
}

// A document the On-Demand pass gives up on late must not cost the arena its bytes.
TEST_F(OnDemand, FailedPassGivesItsArenaBytesBack) {
  std::string big(2000, 'x');
  std::string json = std::string(kAll).replace(std::string(kAll).find("\"x\\n"), 1, "\"" + big);
  json.replace(json.find("\"sd\""), 4, "\"sd\":1,\"zz\"");
  Arena small(3000);
  BindError e;
  EXPECT_EQ(both.bind(json, *s.all, small, e), nullptr);
  EXPECT_EQ(e.toString(), "$.sd: expected set<date>, got number");
}

TEST_F(OnDemand, AgreesWithDomOnMutations) {
  std::mt19937 rng(20261130);
  const std::vector<std::pair<const Type*, std::string>> seeds = {{s.event, kEvent}, {s.all, kAll}};
  const char* const tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "1", "-0", "1e999",
                          "99999999999999999999", "\"a\"", "\"at\"", "\"b\"", "\"i\"", " ", "\"\\u00e9\""};
  for (int round = 0; round < 20000; ++round) {
    const auto& [type, seed] = seeds[rng() % seeds.size()];
    std::string bytes = mutateJson(seed, rng, tokens);
    expectSame(*type, bytes);
  }
}

// Names sharing their first bytes leave a record without a perfect hash: keys are then
// looked for among the later fields, then by name.
TEST_F(OnDemand, RecordWithoutKeyHash) {
  TypeTable t;
  Type* r = t.addRecord("R");
  t.addField(r, "id", t.stringType());
  t.addField(r, "pi_a", t.optionalOf(t.intType()));
  t.addField(r, "pi_b", t.optionalOf(t.intType()));
  t.addField(r, "pi_c", t.boolType());
  t.addField(r, "a_very_long_field_name_beyond_31_bytes", t.optionalOf(t.boolType()));
  ASSERT_TRUE(t.finalize());
  EXPECT_TRUE(r->keyDispatch.slots.empty());
  for (const char* json : {R"({"id":"x","pi_c":true})", R"({"pi_c":false,"pi_b":2,"id":"y","pi_a":1})",
                           R"({"id":"x","pi_b":3,"pi_c":true,"a_very_long_field_name_beyond_31_bytes":true})",
                           R"({"id":"x","pi_\u0062":3,"pi_c":true})"}) {
    EXPECT_TRUE(direct(*r, json)) << json;
    expectSame(*r, json);
  }
  for (const char* json : {R"({"id":"x","pi_c":true,"pi_c":true})", R"({"id":"x","pi_b":3})"}) {
    EXPECT_FALSE(direct(*r, json)) << json;
    expectSame(*r, json);
  }
}

TEST(ArenaMark, RewindGivesBackWhatFollowedTheMark) {
  Arena arena(1 << 20, 64);
  Arena::Mark empty = arena.mark();
  arena.allocate(10);
  arena.rewind(empty);
  EXPECT_EQ(arena.bytesUsed(), 0u);
  void* first = arena.allocate(16);
  Arena::Mark mark = arena.mark();
  size_t used = arena.bytesUsed();
  for (int i = 0; i < 50; ++i) ASSERT_NE(arena.allocate(40), nullptr);  // several new chunks
  size_t reserved = arena.bytesReserved();
  arena.rewind(mark);
  EXPECT_EQ(arena.bytesUsed(), used);
  for (int i = 0; i < 50; ++i) ASSERT_NE(arena.allocate(40), nullptr);  // the kept chunks again
  EXPECT_EQ(arena.bytesReserved(), reserved);
  arena.rewind(mark);
  EXPECT_EQ(static_cast<char*>(arena.allocate(16, 1)), static_cast<char*>(first) + 16);
}

}  // namespace
}  // namespace gai::rt
