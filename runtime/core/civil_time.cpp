#include "civil_time.h"

#include <cstdio>
#include <limits>

namespace gai::rt {

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t daysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int64_t>(yoe) + era * 400 + (month <= 2);
}

bool isValidCivil(int64_t year, unsigned month, unsigned day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  unsigned limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

namespace {

bool digits(std::string_view text, size_t pos, size_t count, int64_t& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::optional<int32_t> parseDate(std::string_view text) {
  int64_t y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4, y) || !digits(text, 5, 2, m) || !digits(text, 8, 2, d)) return std::nullopt;
  if (!isValidCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return static_cast<int32_t>(daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<int64_t> parseTimestamp(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T') return std::nullopt;
  std::optional<int32_t> date = parseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  int64_t hh, mm, ss;
  if (!digits(text, 11, 2, hh) || text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' ||
      !digits(text, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  size_t pos = 19;
  int64_t micros = 0;
  if (text[pos] == '.') {
    ++pos;
    size_t start = pos;
    int64_t scale = 100000;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int64_t offsetSeconds = 0;
  if (text[pos] == 'Z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int64_t oh, om;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offsetSeconds = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  int64_t seconds = *date * kSecondsPerDay + hh * 3600 + mm * 60 + ss - offsetSeconds;
  return seconds * kMicrosPerSecond + micros;
}

std::optional<int64_t> parseDuration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text[0] == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  static const char kUnits[] = {'d', 'h', 'm', 's'};
  static const int64_t kScale[] = {kSecondsPerDay, 3600, 60, 1};
  int nextUnit = 0;
  int64_t total = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    int64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (value > (std::numeric_limits<int64_t>::max() - 9) / 10) return std::nullopt;
      value = value * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start || pos == text.size()) return std::nullopt;
    if (text[start] == '0' && pos - start > 1) return std::nullopt;  // leading zeros
    int unit = nextUnit;
    while (unit < 4 && kUnits[unit] != text[pos]) ++unit;
    if (unit == 4) return std::nullopt;
    if (value > std::numeric_limits<int64_t>::max() / kScale[unit]) return std::nullopt;
    int64_t part = value * kScale[unit];
    if (total > std::numeric_limits<int64_t>::max() - part) return std::nullopt;
    total += part;
    nextUnit = unit + 1;
    ++pos;
  }
  return negative ? -total : total;
}

std::string formatDate(int64_t days) {
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

std::string formatTimestamp(int64_t micros) {
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t fraction = micros % kMicrosPerSecond;
  if (fraction < 0) {
    fraction += kMicrosPerSecond;
    --seconds;
  }
  int64_t days = seconds / kSecondsPerDay;
  int64_t rest = seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  std::string out = formatDate(days);
  char buf[48];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  out += buf;
  if (fraction != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(fraction));
    std::string frac = buf;
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 'Z';
  return out;
}

std::string formatDuration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  uint64_t rest;
  if (seconds < 0) {
    out = "-";
    rest = 0 - static_cast<uint64_t>(seconds);
  } else {
    rest = static_cast<uint64_t>(seconds);
  }
  static const char kUnits[] = {'d', 'h', 'm', 's'};
  static const uint64_t kScale[] = {86400, 3600, 60, 1};
  for (int i = 0; i < 4; ++i) {
    uint64_t count = rest / kScale[i];
    rest %= kScale[i];
    if (count) out += std::to_string(count) + kUnits[i];
  }
  return out;
}

}  // namespace gai::rt
