#include "core/value_render.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/civil_time.h"
#include "core/json_write.h"
#include "core/layout.h"

namespace gai::rt {

// The ECMAScript Number::toString layout over the shortest round-trip digits: plain
// decimals for 1e-7 <= |x| < 1e21, otherwise d.ddde+XX.
void renderFloat(double value, std::string& out) {
  if (std::isnan(value)) {
    out += "nan";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-inf" : "inf";
    return;
  }
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));
  if (sci[0] == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  size_t e = sci.find('e');
  std::string digits(1, sci[0]);
  if (e > 1) digits.append(sci.substr(2, e - 2));
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // value = 0.digits * 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out += '.';
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += n - 1 < 0 ? "e-" : "e+";
    out += std::to_string(n - 1 < 0 ? 1 - n : n - 1);
  }
}

namespace {

void renderElements(const Type& element, const void* data, int64_t count, std::string& out) {
  out += '[';
  const char* p = static_cast<const char*>(data);
  for (int64_t i = 0; i < count; ++i) {
    if (i) out += ", ";
    renderValue(element, p + i * element.size, out, true);
  }
  out += ']';
}

void renderBitSet(const Type& type, uint64_t bits, std::string& out) {
  out += '[';
  bool first = true;
  for (size_t i = 0; i < type.element->members.size(); ++i) {
    if (!((bits >> i) & 1)) continue;
    if (!first) out += ", ";
    first = false;
    out += type.element->members[i];
  }
  out += ']';
}

void renderRecord(const Type& type, const void* value, std::string& out) {
  out += '{';
  for (uint32_t i = 0; i < type.fields.size(); ++i) {
    if (i) out += ", ";
    out += type.fields[i].name;
    out += ": ";
    renderValue(*type.fields[i].type, fieldAddress(type, i, value), out, true);
  }
  out += '}';
}

template <typename T>
T load(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

void renderValue(const Type& type, const void* value, std::string& out, bool nested) {
  switch (type.kind) {
    case Kind::Bool: out += load<uint8_t>(value) ? "true" : "false"; return;
    case Kind::Int: out += std::to_string(load<int64_t>(value)); return;
    case Kind::Float: renderFloat(load<double>(value), out); return;
    case Kind::String: {
      std::string_view s = load<Str>(value).view();
      if (nested) {
        appendJsonString(out, s);
      } else {
        out += s;
      }
      return;
    }
    case Kind::Date: out += formatDate(load<int32_t>(value)); return;
    case Kind::Timestamp: out += formatTimestamp(load<int64_t>(value)); return;
    case Kind::Duration: out += formatDuration(load<int64_t>(value)); return;
    case Kind::Enum: {
      uint32_t ordinal = load<uint32_t>(value);
      out += ordinal < type.members.size() ? type.members[ordinal] : "?";
      return;
    }
    case Kind::Optional:
      if (!optionalPresent(value)) {
        out += "none";
        return;
      }
      renderValue(*type.element, optionalValue(type, value), out, nested);
      return;
    case Kind::List:
    case Kind::Set:
      if (type.isBitSet()) {
        renderBitSet(type, load<uint64_t>(value), out);
        return;
      }
      renderElements(*type.element, load<Slice>(value).data, load<Slice>(value).count, out);
      return;
    case Kind::Record: renderRecord(type, value, out); return;
  }
}

std::string renderValue(const Type& type, const void* value, bool nested) {
  std::string out;
  renderValue(type, value, out, nested);
  return out;
}

}  // namespace gai::rt
