#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/civil_time.h"
#include "stdlib/std.h"

namespace {

int64_t ts(const char* text) { return *gai::rt::parseTimestamp(text); }
int32_t date(const char* text) { return *gai::rt::parseDate(text); }

int32_t dateAt(int64_t micros, int64_t offset) {
  int32_t out = -1;
  EXPECT_EQ(gai_std_time_date_of_offset(micros, offset, &out), GAI_STD_OK);
  return out;
}

TEST(TimeUnits, TruncateTowardZero) {
  EXPECT_EQ(gai_std_time_days(*gai::rt::parseDuration("1d23h59m59s")), 1);
  EXPECT_EQ(gai_std_time_days(*gai::rt::parseDuration("-1d23h")), -1);
  EXPECT_EQ(gai_std_time_days(-86399), 0);
  EXPECT_EQ(gai_std_time_hours(*gai::rt::parseDuration("90m")), 1);
  EXPECT_EQ(gai_std_time_hours(-5399), -1);
  EXPECT_EQ(gai_std_time_hours(-3599), 0);
  EXPECT_EQ(gai_std_time_minutes(119), 1);
  EXPECT_EQ(gai_std_time_minutes(-119), -1);
  EXPECT_EQ(gai_std_time_minutes(0), 0);
  EXPECT_EQ(gai_std_time_days(INT64_MIN), INT64_MIN / 86400);
  EXPECT_EQ(gai_std_time_minutes(INT64_MAX), INT64_MAX / 60);
}

TEST(TimeDateOf, Utc) {
  EXPECT_EQ(gai_std_time_date_of(0), 0);
  EXPECT_EQ(gai_std_time_date_of(ts("2023-08-15T23:59:59.999999Z")), date("2023-08-15"));
  EXPECT_EQ(gai_std_time_date_of(ts("2023-08-16T00:00:00Z")), date("2023-08-16"));
  EXPECT_EQ(gai_std_time_date_of(ts("2023-08-16T07:59:59+08:00")), date("2023-08-15"));
  EXPECT_EQ(gai_std_time_date_of(-1), -1);  // 1969-12-31T23:59:59.999999Z
  EXPECT_EQ(gai_std_time_date_of(ts("1969-12-31T00:00:00Z")), -1);
  EXPECT_EQ(gai_std_time_date_of(ts("0001-01-01T00:00:00Z")), date("0001-01-01"));
}

TEST(TimeDateOf, OffsetsAroundMidnight) {
  int64_t lateUtc = ts("2023-08-15T16:00:00Z");  // 00:00 on the 16th at UTC+8
  EXPECT_EQ(dateAt(lateUtc, 8), date("2023-08-16"));
  EXPECT_EQ(dateAt(lateUtc - 1, 8), date("2023-08-15"));
  EXPECT_EQ(dateAt(lateUtc, 7), date("2023-08-15"));
  EXPECT_EQ(dateAt(lateUtc, 0), date("2023-08-15"));
  int64_t earlyUtc = ts("2023-08-15T03:00:00Z");
  EXPECT_EQ(dateAt(earlyUtc, -3), date("2023-08-15"));
  EXPECT_EQ(dateAt(earlyUtc - 1, -3), date("2023-08-14"));
  EXPECT_EQ(dateAt(earlyUtc, -24), date("2023-08-14"));
  EXPECT_EQ(dateAt(earlyUtc, 24), date("2023-08-16"));
  EXPECT_EQ(dateAt(-1, 0), -1);
  EXPECT_EQ(dateAt(-1, 1), 0);
}

TEST(TimeDateOf, OffsetOutOfRange) {
  int32_t out = 12345;
  EXPECT_EQ(gai_std_time_date_of_offset(0, 25, &out), GAI_STD_ERR_OFFSET_RANGE);
  EXPECT_EQ(gai_std_time_date_of_offset(0, -25, &out), GAI_STD_ERR_OFFSET_RANGE);
  EXPECT_EQ(gai_std_time_date_of_offset(0, INT64_MIN, &out), GAI_STD_ERR_OFFSET_RANGE);
  EXPECT_EQ(out, 12345);
  EXPECT_STREQ(gai_std_error_message(GAI_STD_ERR_OFFSET_RANGE),
               "offset out of range in time.date_of");
}

TEST(TimeDateOf, ExtremeTimestampsDoNotOverflow) {
  int32_t out = 12345;
  EXPECT_EQ(gai_std_time_date_of_offset(INT64_MAX, 24, &out), GAI_STD_ERR_DATE_RANGE);
  EXPECT_EQ(gai_std_time_date_of_offset(INT64_MIN, -24, &out), GAI_STD_ERR_DATE_RANGE);
  EXPECT_EQ(out, 12345);
}

TEST(TimeDateOf, DatePastYear9999IsAnError) {
  int32_t out = 12345;
  EXPECT_EQ(gai_std_time_date_of_offset(ts("9999-12-31T23:59:59Z"), 15, &out), GAI_STD_ERR_DATE_RANGE);
  EXPECT_EQ(gai_std_time_date_of_offset(ts("0001-01-01T00:00:00Z"), -1, &out), GAI_STD_ERR_DATE_RANGE);
  EXPECT_EQ(out, 12345);
  EXPECT_EQ(dateAt(ts("9999-12-31T08:59:59Z"), 15), date("9999-12-31"));
  EXPECT_EQ(dateAt(ts("0001-01-01T01:00:00Z"), -1), date("0001-01-01"));
  EXPECT_STREQ(gai_std_error_message(GAI_STD_ERR_DATE_RANGE), "date out of range in time.date_of");
}

TEST(MathAbs, Int) {
  int64_t out = 0;
  EXPECT_EQ(gai_std_math_abs_int(-5, &out), GAI_STD_OK);
  EXPECT_EQ(out, 5);
  EXPECT_EQ(gai_std_math_abs_int(7, &out), GAI_STD_OK);
  EXPECT_EQ(out, 7);
  EXPECT_EQ(gai_std_math_abs_int(INT64_MAX, &out), GAI_STD_OK);
  EXPECT_EQ(out, INT64_MAX);
  EXPECT_EQ(gai_std_math_abs_int(INT64_MIN + 1, &out), GAI_STD_OK);
  EXPECT_EQ(out, INT64_MAX);
  out = 99;
  EXPECT_EQ(gai_std_math_abs_int(INT64_MIN, &out), GAI_STD_ERR_ABS_OVERFLOW);
  EXPECT_EQ(out, 99);
  EXPECT_STREQ(gai_std_error_message(GAI_STD_ERR_ABS_OVERFLOW), "integer overflow in math.abs");
}

TEST(MathAbs, Float) {
  EXPECT_EQ(gai_std_math_abs_float(-2.5), 2.5);
  EXPECT_FALSE(std::signbit(gai_std_math_abs_float(-0.0)));
  EXPECT_EQ(gai_std_math_abs_float(-INFINITY), INFINITY);
  EXPECT_TRUE(std::isnan(gai_std_math_abs_float(-NAN)));
}

TEST(MathMinMax, Int) {
  EXPECT_EQ(gai_std_math_min_int(3, -4), -4);
  EXPECT_EQ(gai_std_math_max_int(3, -4), 3);
  EXPECT_EQ(gai_std_math_min_int(INT64_MIN, INT64_MAX), INT64_MIN);
  EXPECT_EQ(gai_std_math_max_int(INT64_MIN, INT64_MAX), INT64_MAX);
  EXPECT_EQ(gai_std_math_max_int(5, 5), 5);
}

TEST(MathMinMax, Float) {
  EXPECT_EQ(gai_std_math_min_float(1.5, -2.0), -2.0);
  EXPECT_EQ(gai_std_math_max_float(1.5, -2.0), 1.5);
  EXPECT_EQ(gai_std_math_min_float(-INFINITY, 0.0), -INFINITY);
  EXPECT_EQ(gai_std_math_max_float(INFINITY, 0.0), INFINITY);
}

TEST(MathMinMax, FloatNanAndSignedZero) {
  EXPECT_EQ(gai_std_math_min_float(NAN, 1.0), 1.0);
  EXPECT_EQ(gai_std_math_min_float(1.0, NAN), 1.0);
  EXPECT_EQ(gai_std_math_max_float(NAN, -1.0), -1.0);
  EXPECT_EQ(gai_std_math_max_float(-1.0, NAN), -1.0);
  EXPECT_TRUE(std::isnan(gai_std_math_min_float(NAN, NAN)));
  EXPECT_TRUE(std::isnan(gai_std_math_max_float(NAN, NAN)));
  EXPECT_TRUE(std::signbit(gai_std_math_min_float(0.0, -0.0)));
  EXPECT_TRUE(std::signbit(gai_std_math_min_float(-0.0, 0.0)));
  EXPECT_FALSE(std::signbit(gai_std_math_max_float(0.0, -0.0)));
  EXPECT_FALSE(std::signbit(gai_std_math_max_float(-0.0, 0.0)));
}

}  // namespace
