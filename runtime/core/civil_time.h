// Calendar arithmetic and the text forms of dates, timestamps and durations.
// Shared by the compiler (literals), JSON binding (host input) and message rendering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gai::rt {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 in the proleptic Gregorian calendar.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day);
void civilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day);
bool isValidCivil(int64_t year, unsigned month, unsigned day);

// `YYYY-MM-DD`, years 0001-9999; nullopt when malformed or impossible (2023-02-30).
std::optional<int32_t> parseDate(std::string_view text);
// `YYYY-MM-DDTHH:MM:SS(.fraction)?(Z|±HH:MM)` -> microseconds since the epoch, UTC.
// A fraction beyond microseconds is truncated. Lower-case 't' and 'z' are not accepted.
std::optional<int64_t> parseTimestamp(std::string_view text);
// `1d12h`, `90m`, `-2h`: units d h m s, each at most once, in that order -> seconds.
// A leading '-' is accepted (durations are signed; the language writes `-` as an operator).
std::optional<int64_t> parseDuration(std::string_view text);

std::string formatDate(int64_t days);
// RFC 3339 in UTC with `Z`; fractional seconds only when non-zero, without trailing zeros.
std::string formatTimestamp(int64_t micros);
// Literal form: `1d12h`, `-2h`, `0s`.
std::string formatDuration(int64_t seconds);

}  // namespace gai::rt
