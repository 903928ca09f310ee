// When a rule or exception takes part (LANGUAGE.md §5.1): `effective D1 until D2` holds from
// D1 00:00:00 to the end of D2 (inclusive), both at UTC+8. Shared by both engines and the
// test runner so the boundary is computed once.
#pragma once

#include <cstdint>

namespace gai::rt {

constexpr int64_t kLawOffsetSeconds = 8 * 3600;  // UTC+8

struct EffectiveRange {
  bool hasFrom = false;
  int32_t from = 0;  // days since the epoch (a date)
  bool hasUntil = false;
  int32_t until = 0;
};

// First microsecond at which `range` holds (INT64_MIN when unbounded).
constexpr int64_t effectiveStartMicros(const EffectiveRange& range) {
  return range.hasFrom ? (static_cast<int64_t>(range.from) * 86400 - kLawOffsetSeconds) * 1000000 : INT64_MIN;
}
// First microsecond at which `range` no longer holds (INT64_MAX when unbounded).
constexpr int64_t effectiveEndMicros(const EffectiveRange& range) {
  return range.hasUntil ? ((static_cast<int64_t>(range.until) + 1) * 86400 - kLawOffsetSeconds) * 1000000
                        : INT64_MAX;
}
// `nowMicros`: the evaluation instant, microseconds since the epoch (UTC).
constexpr bool isEffectiveAt(const EffectiveRange& range, int64_t nowMicros) {
  return nowMicros >= effectiveStartMicros(range) && nowMicros < effectiveEndMicros(range);
}

}  // namespace gai::rt
