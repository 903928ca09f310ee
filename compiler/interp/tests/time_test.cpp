#include "test_util.h"

namespace gai::interp::test {
namespace {

TEST(Time, TimestampArithmetic) {
  EXPECT_EQ(show("t: timestamp", "timestamp", "e.t + 1d12h", R"({"t":"2024-03-01T08:00:00+08:00"})"),
            "2024-03-02T12:00:00Z");
  EXPECT_EQ(show("t: timestamp", "timestamp", "e.t - 90m", R"({"t":"2024-03-01T00:00:00Z"})"), "2024-02-29T22:30:00Z");
  EXPECT_EQ(show("t: timestamp", "timestamp", "2h + e.t", R"({"t":"2024-03-01T00:00:00.5Z"})"), "2024-03-01T02:00:00.5Z");
  EXPECT_EQ(show("a: timestamp b: timestamp", "duration", "e.a - e.b",
                 R"({"a":"2024-03-02T00:00:00Z","b":"2024-03-01T00:00:00.9Z"})"), "23h59m59s");
  EXPECT_EQ(show("a: timestamp b: timestamp", "duration", "e.b - e.a",
                 R"({"a":"2024-03-02T00:00:00Z","b":"2024-03-01T00:00:00Z"})"), "-1d");
}

TEST(Time, TimestampOutOfRange) {
  EXPECT_EQ(show("t: timestamp", "timestamp", "e.t + 1d", R"({"t":"9999-12-31T12:00:00Z"})"),
            "<error: date or time out of range>");
  EXPECT_EQ(show("t: timestamp d: duration", "timestamp", "e.t + e.d * 200000000000000",
                 R"({"t":"2024-01-01T00:00:00Z","d":"1d"})"), "<error: integer overflow>");
}

TEST(Time, DateArithmetic) {
  EXPECT_EQ(show("d: date", "date", "e.d + 1d23h", R"({"d":"2024-02-28"})"), "2024-02-29");
  EXPECT_EQ(show("d: date", "date", "e.d - 2d", R"({"d":"2024-03-01"})"), "2024-02-28");
  EXPECT_EQ(show("d: date", "date", "e.d - 23h", R"({"d":"2024-03-01"})"), "2024-03-01");
  EXPECT_EQ(show("d: date", "date", "3d + e.d", R"({"d":"2024-03-01"})"), "2024-03-04");
  EXPECT_EQ(show("a: date b: date", "duration", "e.a - e.b", R"({"a":"2024-03-01","b":"2023-03-01"})"), "366d");
  EXPECT_EQ(show("d: date", "date", "e.d + 1d", R"({"d":"9999-12-31"})"), "<error: date or time out of range>");
  EXPECT_EQ(when("a: date b: date", "e.a < e.b and e.b >= e.a and e.a != e.b", R"({"a":"2024-03-01","b":"2024-03-02"})"),
            "fires");
}

TEST(Time, Durations) {
  EXPECT_EQ(show("d: duration", "duration", "e.d * 3 - 1h", R"({"d":"1d"})"), "2d23h");
  EXPECT_EQ(show("d: duration", "duration", "2 * e.d + 30s", R"({"d":"90m"})"), "3h30s");
  EXPECT_EQ(show("d: duration", "duration", "-e.d", R"({"d":"2h"})"), "-2h");
  EXPECT_EQ(when("d: duration", "e.d > 36h and e.d <= 2d", R"({"d":"1d12h1s"})"), "fires");
  EXPECT_EQ(when("d: duration", "e.d == 90m", R"({"d":"1h30m"})"), "fires");
}

TEST(Time, NowAndComparisons) {
  Opts run;
  run.now = "2024-03-01T10:00:00+08:00";
  EXPECT_EQ(show("t: timestamp", "duration", "now - e.t", R"({"t":"2024-03-01T00:00:00Z"})", "", run), "2h");
  EXPECT_EQ(when("t: timestamp", "now - e.t > 1h", R"({"t":"2024-03-01T00:00:00Z"})", "", run), "fires");
}

TEST(Time, NowIsAnErrorInTestMode) {
  Opts run;
  run.hasNow = false;
  EXPECT_EQ(when("t: timestamp", "now > e.t", R"({"t":"2024-03-01T00:00:00Z"})", "", run),
            "error: 'now' is not available (the test gives no 'now')");
}

TEST(Time, StdTime) {
  EXPECT_EQ(show("d: duration", "int", "time.days(e.d) * 100 + time.hours(e.d)", R"({"d":"2d5h"})"), "253");
  EXPECT_EQ(show("d: duration", "int", "time.minutes(e.d)", R"({"d":"-1h30m"})"), "-90");
  EXPECT_EQ(show("d: duration", "int", "time.hours(-e.d)", R"({"d":"1h59m"})"), "-1");
  EXPECT_EQ(show("t: timestamp", "date", "time.date_of(e.t)", R"({"t":"2024-03-01T20:00:00Z"})"),
            "2024-03-01");
  EXPECT_EQ(show("t: timestamp", "date", "time.date_of(e.t, 8)", R"({"t":"2024-03-01T20:00:00Z"})"),
            "2024-03-02");
  EXPECT_EQ(show("t: timestamp n: int", "date", "time.date_of(e.t, e.n)", R"({"t":"2024-03-01T20:00:00Z","n":25})"), "<error: offset out of range in time.date_of>");
}

}  // namespace
}  // namespace gai::interp::test
