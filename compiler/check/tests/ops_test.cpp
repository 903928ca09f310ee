#include "core/ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace gai::rt {
namespace {

TEST(Ops, IntArithmeticChecksOverflow) {
  int64_t out = 0;
  EXPECT_EQ(intAdd(INT64_MAX, 1, out), OpStatus::IntOverflow);
  EXPECT_EQ(intSub(INT64_MIN, 1, out), OpStatus::IntOverflow);
  EXPECT_EQ(intMul(INT64_MAX / 2 + 1, 2, out), OpStatus::IntOverflow);
  EXPECT_EQ(intNeg(INT64_MIN, out), OpStatus::IntOverflow);
  ASSERT_EQ(intAdd(2, 3, out), OpStatus::Ok);
  EXPECT_EQ(out, 5);
}

TEST(Ops, DivisionTruncatesAndModTakesDividendSign) {
  int64_t out = 0;
  ASSERT_EQ(intDiv(-7, 2, out), OpStatus::Ok);
  EXPECT_EQ(out, -3);
  ASSERT_EQ(intMod(-7, 2, out), OpStatus::Ok);
  EXPECT_EQ(out, -1);
  ASSERT_EQ(intMod(7, -2, out), OpStatus::Ok);
  EXPECT_EQ(out, 1);
  EXPECT_EQ(intDiv(1, 0, out), OpStatus::DivisionByZero);
  EXPECT_EQ(intMod(1, 0, out), OpStatus::DivisionByZero);
  EXPECT_EQ(intDiv(INT64_MIN, -1, out), OpStatus::IntOverflow);
  ASSERT_EQ(intMod(INT64_MIN, -1, out), OpStatus::Ok);
  EXPECT_EQ(out, 0);
}

TEST(Ops, Conversions) {
  int64_t out = 0;
  ASSERT_EQ(floatToInt(-2.9, out), OpStatus::Ok);
  EXPECT_EQ(out, -2);
  EXPECT_EQ(floatToInt(9.3e18, out), OpStatus::IntConversion);
  EXPECT_EQ(floatToInt(std::nan(""), out), OpStatus::IntConversion);
  ASSERT_EQ(floatToInt(-9223372036854775808.0, out), OpStatus::Ok);
  EXPECT_EQ(out, INT64_MIN);
  EXPECT_EQ(intAbs(INT64_MIN, out), OpStatus::AbsOverflow);
  ASSERT_EQ(intAbs(-4, out), OpStatus::Ok);
  EXPECT_EQ(out, 4);
}

TEST(Ops, TimeArithmetic) {
  int32_t day = 0;
  ASSERT_EQ(dateAddDuration(100, 86400 * 2 + 3600, day), OpStatus::Ok);
  EXPECT_EQ(day, 102);
  ASSERT_EQ(dateSubDuration(100, 86399, day), OpStatus::Ok);
  EXPECT_EQ(day, 100);  // truncated to whole days
  EXPECT_EQ(dateAddDuration(static_cast<int32_t>(kMaxDateDays), 86400, day), OpStatus::TimeRange);
  EXPECT_EQ(dateDiff(3, 1), 2 * 86400);
  int64_t ts = 0;
  ASSERT_EQ(timestampAddDuration(0, 90, ts), OpStatus::Ok);
  EXPECT_EQ(ts, 90 * 1000000);
  EXPECT_EQ(timestampAddDuration(kMaxTimestampMicros, 1, ts), OpStatus::TimeRange);
  EXPECT_EQ(timestampAddDuration(0, INT64_MAX, ts), OpStatus::TimeRange);
  ASSERT_EQ(timestampDiff(2500000, 0, ts), OpStatus::Ok);
  EXPECT_EQ(ts, 2);
  ASSERT_EQ(timestampDiff(-2500000, 0, ts), OpStatus::Ok);
  EXPECT_EQ(ts, -2);
}

TEST(Ops, StringCompareIsBytewise) {
  EXPECT_LT(stringCompare("a", "b"), 0);
  EXPECT_LT(stringCompare("ab", "abc"), 0);
  EXPECT_EQ(stringCompare("", ""), 0);
  EXPECT_GT(stringCompare("\xC3\xA9", "z"), 0);
}

}  // namespace
}  // namespace gai::rt
