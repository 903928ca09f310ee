#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>

#include "core/civil_time.h"
#include "core/json_bind.h"
#include "core/layout.h"
#include "core/value_render.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

std::string f(double v) {
  std::string out;
  renderFloat(v, out);
  return out;
}

TEST(Render, FloatsShortestRoundTrip) {
  EXPECT_EQ(f(0.1), "0.1");
  EXPECT_EQ(f(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(f(2.0), "2");
  EXPECT_EQ(f(-1.5), "-1.5");
  EXPECT_EQ(f(100000.0), "100000");
  EXPECT_EQ(f(123456.789), "123456.789");
  EXPECT_EQ(f(1e21), "1e+21");
  EXPECT_EQ(f(1e16), "10000000000000000");
  EXPECT_EQ(f(1e-7), "1e-7");
  EXPECT_EQ(f(1.5e-7), "1.5e-7");
  EXPECT_EQ(f(0.000001), "0.000001");
  EXPECT_EQ(f(123e-20), "1.23e-18");
  EXPECT_EQ(f(1e20), "100000000000000000000");
  EXPECT_EQ(f(1.25e20), "125000000000000000000");
  EXPECT_EQ(f(-2.5e30), "-2.5e+30");
  EXPECT_EQ(f(0.001), "0.001");
  EXPECT_EQ(f(5e-324), "5e-324");
  EXPECT_EQ(f(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(f(-0.0), "-0");
  EXPECT_EQ(f(0.0), "0");
  EXPECT_EQ(f(std::nan("")), "nan");
  EXPECT_EQ(f(-std::nan("")), "nan");
  EXPECT_EQ(f(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(f(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(Render, FloatsReadBack) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, 8);
    if (!std::isfinite(v)) continue;
    std::string text = f(v);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), v) << text;
  }
}

TEST(Render, Scalars) {
  TypeTable t;
  int64_t i = -42;
  EXPECT_EQ(renderValue(*t.intType(), &i), "-42");
  int64_t d = 36 * 3600;
  EXPECT_EQ(renderValue(*t.durationType(), &d), "1d12h");
  d = -7200;
  EXPECT_EQ(renderValue(*t.durationType(), &d), "-2h");
  d = 0;
  EXPECT_EQ(renderValue(*t.durationType(), &d), "0s");
  d = 5400;
  EXPECT_EQ(renderValue(*t.durationType(), &d), "1h30m");
  int32_t date = *parseDate("2023-08-15");
  EXPECT_EQ(renderValue(*t.dateType(), &date), "2023-08-15");
  int64_t ts = *parseTimestamp("2024-03-01T08:00:00.25+08:00");
  EXPECT_EQ(renderValue(*t.timestampType(), &ts), "2024-03-01T00:00:00.25Z");
  ts = 1;
  EXPECT_EQ(renderValue(*t.timestampType(), &ts), "1970-01-01T00:00:00.000001Z");
  ts = -1;
  EXPECT_EQ(renderValue(*t.timestampType(), &ts), "1969-12-31T23:59:59.999999Z");
  ts = *parseTimestamp("2024-03-01T00:00:00.123456789Z");  // truncated to microseconds
  EXPECT_EQ(renderValue(*t.timestampType(), &ts), "2024-03-01T00:00:00.123456Z");
  uint8_t b = 1;
  EXPECT_EQ(renderValue(*t.boolType(), &b), "true");
  Str s{"a \"q\"", 5};
  EXPECT_EQ(renderValue(*t.stringType(), &s), "a \"q\"");
  EXPECT_EQ(renderValue(*t.stringType(), &s, true), "\"a \\\"q\\\"\"");
}

TEST(Render, NestedValues) {
  test::Schema s;
  Arena arena;
  JsonBinder binder;
  BindError e;
  const char* json =
      R"({"b":false,"i":3,"f":0.1,"s":"top","d":"2023-08-15","t":"2024-03-01T00:00:00Z","u":"90m",)"
      R"("e":"virtual_scene","li":[2,1,2],"ls":["x","y\n"],"lr":[{"has_ai_term":true,"height_ratio":0.05}],)"
      R"("se":["video","text"],"sb":["m69","m0"],"si":[5,-1],"ss":["b","a"],"sf":[1e21,0.5],)"
      R"("sd":["2024-02-29"],"os":null,"orec":{"has_ai_term":false}})";
  const void* v = binder.bind(json, *s.all, arena, e);
  ASSERT_NE(v, nullptr) << e.toString();
  EXPECT_EQ(renderValue(*s.all, v),
            "{b: false, i: 3, f: 0.1, s: \"top\", d: 2023-08-15, t: 2024-03-01T00:00:00Z, u: 1h30m, "
            "e: virtual_scene, li: [2, 1, 2], ls: [\"x\", \"y\\n\"], lr: [{has_ai_term: true, height_ratio: 0.05}], "
            "se: [text, video], sb: [m0, m69], si: [-1, 5], ss: [\"a\", \"b\"], sf: [0.5, 1e+21], "
            "sd: [2024-02-29], ob: none, os: none, orec: {has_ai_term: false, height_ratio: none}}");
  int i = s.all->findField("ls");
  EXPECT_EQ(renderValue(*s.all->fields[i].type, fieldAddress(*s.all, i, v)), "[\"x\", \"y\\n\"]");
  i = s.all->findField("li");
  Slice empty{nullptr, 0};
  EXPECT_EQ(renderValue(*s.all->fields[i].type, &empty), "[]");
  uint64_t none = 0;
  EXPECT_EQ(renderValue(*s.table.setOf(s.modality), &none), "[]");
}

TEST(Render, OptionalPresentRendersValue) {
  TypeTable t;
  const Type* oi = t.optionalOf(t.intType());
  ASSERT_TRUE(t.finalize());
  alignas(8) unsigned char bytes[16] = {};
  EXPECT_EQ(renderValue(*oi, bytes), "none");
  bytes[0] = 1;
  int64_t seven = 7;
  std::memcpy(bytes + 8, &seven, 8);
  EXPECT_EQ(renderValue(*oi, bytes), "7");
}

}  // namespace
}  // namespace gai::rt
