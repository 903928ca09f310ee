#include "core/json_bind.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/civil_time.h"
#include "core/json_bind_fast.h"
#include "core/json_bind_typed.h"
#include "core/json_scan.h"
#include "core/json_write.h"
#include "core/layout.h"

namespace gai::rt {

namespace dom = simdjson::dom;
using simdjson::error_code;

std::string inputTooLongMessage(uint64_t maxBytes) {
  return "input longer than " + std::to_string(maxBytes) + " bytes";
}

void appendPathKey(std::string& path, std::string_view key) {
  bool ident = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
  for (char c : key)
    ident = ident && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (ident) {
    path += '.';
    path += key;
    return;
  }
  path += '[';
  appendJsonString(path, key);
  path += ']';
}

void appendQuoted(std::string& out, std::string_view text, size_t maxBytes) {
  if (text.size() <= maxBytes) {
    appendJsonString(out, text);
    return;
  }
  size_t cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  appendJsonString(out, text.substr(0, cut));
  out += "...";
}

namespace {

const char* jsonKind(dom::element_type type) {
  switch (type) {
    case dom::element_type::OBJECT: return "object";
    case dom::element_type::ARRAY: return "array";
    case dom::element_type::STRING: return "string";
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE: return "number";
    case dom::element_type::BOOL: return "bool";
    case dom::element_type::NULL_VALUE: return "null";
  }
  return "value";
}

struct Segment {
  std::string_view key;
  int64_t index;  // -1 for a key
};

// The path being bound, pushed and popped for every field and element: a store and an
// increment once it has grown to the document's depth (it keeps its room between documents).
class PathStack {
 public:
  void clear() { size_ = 0; }
  void push_back(const Segment& s) {
    if (size_ == capacity_) grow();
    items_[size_++] = s;
  }
  void pop_back() { --size_; }
  const Segment* begin() const { return items_.data(); }
  const Segment* end() const { return items_.data() + size_; }

 private:
  __attribute__((noinline)) void grow() {
    items_.resize(items_.size() * 2 + 16);
    capacity_ = items_.size();
  }
  std::vector<Segment> items_;
  size_t size_ = 0, capacity_ = 0;
};

class Binding {
 public:
  Binding(const BindLimits& limits, Arena& arena, BindError& error, const std::vector<std::string>& bigPaths,
          PathStack& path)
      : limits_(limits), arena_(arena), error_(error), bigPaths_(bigPaths), path_(path) {
    path_.clear();
  }

  // `out` must be zeroed (type.size bytes).
  bool value(dom::element e, const Type& type, void* out);

 private:
  bool record(dom::element e, const Type& type, void* out);
  bool fillMissing(const Type& type, const SeenBits& seen, void* out);
  bool unknownKey(const Type& type, std::string_view key, dom::element value, std::vector<std::string_view>& unknown);
  bool checkDuplicates(dom::element e);
  bool slice(dom::element e, const Type& type, void* out);
  bool bitSet(dom::element e, const Type& type, void* out);
  bool integer(dom::element e, void* out);
  bool number(dom::element e, void* out);
  bool string(dom::element e, const Type& type, void* out);
  bool text(dom::element e, const Type& type, std::string_view& out);

  bool mismatch(const Type& type, dom::element e) {
    return fail("expected " + typeName(type) + ", got " + jsonKind(e.type()));
  }
  bool fail(std::string message) {
    error_.path = path();
    error_.message = std::move(message);
    return false;
  }
  bool outOfMemory() {
    error_.path.clear();
    error_.message = "input too large for the arena";
    return false;
  }
  std::string path() const {
    std::string p = "$";
    for (const Segment& s : path_) {
      if (s.index < 0) {
        appendPathKey(p, s.key);
      } else {
        p += '[' + std::to_string(s.index) + ']';
      }
    }
    return p;
  }
  bool isBigInteger() const {
    if (bigPaths_.empty()) return false;
    std::string p = path();
    return std::find(bigPaths_.begin(), bigPaths_.end(), p) != bigPaths_.end();
  }

  const BindLimits& limits_;
  Arena& arena_;
  BindError& error_;
  const std::vector<std::string>& bigPaths_;
  PathStack& path_;
};

bool Binding::value(dom::element e, const Type& type, void* out) {
  switch (type.kind) {
    case Kind::Bool: {
      bool b;
      if (e.get_bool().get(b) != simdjson::SUCCESS) return mismatch(type, e);
      *static_cast<uint8_t*>(out) = b ? 1 : 0;
      return true;
    }
    case Kind::Int:
      if (!e.is_number()) return mismatch(type, e);
      return integer(e, out);
    case Kind::Float:
      if (!e.is_number()) return mismatch(type, e);
      return number(e, out);
    case Kind::Record: return record(e, type, out);
    case Kind::List: return slice(e, type, out);
    case Kind::Set: return type.isBitSet() ? bitSet(e, type, out) : slice(e, type, out);
    case Kind::Optional:
      if (e.is_null()) return true;
      *static_cast<uint8_t*>(out) = 1;
      return value(e, *type.element, optionalValue(type, out));
    default: return string(e, type, out);
  }
}

bool Binding::integer(dom::element e, void* out) {
  switch (e.type()) {
    case dom::element_type::INT64:
      *static_cast<int64_t*>(out) = e.get_int64().value_unsafe();
      return true;
    case dom::element_type::UINT64: return fail("integer beyond 64 bits");
    default:
      if (isBigInteger()) return fail("integer beyond 64 bits");
      return fail("expected int, got a number with a fraction or exponent");
  }
}

bool Binding::number(dom::element e, void* out) {
  double v;
  switch (e.type()) {
    case dom::element_type::INT64: v = static_cast<double>(e.get_int64().value_unsafe()); break;
    case dom::element_type::UINT64: v = static_cast<double>(e.get_uint64().value_unsafe()); break;
    default: v = e.get_double().value_unsafe();
  }
  *static_cast<double*>(out) = v;
  return true;
}

bool Binding::text(dom::element e, const Type& type, std::string_view& out) {
  if (e.get_string().get(out) != simdjson::SUCCESS) return mismatch(type, e);
  if (out.size() > limits_.maxStringBytes)
    return fail("string longer than " + std::to_string(limits_.maxStringBytes) + " bytes");
  return true;
}

bool Binding::string(dom::element e, const Type& type, void* out) {
  std::string_view s;
  if (!text(e, type, s)) return false;
  auto malformed = [&](const char* what, const char* expected) {
    std::string m = std::string("malformed ") + what + " ";
    appendQuoted(m, s);
    return fail(m + "; expected " + expected);
  };
  switch (type.kind) {
    case Kind::String: {
      Str& str = *static_cast<Str*>(out);
      str.len = static_cast<int64_t>(s.size());
      if (s.empty()) return true;
      str.data = arena_.copyString(s);
      return str.data ? true : outOfMemory();
    }
    case Kind::Date: {
      auto d = parseDate(s);
      if (!d) return malformed("date", "YYYY-MM-DD");
      *static_cast<int32_t*>(out) = *d;
      return true;
    }
    case Kind::Timestamp: {
      auto t = parseTimestamp(s);
      if (!t) return malformed("timestamp", "RFC 3339, e.g. 2024-03-01T08:00:00Z");
      *static_cast<int64_t*>(out) = *t;
      return true;
    }
    case Kind::Duration: {
      auto d = parseDuration(s);
      if (!d) return malformed("duration", "units d h m s in that order, e.g. \"1d12h\"");
      *static_cast<int64_t*>(out) = *d;
      return true;
    }
    case Kind::Enum: {
      int m = type.findMember(s);
      if (m >= 0) {
        *static_cast<uint32_t*>(out) = static_cast<uint32_t>(m);
        return true;
      }
      std::string msg = "unknown " + type.name + " ";
      appendQuoted(msg, s);
      msg += "; expected one of ";
      for (size_t i = 0; i < type.members.size(); ++i) msg += (i ? ", " : "") + type.members[i];
      return fail(msg);
    }
    default: return fail("unsupported type " + typeName(type));
  }
}

bool Binding::record(dom::element e, const Type& type, void* out) {
  dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return mismatch(type, e);
  SeenBits seen(type.fields.size());
  std::vector<std::string_view> unknown;
  size_t expected = 0;  // hosts usually send the fields in declaration order: try the next one first
  for (dom::key_value_pair kv : obj) {
    int index = expected < type.fields.size() && type.fields[expected].name == kv.key
                    ? static_cast<int>(expected)
                    : type.findField(kv.key);
    if (index < 0) {
      if (!unknownKey(type, kv.key, kv.value, unknown)) return false;
      continue;
    }
    expected = static_cast<size_t>(index) + 1;
    path_.push_back(Segment{kv.key, -1});
    if (seen.testAndSet(static_cast<size_t>(index))) return fail("duplicate key");
    const Field& field = type.fields[static_cast<size_t>(index)];
    if (!value(kv.value, *field.type, static_cast<char*>(out) + field.offset)) return false;
    path_.pop_back();
  }
  return fillMissing(type, seen, out);
}

bool Binding::unknownKey(const Type& type, std::string_view key, dom::element value,
                         std::vector<std::string_view>& unknown) {
  path_.push_back(Segment{key, -1});
  if (limits_.strict) return fail("unknown field of " + type.name);
  if (std::find(unknown.begin(), unknown.end(), key) != unknown.end()) return fail("duplicate key");
  unknown.push_back(key);
  if (!checkDuplicates(value)) return false;
  path_.pop_back();
  return true;
}

bool Binding::fillMissing(const Type& type, const SeenBits& seen, void* out) {
  for (size_t i = 0; i < type.fields.size(); ++i) {
    if (seen.test(i)) continue;
    const Field& field = type.fields[i];
    if (field.defaultValue) {
      std::memcpy(static_cast<char*>(out) + field.offset, field.defaultValue, field.type->size);
    } else if (!field.isOptional()) {
      path_.push_back(Segment{field.name, -1});
      return fail("missing required field");
    }
  }
  return true;
}

// Ignored values are still checked for duplicate keys, so every duplicate is an error.
bool Binding::checkDuplicates(dom::element e) {
  if (e.is_array()) {
    int64_t i = 0;
    for (dom::element item : dom::array(e)) {
      path_.push_back(Segment{{}, i++});
      if (!checkDuplicates(item)) return false;
      path_.pop_back();
    }
    return true;
  }
  if (!e.is_object()) return true;
  std::vector<std::string_view> keys;
  for (dom::key_value_pair kv : dom::object(e)) {
    path_.push_back(Segment{kv.key, -1});
    if (std::find(keys.begin(), keys.end(), kv.key) != keys.end()) return fail("duplicate key");
    keys.push_back(kv.key);
    if (!checkDuplicates(kv.value)) return false;
    path_.pop_back();
  }
  return true;
}

bool Binding::slice(dom::element e, const Type& type, void* out) {
  dom::array arr;
  if (e.get_array().get(arr) != simdjson::SUCCESS) return mismatch(type, e);
  size_t n = arr.size();
  if (n > limits_.maxArrayElements || n >= 0xFFFFFF)
    return fail("array longer than " + std::to_string(limits_.maxArrayElements) + " elements");
  Slice& s = *static_cast<Slice*>(out);
  const Type& elem = *type.element;
  if (n == 0) return true;
  char* data = static_cast<char*>(arena_.allocateZeroed(n * elem.size, elem.align));
  if (!data) return outOfMemory();
  int64_t i = 0;
  for (dom::element item : arr) {
    path_.push_back(Segment{{}, i});
    if (!value(item, elem, data + i * elem.size)) return false;
    path_.pop_back();
    ++i;
  }
  s.data = data;
  s.count = type.kind == Kind::Set ? canonicalizeSet(elem, data, i) : i;
  return true;
}

bool Binding::bitSet(dom::element e, const Type& type, void* out) {
  dom::array arr;
  if (e.get_array().get(arr) != simdjson::SUCCESS) return mismatch(type, e);
  size_t n = arr.size();
  if (n > limits_.maxArrayElements || n >= 0xFFFFFF)
    return fail("array longer than " + std::to_string(limits_.maxArrayElements) + " elements");
  uint64_t bits = 0;
  int64_t i = 0;
  for (dom::element item : arr) {
    path_.push_back(Segment{{}, i++});
    uint32_t ordinal = 0;
    if (!string(item, *type.element, &ordinal)) return false;
    path_.pop_back();
    bits |= uint64_t(1) << ordinal;
  }
  *static_cast<uint64_t*>(out) = bits;
  return true;
}

const char* parseErrorText(error_code code) {
  switch (code) {
    case simdjson::UNCLOSED_STRING: return "invalid JSON: unclosed string";
    case simdjson::STRING_ERROR: return "invalid JSON: invalid string escape";
    case simdjson::UNESCAPED_CHARS: return "invalid JSON: unescaped control character in string";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid JSON: invalid literal";
    case simdjson::NUMBER_ERROR: return "invalid JSON: invalid number";
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::MEMALLOC:
    case simdjson::CAPACITY: return "input too large";
    default: return "invalid JSON: malformed structure";
  }
}

bool isBlank(std::string_view json) {
  for (char c : json)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace

// Larger documents are bound by the DOM binder only: each parser keeps memory of several
// times the largest document it has read, and per-line costs matter only for small lines.
constexpr size_t kMaxOnDemandBytes = size_t(64) << 10;
constexpr size_t kMaxKeptBufferBytes = size_t(1) << 20;

struct JsonBinder::Impl {
  dom::parser parser;
  simdjson::ondemand::parser onDemand;
  TypedBinder typed;
  const Type* typedFor = nullptr;  // the last record type bound, and whether it is typedBindable
  bool typedOk = false;
  bool useOnDemand = true;
  std::unique_ptr<char[]> buffer;
  size_t bufferBytes = 0;
  size_t capacity = 0;
  size_t depth = 0;
  std::vector<std::string> bigPaths;
  PathStack path;

  // `json` copied with simdjson's padding (zeros) after it.
  const char* padded(std::string_view json) {
    size_t need = json.size() + simdjson::SIMDJSON_PADDING;
    if (need > bufferBytes) {
      bufferBytes = (need + 4095) / 4096 * 4096;
      buffer.reset(new char[bufferBytes]);
    }
    if (!json.empty()) std::memcpy(buffer.get(), json.data(), json.size());
    std::memset(buffer.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    return buffer.get();
  }

  // `capacity`: readable bytes from json.data() (0: unknown); a document with the padding
  // after it is read in place.
  bool bindOnDemand(std::string_view json, size_t capacity, const Type& type, void* out, Arena& arena,
                    const BindLimits& limits) {
    if (!useOnDemand || type.kind != Kind::Record || json.size() > kMaxOnDemandBytes) return false;
    const char* data = json.data();
    if (capacity < json.size() + kJsonPadding) {
      data = padded(json);
      capacity = bufferBytes;
    }
    if (typedFor != &type) {
      typedFor = &type;
      typedOk = typedBindable(type);
    }
    if (typedOk) {
      if (typed.bind(data, json.size(), type, out, limits)) return true;
      std::memset(out, 0, type.size);
    }
    Arena::Mark mark = arena.mark();
    if (rt::bindOnDemand(onDemand, data, json.size(), capacity, type, out, arena, limits)) return true;
    arena.rewind(mark);
    std::memset(out, 0, type.size);
    return false;
  }

  error_code parse(std::string_view json, const BindLimits& limits, dom::element& root) {
    // simdjson counts a scalar inside the deepest container as one more level.
    size_t depthWanted = std::min<size_t>(std::max<uint32_t>(limits.maxDepth, 1), 4096) + 1;
    if (json.size() > capacity || depth != depthWanted) {
      size_t cap = std::max(json.size(), std::max(capacity, size_t(4096)));
      if (error_code err = parser.allocate(cap, depthWanted)) return err;
      capacity = cap;
      depth = depthWanted;
    }
    error_code err = parser.parse(reinterpret_cast<const uint8_t*>(padded(json)), json.size(), false).get(root);
    // The DOM holds no pointer into its input: a copy of one very long line is not kept
    // (each gaic eval -j worker would otherwise hold one the size of the longest line).
    if (bufferBytes > kMaxKeptBufferBytes) {
      buffer.reset();
      bufferBytes = 0;
    }
    return err;
  }
};

JsonBinder::JsonBinder(BindLimits limits) : limits_(limits), impl_(std::make_unique<Impl>()) {}
JsonBinder::~JsonBinder() = default;

void JsonBinder::setOnDemand(bool enabled) { impl_->useOnDemand = enabled; }

namespace {

// After a number error: rewrite integers beyond 64 bits as floats (remembering their paths,
// so int fields still report them) or report the first number that cannot be read.
bool rewriteBigNumbers(std::string_view json, unsigned maxDepth, std::string& rewritten,
                       std::vector<std::string>& bigPaths, BindError& error) {
  std::vector<BadNumber> bad = scanBadNumbers(json, maxDepth);
  size_t copied = 0;
  for (const BadNumber& b : bad) {
    if (b.kind != BadNumber::BigInteger) {
      error.path = b.kind == BadNumber::OutOfRange ? b.path : "";
      error.message = b.kind == BadNumber::OutOfRange ? "number out of range" : "invalid JSON: invalid number at " + b.path;
      return false;
    }
    rewritten.append(json.substr(copied, b.end - copied));
    rewritten += ".0";
    copied = b.end;
    bigPaths.push_back(b.path);
  }
  if (bigPaths.empty()) {
    error.path.clear();
    error.message = "invalid JSON: invalid number";
    return false;
  }
  rewritten.append(json.substr(copied));
  return true;
}

}  // namespace

static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

bool JsonBinder::bindValue(std::string_view json, size_t capacity, const Type& type, void* out, Arena& arena,
                           BindError& error) {
  try {
    return bindValueUnchecked(json, capacity, type, out, arena, error);
  } catch (...) {  // allocation failure in std containers: never let it reach a host
    error.path.clear();
    error.message = "out of memory";
    return false;
  }
}

bool JsonBinder::bindValueUnchecked(std::string_view json, size_t capacity, const Type& type, void* out,
                                    Arena& arena, BindError& error) {
  error.path.clear();
  error.message.clear();
  std::memset(out, 0, type.size);
  if (json.size() >= 3 && json.substr(0, 3) == "\xEF\xBB\xBF") {  // a UTF-8 BOM
    json.remove_prefix(3);
    capacity = capacity >= 3 ? capacity - 3 : 0;
  }
  if (json.size() > limits_.maxDocumentBytes) {
    error.message = inputTooLongMessage(limits_.maxDocumentBytes);
    return false;
  }
  if (isBlank(json)) {
    error.message = "blank line";
    return false;
  }
  if (impl_->bindOnDemand(json, capacity, type, out, arena, limits_)) return true;
  impl_->bigPaths.clear();
  dom::element root;
  error_code err = impl_->parse(json, limits_, root);
  std::string rewritten;
  if (err == simdjson::NUMBER_ERROR) {
    if (!rewriteBigNumbers(json, limits_.maxDepth, rewritten, impl_->bigPaths, error)) return false;
    err = impl_->parse(rewritten, limits_, root);
  }
  if (err == simdjson::DEPTH_ERROR) {
    error.message = "JSON nested deeper than " + std::to_string(impl_->depth - 1) + " levels";
    return false;
  }
  if (err) {
    error.message = parseErrorText(err);
    return false;
  }
  Binding binding(limits_, arena, error, impl_->bigPaths, impl_->path);
  return binding.value(root, type, out);
}

const void* JsonBinder::bind(std::string_view json, size_t capacity, const Type& record, Arena& arena,
                             BindError& error) {
  void* out = arena.allocate(record.size ? record.size : 1, record.align);  // bindValue zeroes it
  if (!out) {
    error = BindError{{}, "input too large for the arena"};
    return nullptr;
  }
  return bindValue(json, capacity, record, out, arena, error) ? out : nullptr;
}

}  // namespace gai::rt
