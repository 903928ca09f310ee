// The primitive operations of .gai values, shared by the constant folder, the interpreter
// and the JIT (which calls or inlines exactly these). Header-only, free of compiler types.
// Every fallible operation returns an OpStatus and writes its result through `out` only
// on success.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace gai::rt {

enum class OpStatus : uint8_t {
  Ok,
  IntOverflow,     // an int result outside 64 bits
  DivisionByZero,  // `/` or `%` by zero
  IntConversion,   // int(x) of a float out of range or NaN
  AbsOverflow,     // abs of the minimum int
  TimeRange,       // date or timestamp arithmetic out of range
};

inline const char* opStatusMessage(OpStatus status) {
  switch (status) {
    case OpStatus::Ok: return "ok";
    case OpStatus::IntOverflow: return "integer overflow";
    case OpStatus::DivisionByZero: return "division by zero";
    case OpStatus::IntConversion: return "float out of int range";
    case OpStatus::AbsOverflow: return "abs of the minimum int overflows";
    case OpStatus::TimeRange: return "date or time out of range";
  }
  return "error";
}

// ---------------------------------------------------------------- int

inline OpStatus intAdd(int64_t a, int64_t b, int64_t& out) {
  return __builtin_add_overflow(a, b, &out) ? OpStatus::IntOverflow : OpStatus::Ok;
}
inline OpStatus intSub(int64_t a, int64_t b, int64_t& out) {
  return __builtin_sub_overflow(a, b, &out) ? OpStatus::IntOverflow : OpStatus::Ok;
}
inline OpStatus intMul(int64_t a, int64_t b, int64_t& out) {
  return __builtin_mul_overflow(a, b, &out) ? OpStatus::IntOverflow : OpStatus::Ok;
}
inline OpStatus intNeg(int64_t a, int64_t& out) {
  if (a == INT64_MIN) return OpStatus::IntOverflow;
  out = -a;
  return OpStatus::Ok;
}
// Truncates toward zero (C++ semantics); INT64_MIN / -1 overflows.
inline OpStatus intDiv(int64_t a, int64_t b, int64_t& out) {
  if (b == 0) return OpStatus::DivisionByZero;
  if (a == INT64_MIN && b == -1) return OpStatus::IntOverflow;
  out = a / b;
  return OpStatus::Ok;
}
// The sign of the dividend (C++ semantics); INT64_MIN % -1 is 0.
inline OpStatus intMod(int64_t a, int64_t b, int64_t& out) {
  if (b == 0) return OpStatus::DivisionByZero;
  out = (b == -1) ? 0 : a % b;
  return OpStatus::Ok;
}
inline OpStatus intAbs(int64_t a, int64_t& out) {
  if (a == INT64_MIN) return OpStatus::AbsOverflow;
  out = a < 0 ? -a : a;
  return OpStatus::Ok;
}

// ---------------------------------------------------------------- conversions

inline double intToFloat(int64_t a) { return static_cast<double>(a); }

// Truncates toward zero; NaN and values outside [-2^63, 2^63) are errors.
inline OpStatus floatToInt(double a, int64_t& out) {
  if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0)) return OpStatus::IntConversion;
  out = static_cast<int64_t>(a);
  return OpStatus::Ok;
}

inline double floatAbs(double a) { return a < 0 ? -a : (a == 0 ? 0.0 : a); }

// ---------------------------------------------------------------- time
// Dates are days since 1970-01-01, valid for years 0001..9999; timestamps are microseconds
// since the epoch (UTC), valid for the same years; durations are whole seconds.

constexpr int64_t kMinDateDays = -719162;  // 0001-01-01
constexpr int64_t kMaxDateDays = 2932896;  // 9999-12-31
constexpr int64_t kOpSecondsPerDay = 86400;
constexpr int64_t kOpMicrosPerSecond = 1000000;
constexpr int64_t kMinTimestampMicros = kMinDateDays * kOpSecondsPerDay * kOpMicrosPerSecond;
constexpr int64_t kMaxTimestampMicros = (kMaxDateDays + 1) * kOpSecondsPerDay * kOpMicrosPerSecond - 1;

inline bool dateInRange(int64_t days) { return days >= kMinDateDays && days <= kMaxDateDays; }
inline bool timestampInRange(int64_t micros) {
  return micros >= kMinTimestampMicros && micros <= kMaxTimestampMicros;
}

inline OpStatus durationAdd(int64_t a, int64_t b, int64_t& out) { return intAdd(a, b, out); }
inline OpStatus durationSub(int64_t a, int64_t b, int64_t& out) { return intSub(a, b, out); }
inline OpStatus durationMul(int64_t d, int64_t n, int64_t& out) { return intMul(d, n, out); }
inline OpStatus durationNeg(int64_t d, int64_t& out) { return intNeg(d, out); }

// date ± duration: the duration truncated toward zero to whole days.
inline OpStatus dateAddDuration(int32_t date, int64_t seconds, int32_t& out) {
  int64_t days = static_cast<int64_t>(date) + seconds / kOpSecondsPerDay;
  if (!dateInRange(days)) return OpStatus::TimeRange;
  out = static_cast<int32_t>(days);
  return OpStatus::Ok;
}
inline OpStatus dateSubDuration(int32_t date, int64_t seconds, int32_t& out) {
  int64_t days = static_cast<int64_t>(date) - seconds / kOpSecondsPerDay;
  if (!dateInRange(days)) return OpStatus::TimeRange;
  out = static_cast<int32_t>(days);
  return OpStatus::Ok;
}
// date - date: a duration of whole days (never overflows for valid dates).
inline int64_t dateDiff(int32_t a, int32_t b) {
  return (static_cast<int64_t>(a) - static_cast<int64_t>(b)) * kOpSecondsPerDay;
}

inline OpStatus timestampAddDuration(int64_t ts, int64_t seconds, int64_t& out) {
  int64_t micros = 0;
  if (__builtin_mul_overflow(seconds, kOpMicrosPerSecond, &micros)) return OpStatus::TimeRange;
  if (__builtin_add_overflow(ts, micros, &out) || !timestampInRange(out)) return OpStatus::TimeRange;
  return OpStatus::Ok;
}
inline OpStatus timestampSubDuration(int64_t ts, int64_t seconds, int64_t& out) {
  int64_t micros = 0;
  if (__builtin_mul_overflow(seconds, kOpMicrosPerSecond, &micros)) return OpStatus::TimeRange;
  if (__builtin_sub_overflow(ts, micros, &out) || !timestampInRange(out)) return OpStatus::TimeRange;
  return OpStatus::Ok;
}
// timestamp - timestamp: whole seconds, truncated toward zero.
inline OpStatus timestampDiff(int64_t a, int64_t b, int64_t& out) {
  int64_t micros = 0;
  if (__builtin_sub_overflow(a, b, &micros)) return OpStatus::TimeRange;
  out = micros / kOpMicrosPerSecond;
  return OpStatus::Ok;
}

// Whole units of a duration, truncated toward zero (time.days/hours/minutes).
inline int64_t durationDays(int64_t seconds) { return seconds / 86400; }
inline int64_t durationHours(int64_t seconds) { return seconds / 3600; }
inline int64_t durationMinutes(int64_t seconds) { return seconds / 60; }

// ---------------------------------------------------------------- strings

// Byte-wise comparison: negative, zero or positive.
inline int stringCompare(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c < 0 ? -1 : 1;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace gai::rt
