#include "core/json_bind_fast.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/layout.h"

namespace gai::rt {

namespace {

namespace od = simdjson::ondemand;

// Keys of an object that no field takes (few): views into the parser's string buffer.
using KeyList = std::vector<std::string_view>;

bool insertKey(KeyList& keys, std::string_view key) {
  if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
  keys.push_back(key);
  return true;
}

// Every `false` below means "not bound here": the DOM binder takes over.
class Walk {
 public:
  Walk(const BindLimits& limits, Arena& arena)
      : limits_(limits), arena_(arena), maxDepth_(std::min<uint32_t>(limits.maxDepth, kMaxFastDepth)) {}

  // `depth`: levels of containers down to and including `obj` (the top level is 1).
  bool record(od::object& obj, const Type& type, char* out, uint32_t depth);

 private:
  bool scalar(od::value& v, const Type& type, void* out, uint32_t depth);
  bool value(od::value& v, const Type& type, void* out, uint32_t depth);
  bool number(od::value& v, void* out);
  bool text(od::value& v, const Type& type, void* out);
  int member(od::value& v, const Type& type);
  bool slice(od::value& v, const Type& type, void* out, uint32_t depth);
  bool bitSet(od::value& v, const Type& type, void* out, uint32_t depth);
  bool ignored(od::value& v, uint32_t depth);
  bool fillMissing(const Type& type, const SeenBits& seen, char* out);
  bool deeper(uint32_t depth) const { return depth + 1 < maxDepth_; }

  const BindLimits& limits_;
  Arena& arena_;
  uint32_t maxDepth_;
};

bool Walk::record(od::object& obj, const Type& type, char* out, uint32_t depth) {
  const Field* fields = type.fields.data();
  const size_t n = type.fields.size();
  SeenBits seen(n);
  KeyList unknown;
  size_t expected = 0, matched = 0;  // hosts usually send fields in declaration order: look there first
  for (auto item : obj) {
    od::field field;
    if (std::move(item).get(field)) return false;
    int index = matchField(type, fields, n, expected, field.key().raw());
    if (index < 0) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return false;
      index = type.findField(key);
      if (index < 0) {
        if (limits_.strict || !insertKey(unknown, key) || !ignored(field.value(), depth)) return false;
        continue;
      }
    }
    expected = static_cast<size_t>(index) + 1;
    if (seen.testAndSet(static_cast<size_t>(index))) return false;
    ++matched;
    const Field& f = fields[index];
    if (!scalar(field.value(), *f.type, out + f.offset, depth)) return false;
  }
  return matched == n || fillMissing(type, seen, out);
}

bool Walk::fillMissing(const Type& type, const SeenBits& seen, char* out) {
  for (size_t i = 0; i < type.fields.size(); ++i) {
    if (seen.test(i)) continue;
    const Field& field = type.fields[i];
    if (field.defaultValue) {
      std::memcpy(out + field.offset, field.defaultValue, field.type->size);
    } else if (!field.isOptional()) {
      return false;
    }
  }
  return true;
}

// The common kinds without the call to value().
inline bool Walk::scalar(od::value& v, const Type& type, void* out, uint32_t depth) {
  switch (type.kind) {
    case Kind::Bool: {
      bool b;
      if (v.get_bool().get(b)) return false;
      *static_cast<uint8_t*>(out) = b ? 1 : 0;
      return true;
    }
    case Kind::Int: return !v.get_int64().get(*static_cast<int64_t*>(out));
    case Kind::Enum: {
      int m = member(v, type);
      if (m >= 0) *static_cast<uint32_t*>(out) = static_cast<uint32_t>(m);
      return m >= 0;
    }
    case Kind::Record: {
      od::object obj;
      if (!deeper(depth) || v.get_object().get(obj)) return false;
      return record(obj, type, static_cast<char*>(out), depth + 1);
    }
    default: return value(v, type, out, depth);
  }
}

bool Walk::value(od::value& v, const Type& type, void* out, uint32_t depth) {
  switch (type.kind) {
    case Kind::Bool:
    case Kind::Int:
    case Kind::Record: return scalar(v, type, out, depth);
    case Kind::Float: return number(v, out);
    case Kind::List: return slice(v, type, out, depth);
    case Kind::Set: return type.isBitSet() ? bitSet(v, type, out, depth) : slice(v, type, out, depth);
    case Kind::Optional: {
      bool isNull;
      if (v.is_null().get(isNull)) return false;
      if (isNull) return true;
      *static_cast<uint8_t*>(out) = 1;
      return value(v, *type.element, optionalValue(type, out), depth);
    }
    default: return text(v, type, out);
  }
}

// As the DOM binder: integers convert to double, whatever their JSON spelling. Fractions
// are read from the token (validated by simdjson) with std::from_chars, correctly rounded
// like the DOM parser: simdjson 3.0.1's On-Demand misreads those that take its slow path
// (e.g. 0.599999999999999999999 gave 0.0097).
bool Walk::number(od::value& v, void* out) {
  std::string_view token = v.raw_json_token();
  od::number num;
  if (v.get_number().get(num)) return false;
  double d;
  switch (num.get_number_type()) {
    case od::number_type::signed_integer: d = static_cast<double>(num.get_int64()); break;
    case od::number_type::unsigned_integer: d = static_cast<double>(num.get_uint64()); break;
    case od::number_type::floating_point_number: {
      while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), d);
      if (ec != std::errc() || end != token.data() + token.size()) return false;
      break;
    }
    default: return false;
  }
  *static_cast<double*>(out) = d;
  return true;
}

// An enum member: by the members' key images when they have them (a string with escapes
// then goes to the DOM binder), else by name.
int Walk::member(od::value& v, const Type& type) {
  if (!type.memberKeys.empty()) {
    od::raw_json_string raw;
    if (v.get_raw_json_string().get(raw)) return -1;
    int m = matchMember(type, reinterpret_cast<const char*>(raw.raw()));
    return m >= 0 && type.members[static_cast<size_t>(m)].size() <= limits_.maxStringBytes ? m : -1;
  }
  std::string_view s;
  if (v.get_string().get(s) || s.size() > limits_.maxStringBytes) return -1;
  return type.findMember(s);
}

bool Walk::text(od::value& v, const Type& type, void* out) {
  if (type.kind == Kind::Enum) {
    int m = member(v, type);
    if (m >= 0) *static_cast<uint32_t*>(out) = static_cast<uint32_t>(m);
    return m >= 0;
  }
  std::string_view s;
  if (v.get_string().get(s) || s.size() > limits_.maxStringBytes) return false;
  switch (type.kind) {
    case Kind::String: {
      Str& str = *static_cast<Str*>(out);
      str.len = static_cast<int64_t>(s.size());
      if (s.empty()) return true;
      str.data = arena_.copyString(s);
      return str.data != nullptr;
    }
    case Kind::Date: {
      auto d = parseDate(s);
      if (d) *static_cast<int32_t*>(out) = *d;
      return d.has_value();
    }
    case Kind::Timestamp: {
      auto t = parseTimestamp(s);
      if (t) *static_cast<int64_t*>(out) = *t;
      return t.has_value();
    }
    case Kind::Duration: {
      auto d = parseDuration(s);
      if (d) *static_cast<int64_t*>(out) = *d;
      return d.has_value();
    }
    default: return false;
  }
}

bool Walk::slice(od::value& v, const Type& type, void* out, uint32_t depth) {
  od::array arr;
  size_t n;
  if (!deeper(depth) || v.get_array().get(arr) || arr.count_elements().get(n)) return false;
  if (n > limits_.maxArrayElements || n >= 0xFFFFFF) return false;
  const Type& elem = *type.element;
  char* data = nullptr;
  if (n != 0 && !(data = static_cast<char*>(arena_.allocateZeroed(n * elem.size, elem.align)))) return false;
  size_t i = 0;
  for (auto item : arr) {
    od::value ev;
    if (i == n || item.get(ev) || !value(ev, elem, data + i * elem.size, depth + 1)) return false;
    ++i;
  }
  if (i != n) return false;
  if (n == 0) return true;
  Slice& s = *static_cast<Slice*>(out);
  s.data = data;
  s.count = type.kind == Kind::Set ? canonicalizeSet(elem, data, static_cast<int64_t>(n)) : static_cast<int64_t>(n);
  return true;
}

bool Walk::bitSet(od::value& v, const Type& type, void* out, uint32_t depth) {
  od::array arr;
  if (!deeper(depth) || v.get_array().get(arr)) return false;
  const Type& elem = *type.element;
  uint64_t bits = 0;
  size_t n = 0;
  for (auto item : arr) {
    od::value ev;
    if (++n > limits_.maxArrayElements || n >= 0xFFFFFF || item.get(ev)) return false;
    int m = member(ev, elem);
    if (m < 0) return false;
    bits |= uint64_t(1) << m;
  }
  *static_cast<uint64_t*>(out) = bits;
  return true;
}

// A value no field takes: still read through, so that it is valid JSON without duplicate
// keys, as the DOM binder requires.
bool Walk::ignored(od::value& v, uint32_t depth) {
  od::json_type type;
  if (v.type().get(type)) return false;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (!deeper(depth) || v.get_object().get(obj)) return false;
      KeyList keys;
      for (auto item : obj) {
        od::field field;
        std::string_view key;
        if (std::move(item).get(field) || field.unescaped_key().get(key) || !insertKey(keys, key)) return false;
        if (!ignored(field.value(), depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array arr;
      if (!deeper(depth) || v.get_array().get(arr)) return false;
      for (auto item : arr) {
        od::value ev;
        if (item.get(ev) || !ignored(ev, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::number: {
      od::number num;
      return !v.get_number().get(num);
    }
    case od::json_type::string: {
      std::string_view s;
      return !v.get_string().get(s);
    }
    case od::json_type::boolean: {
      bool b;
      return !v.get_bool().get(b);
    }
    case od::json_type::null: {
      bool isNull = false;
      return !v.is_null().get(isNull) && isNull;
    }
  }
  return false;
}

}  // namespace

bool bindOnDemand(od::parser& parser, const char* json, size_t length, size_t capacity, const Type& record,
                  void* out, Arena& arena, const BindLimits& limits) {
  od::document doc;
  od::object root;
  if (record.kind != Kind::Record || parser.iterate(json, length, capacity).get(doc) || doc.get_object().get(root))
    return false;
  Walk walk(limits, arena);
  if (!walk.record(root, record, static_cast<char*>(out), 1)) return false;
  // Nothing may follow the top-level object.
  return doc.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

}  // namespace gai::rt
