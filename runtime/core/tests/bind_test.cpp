#include <gtest/gtest.h>

#include <random>

#include "core/civil_time.h"
#include "core/json_bind.h"
#include "core/layout.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

const char* kEvent =
    R"({"at":"2024-03-01T08:00:00+08:00","service":{"id":"s1","provider":{"id":"p1"},)"
    R"("offered_to_prc_public":true},"output":{"modality":"image"}})";

// Every test runs twice: On-Demand first with the DOM binder behind it (what hosts get), and
// the DOM binder alone.
class Bind : public ::testing::TestWithParam<bool> {
 protected:
  Bind() { binder.setOnDemand(GetParam()); }

  std::string err(const Type* type, std::string_view json) {
    BindError e;
    const void* v = binder.bind(json, *type, arena, e);
    EXPECT_EQ(v, nullptr) << json;
    return e.toString();
  }
  const void* ok(const Type* type, std::string_view json) {
    BindError e;
    const void* v = binder.bind(json, *type, arena, e);
    EXPECT_NE(v, nullptr) << json << " -> " << e.toString();
    return v;
  }
  // `{"i":1, <extra>}` for the All record with every required field given.
  std::string all(const std::string& extra) {
    std::string base =
        R"({"b":true,"i":-7,"f":0.5,"s":"x","d":"2023-08-15","t":"2024-03-01T00:00:00Z","u":"1d12h",)"
        R"("e":"audio","li":[],"ls":[],"lr":[],"se":[],"sb":[],"si":[],"ss":[],"sf":[],"sd":[])";
    return base + (extra.empty() ? "" : "," + extra) + "}";
  }
  template <typename T>
  T get(const Type* record, const void* base, const char* field) {
    T v;
    int i = record->findField(field);
    EXPECT_GE(i, 0);
    std::memcpy(&v, fieldAddress(*record, static_cast<uint32_t>(i), base), sizeof v);
    return v;
  }
  std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    size_t pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    return text;
  }

  test::Schema s;
  Arena arena;
  JsonBinder binder;
};

TEST_P(Bind, EventWithDefaults) {
  const void* v = ok(s.event, kEvent);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<int64_t>(s.event, v, "at"), daysFromCivil(2024, 3, 1) * 86400 * kMicrosPerSecond);
  const void* out = fieldAddress(*s.event, 2, v);
  EXPECT_EQ(get<uint32_t>(s.output, out, "modality"), 1u);
  EXPECT_EQ(get<Str>(s.output, out, "text").len, 0);
  EXPECT_EQ(get<uint64_t>(s.output, out, "risk_tags"), 0u);
  EXPECT_EQ(get<uint8_t>(s.output, out, "explicit_label"), 0u);
  EXPECT_EQ(get<uint8_t>(s.output, out, "label"), 0u);  // none
  const void* svc = fieldAddress(*s.event, 1, v);
  EXPECT_EQ(get<Str>(s.service, svc, "id").view(), "s1");
  EXPECT_EQ(get<uint8_t>(s.service, svc, "offered_to_prc_public"), 1u);
  EXPECT_EQ(get<uint8_t>(s.service, svc, "launch_date"), 0u);
}

TEST_P(Bind, EveryType) {
  std::string json = all(R"("ob":false,"os":"中文\u00e9","orec":{"has_ai_term":true,"height_ratio":3})");
  json = replaceAll(json, R"("li":[])", R"("li":[3,-1,3])");
  json = replaceAll(json, R"("ls":[])", R"("ls":["b","a"])");
  json = replaceAll(json, R"("lr":[])", R"("lr":[{"has_ai_term":false},{"has_ai_term":true,"height_ratio":null}])");
  json = replaceAll(json, R"("se":[])", R"("se":["video","text","video"])");
  json = replaceAll(json, R"("sb":[])", R"("sb":["m65","m1","m65"])");
  json = replaceAll(json, R"("si":[])", R"("si":[3,1,3,-9223372036854775808])");
  json = replaceAll(json, R"("ss":[])", R"("ss":["b","","a","b"])");
  json = replaceAll(json, R"("sf":[])", R"("sf":[2,0.5,2.0])");
  json = replaceAll(json, R"("sd":[])", R"("sd":["2024-01-02","2023-01-02"])");
  const Type* a = s.all;
  const void* v = ok(a, json);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<uint8_t>(a, v, "b"), 1u);
  EXPECT_EQ(get<int64_t>(a, v, "i"), -7);
  EXPECT_EQ(get<double>(a, v, "f"), 0.5);
  EXPECT_EQ(get<Str>(a, v, "s").view(), "x");
  EXPECT_EQ(get<int32_t>(a, v, "d"), *parseDate("2023-08-15"));
  EXPECT_EQ(get<int64_t>(a, v, "u"), 36 * 3600);
  EXPECT_EQ(get<uint32_t>(a, v, "e"), 2u);
  Slice li = get<Slice>(a, v, "li");
  ASSERT_EQ(li.count, 3);
  EXPECT_EQ(static_cast<const int64_t*>(li.data)[1], -1);  // lists keep order and duplicates
  Slice ls = get<Slice>(a, v, "ls");
  ASSERT_EQ(ls.count, 2);
  EXPECT_EQ(static_cast<const Str*>(ls.data)[0].view(), "b");
  Slice lr = get<Slice>(a, v, "lr");
  ASSERT_EQ(lr.count, 2);
  EXPECT_EQ(*(static_cast<const uint8_t*>(lr.data) + s.label->size), 1u);
  EXPECT_EQ(get<uint64_t>(a, v, "se"), (1u << 0) | (1u << 3));
  Slice sb = get<Slice>(a, v, "sb");
  ASSERT_EQ(sb.count, 2);
  EXPECT_EQ(static_cast<const uint32_t*>(sb.data)[0], 1u);
  EXPECT_EQ(static_cast<const uint32_t*>(sb.data)[1], 65u);
  Slice si = get<Slice>(a, v, "si");
  ASSERT_EQ(si.count, 3);
  EXPECT_EQ(static_cast<const int64_t*>(si.data)[0], INT64_MIN);
  EXPECT_EQ(static_cast<const int64_t*>(si.data)[2], 3);
  Slice ss = get<Slice>(a, v, "ss");
  ASSERT_EQ(ss.count, 3);
  EXPECT_EQ(static_cast<const Str*>(ss.data)[0].view(), "");
  EXPECT_EQ(static_cast<const Str*>(ss.data)[2].view(), "b");
  Slice sf = get<Slice>(a, v, "sf");
  ASSERT_EQ(sf.count, 2);
  Slice sd = get<Slice>(a, v, "sd");
  ASSERT_EQ(sd.count, 2);
  EXPECT_EQ(static_cast<const int32_t*>(sd.data)[0], *parseDate("2023-01-02"));
  const char* ob = static_cast<const char*>(fieldAddress(*a, a->findField("ob"), v));
  EXPECT_EQ(ob[0], 1);
  EXPECT_EQ(ob[1], 0);
  const char* os = static_cast<const char*>(fieldAddress(*a, a->findField("os"), v));
  EXPECT_EQ(os[0], 1);
  EXPECT_EQ(reinterpret_cast<const Str*>(os + 8)->view(), "中文é");
  const char* orec = static_cast<const char*>(fieldAddress(*a, a->findField("orec"), v));
  EXPECT_EQ(orec[0], 1);
  EXPECT_EQ(orec[8], 1);          // has_ai_term
  EXPECT_EQ(orec[8 + 8], 1);      // height_ratio present
  double ratio;
  std::memcpy(&ratio, orec + 8 + 16, 8);
  EXPECT_EQ(ratio, 3.0);          // an int where a float is expected
}

TEST_P(Bind, EscapedEnumAndUnknownFieldsIgnored) {
  std::string json = replaceAll(kEvent, R"("modality":"image")",
                                R"("modality":"im\u0061ge","colour":{"x":[1,{"y":null}]},"n":123456789012345678901234567890)");
  const void* v = ok(s.event, json);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<uint32_t>(s.output, fieldAddress(*s.event, 2, v), "modality"), 1u);
}

TEST_P(Bind, ErrorInvalidJson) {
  EXPECT_EQ(err(s.event, R"({"at":)"), "invalid JSON: malformed structure");
  EXPECT_EQ(err(s.event, R"({"at":"2024)"), "invalid JSON: unclosed string");
  EXPECT_EQ(err(s.event, R"({"at":tru})"), "invalid JSON: invalid literal");
  EXPECT_EQ(err(s.event, R"({"a":1} x)"), "invalid JSON: malformed structure");
  EXPECT_EQ(err(s.event, R"({"a":01})"), "invalid JSON: invalid number at $.a");
  EXPECT_EQ(err(s.event, R"({"a":"\q"})"), "invalid JSON: invalid string escape");
}

TEST_P(Bind, ErrorTopLevelNotObject) {
  EXPECT_EQ(err(s.event, "[1,2]"), "$: expected GenerationEvent, got array");
  EXPECT_EQ(err(s.event, "\"x\""), "$: expected GenerationEvent, got string");
  EXPECT_EQ(err(s.event, "null"), "$: expected GenerationEvent, got null");
  EXPECT_EQ(err(s.event, "12"), "$: expected GenerationEvent, got number");
}

TEST_P(Bind, ErrorDuplicateKeys) {
  std::string json = replaceAll(kEvent, R"("modality":"image")", R"("modality":"image","modality":"text")");
  EXPECT_EQ(err(s.event, json), "$.output.modality: duplicate key");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "{\"at\"", R"({"zz":1,"zz":2,"at")")), "$.zz: duplicate key");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "{\"at\"", R"({"zz":[{"a":1,"a":2}],"at")")), "$.zz[0].a: duplicate key");
}

TEST_P(Bind, ErrorBlankLine) {
  EXPECT_EQ(err(s.event, ""), "blank line");
  EXPECT_EQ(err(s.event, " \t\r\n"), "blank line");
}

TEST_P(Bind, ErrorWrongType) {
  std::string json = replaceAll(kEvent, R"("offered_to_prc_public":true)", R"("offered_to_prc_public":"yes")");
  EXPECT_EQ(err(s.event, json), "$.service.offered_to_prc_public: expected bool, got string");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, R"({"id":"p1"})", "[]")), "$.service.provider: expected Provider, got array");
  EXPECT_EQ(err(s.all, all(R"("ob":1)")), "$.ob: expected bool, got number");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("ls":[])", R"("ls":["a",7])")), "$.ls[1]: expected string, got number");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("se":[])", R"("se":{})")), "$.se: expected set<Modality>, got object");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("u":"1d12h")", R"("u":3600)")), "$.u: expected duration, got number");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("f":0.5)", R"("f":"0.5")")), "$.f: expected float, got string");
}

TEST_P(Bind, ErrorIntegers) {
  auto withInt = [&](const char* text) { return replaceAll(all(""), R"("i":-7)", std::string("\"i\":") + text); };
  EXPECT_EQ(err(s.all, withInt("1.5")), "$.i: expected int, got a number with a fraction or exponent");
  EXPECT_EQ(err(s.all, withInt("1e2")), "$.i: expected int, got a number with a fraction or exponent");
  EXPECT_EQ(err(s.all, withInt("1.0")), "$.i: expected int, got a number with a fraction or exponent");
  EXPECT_EQ(err(s.all, withInt("9223372036854775808")), "$.i: integer beyond 64 bits");
  EXPECT_EQ(err(s.all, withInt("18446744073709551616")), "$.i: integer beyond 64 bits");
  EXPECT_EQ(err(s.all, withInt("-9223372036854775809")), "$.i: integer beyond 64 bits");
  EXPECT_EQ(err(s.all, withInt("123456789012345678901234567890123456789")), "$.i: integer beyond 64 bits");
  const void* v = ok(s.all, withInt("-9223372036854775808"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<int64_t>(s.all, v, "i"), INT64_MIN);
  v = ok(s.all, withInt("9223372036854775807"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<int64_t>(s.all, v, "i"), INT64_MAX);
  std::string list = replaceAll(all(""), R"("li":[])", R"("li":[1,99999999999999999999])");
  EXPECT_EQ(err(s.all, list), "$.li[1]: integer beyond 64 bits");
}

TEST_P(Bind, FloatsAcceptAnyNumber) {
  auto withFloat = [&](const char* text) { return replaceAll(all(""), R"("f":0.5)", std::string("\"f\":") + text); };
  const void* v = ok(s.all, withFloat("100000000000000000000000"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<double>(s.all, v, "f"), 1e23);
  v = ok(s.all, withFloat("-3"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<double>(s.all, v, "f"), -3.0);
  v = ok(s.all, withFloat("18446744073709551615"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<double>(s.all, v, "f"), 18446744073709551615.0);
  EXPECT_EQ(err(s.all, withFloat("1e400")), "$.f: number out of range");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("sf":[])", R"("sf":[1,-1e999])")), "$.sf[1]: number out of range");
}

TEST_P(Bind, ErrorMalformedTimes) {
  EXPECT_EQ(err(s.all, replaceAll(all(""), "2023-08-15", "2023-02-30")),
            "$.d: malformed date \"2023-02-30\"; expected YYYY-MM-DD");
  EXPECT_EQ(err(s.all, replaceAll(all(""), "2024-03-01T00:00:00Z", "2024-03-01 00:00:00")),
            "$.t: malformed timestamp \"2024-03-01 00:00:00\"; expected RFC 3339, e.g. 2024-03-01T08:00:00Z");
  EXPECT_EQ(err(s.all, replaceAll(all(""), "1d12h", "12h1d")),
            "$.u: malformed duration \"12h1d\"; expected units d h m s in that order, e.g. \"1d12h\"");
  std::string long_(200, 'x');
  EXPECT_EQ(err(s.all, replaceAll(all(""), "1d12h", long_)),
            "$.u: malformed duration \"" + std::string(64, 'x') + "\"...; expected units d h m s in that order, e.g. \"1d12h\"");
}

TEST_P(Bind, ErrorUnknownEnumMember) {
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "\"image\"", "\"picture\"")),
            "$.output.modality: unknown Modality \"picture\"; expected one of text, image, audio, video, "
            "virtual_scene, other");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, R"("offered_to_prc_public":true)",
                                    R"("offered_to_prc_public":true,"modalities":["text","Text"])")),
            "$.service.modalities[1]: unknown Modality \"Text\"; expected one of text, image, audio, video, "
            "virtual_scene, other");
}

TEST_P(Bind, ErrorMissingField) {
  EXPECT_EQ(err(s.event, replaceAll(kEvent, R"(,"output":{"modality":"image"})", "")), "$.output: missing required field");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, R"("provider":{"id":"p1"})", R"("provider":{})")),
            "$.service.provider.id: missing required field");
}

TEST_P(Bind, ErrorNullForNonOptional) {
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "\"image\"", "null")), "$.output.modality: expected Modality, got null");
  std::string json = replaceAll(kEvent, R"("offered_to_prc_public":true)",
                                R"("offered_to_prc_public":true,"launch_date":null,"feedback_limit":"2h")");
  EXPECT_NE(ok(s.event, json), nullptr);
}

TEST_P(Bind, ErrorInvalidUtf8) {
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "\"s1\"", "\"s\xff\"")), "invalid UTF-8");
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "\"s1\"", "\"\xc0\xaf\"")), "invalid UTF-8");  // overlong
  EXPECT_EQ(err(s.event, replaceAll(kEvent, "{\"at\"", "{\"k\xed\xa0\x80\":1,\"at\"")), "invalid UTF-8");  // surrogate
}

TEST_P(Bind, StrictRejectsUnknownFields) {
  std::string json = replaceAll(kEvent, R"("modality":"image")", R"("modality":"image","colour":"red")");
  EXPECT_NE(ok(s.event, json), nullptr);
  BindLimits strict;
  strict.strict = true;
  binder.setLimits(strict);
  EXPECT_EQ(err(s.event, json), "$.output.colour: unknown field of Output");
  json = replaceAll(kEvent, R"("modality":"image")", R"("modality":"image","a b":1)");
  EXPECT_EQ(err(s.event, json), "$.output[\"a b\"]: unknown field of Output");
}

TEST_P(Bind, Limits) {
  BindLimits limits;
  limits.maxStringBytes = 24;
  limits.maxArrayElements = 2;
  limits.maxDepth = 8;
  limits.maxDocumentBytes = 1000;
  binder.setLimits(limits);
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("s":"x")", R"("s":"xxxxxxxxxxxxxxxxxxxxxxxxx")")), "$.s: string longer than 24 bytes");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("li":[])", R"("li":[1,2,3])")), "$.li: array longer than 2 elements");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("se":[])", R"("se":["text","text","text"])")),
            "$.se: array longer than 2 elements");
  EXPECT_EQ(err(s.all, replaceAll(all(""), R"("b":true)", R"("b":true,"z":[[[[[[[[[[1]]]]]]]]]])")),
            "JSON nested deeper than 8 levels");
  EXPECT_EQ(err(s.all, std::string(1001, ' ')), "input longer than 1000 bytes");
  EXPECT_NE(ok(s.all, replaceAll(all(""), R"("li":[])", R"("li":[1,2])")), nullptr);
}

TEST_P(Bind, DepthLimitCountsTheTopLevelObject) {
  BindLimits limits;
  limits.maxDepth = 4;
  binder.setLimits(limits);
  std::string event = kEvent;
  std::string three = replaceAll(event, "{\"at\"", R"({"z":[[1]],"at")");   // 3 levels
  std::string four = replaceAll(event, "{\"at\"", R"({"z":[[[1]]],"at")");  // 4 levels
  std::string five = replaceAll(event, "{\"at\"", R"({"z":[[[[1]]]],"at")");
  EXPECT_NE(ok(s.event, three), nullptr);
  EXPECT_NE(ok(s.event, four), nullptr);
  EXPECT_EQ(err(s.event, five), "JSON nested deeper than 4 levels");
}

TEST_P(Bind, ByteOrderMarkIsSkipped) {
  EXPECT_NE(ok(s.event, "\xEF\xBB\xBF" + std::string(kEvent)), nullptr);
  EXPECT_EQ(err(s.event, "\xEF\xBB\xBF"), "blank line");
}

TEST_P(Bind, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "{\"z\":" + std::string(1000, '[') + std::string(1000, ']') + "}";
  EXPECT_EQ(err(s.event, deep), "JSON nested deeper than 128 levels");
  std::string deepObj;
  for (int i = 0; i < 1000; ++i) deepObj += "{\"a\":";
  deepObj += "1" + std::string(1000, '}');
  EXPECT_EQ(err(s.event, deepObj), "JSON nested deeper than 128 levels");
  std::string unbalanced(100000, '[');
  EXPECT_FALSE(err(s.event, unbalanced).empty());
}

TEST_P(Bind, ArenaExhaustion) {
  Arena tiny(64, 64);
  BindError e;
  EXPECT_EQ(binder.bind(kEvent, *s.event, tiny, e), nullptr);
  EXPECT_EQ(e.toString(), "input too large for the arena");
}

TEST_P(Bind, HostileBytes) {
  std::string event = kEvent;
  // Every truncation is an error, never a crash.
  for (size_t n = 0; n < event.size(); ++n) EXPECT_FALSE(err(s.event, event.substr(0, n)).empty()) << n;
  EXPECT_EQ(err(s.event, std::string("{\"a\":\"x\0y\"}", 11)), "invalid JSON: unescaped control character in string");
  EXPECT_FALSE(err(s.event, std::string("{}\0", 3)).empty());
  EXPECT_FALSE(err(s.event, std::string("\0", 1)).empty());
  // A NUL escaped inside a string is a valid string value.
  std::string nul = replaceAll(kEvent, "\"s1\"", "\"s\\u0000t\"");
  const void* v = ok(s.event, nul);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<Str>(s.service, fieldAddress(*s.event, 1, v), "id").view(), std::string("s\0t", 3));
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = event;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) bytes[rng() % bytes.size()] = static_cast<char>(rng() % 256);
    BindError e;
    const void* r = binder.bind(bytes, *s.event, arena, e);
    EXPECT_TRUE(r != nullptr || !e.message.empty());
    arena.reset();
  }
  for (int round = 0; round < 500; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (char& c : bytes) c = "{}[]\":,0123456789-.eE \\ntrufalsx"[rng() % 33];
    BindError e;
    const void* r = binder.bind(bytes, *s.event, arena, e);
    EXPECT_TRUE(r != nullptr || !e.message.empty());
  }
}

TEST_P(Bind, BinderIsReusable) {
  for (int i = 0; i < 100; ++i) {
    EXPECT_NE(ok(s.event, kEvent), nullptr);
    EXPECT_EQ(err(s.event, "[]"), "$: expected GenerationEvent, got array");
    arena.reset();
  }
}

TEST_P(Bind, DefaultsOfEveryKind) {
  TypeTable t;
  Type* inner = t.addRecord("Inner");
  t.addField(inner, "x", t.intType());
  Type* outer = t.addRecord("Outer");
  t.addField(outer, "inner", inner);
  t.addField(outer, "tags", t.setOf(t.stringType()));
  t.addField(outer, "when", t.optionalOf(t.timestampType()));
  t.addField(outer, "name", t.stringType());
  ASSERT_TRUE(t.finalize());
  std::string e;
  ASSERT_TRUE(t.setDefaultJson(inner, 0, "5", &e)) << e;
  ASSERT_TRUE(t.setDefaultJson(outer, 0, "{}", &e)) << e;
  ASSERT_TRUE(t.setDefaultJson(outer, 1, R"(["b","a","b"])", &e)) << e;
  ASSERT_TRUE(t.setDefaultJson(outer, 2, R"("2024-01-01T00:00:00Z")", &e)) << e;
  EXPECT_FALSE(t.setDefaultJson(outer, 3, "5", &e));
  EXPECT_EQ(e, "$: expected string, got number");
  const void* v = ok(outer, "{\"name\":\"n\"}");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<int64_t>(outer, v, "inner"), 5);
  Slice tags = get<Slice>(outer, v, "tags");
  ASSERT_EQ(tags.count, 2);
  EXPECT_EQ(static_cast<const Str*>(tags.data)[0].view(), "a");
  EXPECT_EQ(*static_cast<const uint8_t*>(fieldAddress(*outer, 2, v)), 1u);
  // A given value replaces the default; null for an optional with a default is none.
  v = ok(outer, R"({"name":"n","inner":{"x":7},"when":null})");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(get<int64_t>(outer, v, "inner"), 7);
  EXPECT_EQ(*static_cast<const uint8_t*>(fieldAddress(*outer, 2, v)), 0u);
}

INSTANTIATE_TEST_SUITE_P(Paths, Bind, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& p) { return p.param ? "OnDemand" : "Dom"; });

}  // namespace
}  // namespace gai::rt
