#include <gtest/gtest.h>

#include "core/civil_time.h"
#include "core/effective.h"

namespace gai::rt {
namespace {

int64_t ts(const char* text) { return *parseTimestamp(text); }

TEST(Effective, BoundariesAtUtcPlus8) {
  EffectiveRange r;
  r.hasFrom = true;
  r.from = *parseDate("2023-08-15");
  EXPECT_FALSE(isEffectiveAt(r, ts("2023-08-14T15:59:59.999999Z")));
  EXPECT_TRUE(isEffectiveAt(r, ts("2023-08-14T16:00:00Z")));  // 2023-08-15T00:00:00+08:00
  EXPECT_TRUE(isEffectiveAt(r, ts("2023-08-15T00:00:00+08:00")));
  r.hasUntil = true;
  r.until = *parseDate("2024-12-31");
  EXPECT_TRUE(isEffectiveAt(r, ts("2024-12-31T23:59:59.999999+08:00")));
  EXPECT_TRUE(isEffectiveAt(r, ts("2024-12-31T15:59:59Z")));
  EXPECT_FALSE(isEffectiveAt(r, ts("2024-12-31T16:00:00Z")));  // 2025-01-01T00:00:00+08:00
  r.from = r.until;  // a single day
  EXPECT_TRUE(isEffectiveAt(r, ts("2024-12-31T12:00:00+08:00")));
}

TEST(Effective, Unbounded) {
  EffectiveRange always;
  EXPECT_TRUE(isEffectiveAt(always, INT64_MIN));
  EXPECT_TRUE(isEffectiveAt(always, INT64_MAX - 1));
  EffectiveRange untilOnly;
  untilOnly.hasUntil = true;
  untilOnly.until = *parseDate("2000-01-01");
  EXPECT_TRUE(isEffectiveAt(untilOnly, ts("1999-06-01T00:00:00Z")));
  EXPECT_FALSE(isEffectiveAt(untilOnly, ts("2000-01-02T00:00:00Z")));
}

static_assert(isEffectiveAt(EffectiveRange{true, 0, false, 0}, -8LL * 3600 * 1000000), "constexpr");

}  // namespace
}  // namespace gai::rt
