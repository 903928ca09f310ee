// std.time and std.math.
#include <cmath>
#include <cstring>

#include "runtime/core/ops.h"
#include "stdlib/std.h"

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

extern "C" {

int64_t gai_std_time_days(int64_t seconds) { return seconds / kSecondsPerDay; }
int64_t gai_std_time_hours(int64_t seconds) { return seconds / 3600; }
int64_t gai_std_time_minutes(int64_t seconds) { return seconds / 60; }

int32_t gai_std_time_date_of(int64_t micros) {
  return int32_t(floorDiv(micros, kMicrosPerSecond * kSecondsPerDay));
}

gai_std_status gai_std_time_date_of_offset(int64_t micros, int64_t offsetHours, int32_t* out) {
  if (offsetHours < -GAI_STD_MAX_OFFSET_HOURS || offsetHours > GAI_STD_MAX_OFFSET_HOURS)
    return GAI_STD_ERR_OFFSET_RANGE;
  // Whole seconds cannot overflow when shifted by at most a day.
  int64_t seconds = floorDiv(micros, kMicrosPerSecond) + offsetHours * 3600;
  int64_t days = floorDiv(seconds, kSecondsPerDay);
  if (!gai::rt::dateInRange(days)) return GAI_STD_ERR_DATE_RANGE;
  *out = int32_t(days);
  return GAI_STD_OK;
}

gai_std_status gai_std_math_abs_int(int64_t x, int64_t* out) {
  if (x == INT64_MIN) return GAI_STD_ERR_ABS_OVERFLOW;
  *out = x < 0 ? -x : x;
  return GAI_STD_OK;
}

double gai_std_math_abs_float(double x) { return std::fabs(x); }
int64_t gai_std_math_min_int(int64_t a, int64_t b) { return a < b ? a : b; }
int64_t gai_std_math_max_int(int64_t a, int64_t b) { return a > b ? a : b; }

double gai_std_math_min_float(double a, double b) {
  if (std::isnan(a)) return b;
  if (std::isnan(b)) return a;
  if (a == b) return std::signbit(a) ? a : b;  // -0.0 before +0.0
  return a < b ? a : b;
}

double gai_std_math_max_float(double a, double b) {
  if (std::isnan(a)) return b;
  if (std::isnan(b)) return a;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

}  // extern "C"
