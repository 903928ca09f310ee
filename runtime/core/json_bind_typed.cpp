#include "core/json_bind_typed.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "core/json_bind_fast.h"
#include "core/layout.h"

namespace gai::rt {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Whether an atom or number may end before `c` (JSON whitespace or structural).
bool endsAtom(char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case ',': case ':': case '[': case ']': case '{': case '}':
      return true;
    default:
      return false;
  }
}

// An integer of at most 19 digits, without a fraction or exponent, not -0 (the other
// passes decide those); false when it is not one.
bool readInt(const char* p, int64_t& out) {
  bool negative = *p == '-';
  p += negative;
  if (!isDigit(*p) || (*p == '0' && (isDigit(p[1]) || negative))) return false;
  uint64_t v = 0;
  int digits = 0;
  for (; isDigit(*p) && digits < 19; ++p, ++digits) v = v * 10 + static_cast<uint64_t>(*p - '0');
  if (isDigit(*p) || !endsAtom(*p)) return false;
  if (v > (negative ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX))) return false;
  out = negative ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

bool isAtom(const char* p, const char* atom, size_t n) { return std::memcmp(p, atom, n) == 0 && endsAtom(p[n]); }

// The walk over stage 1's structural indexes. Each step takes the next token (a pointer
// into the index, kept in a register: no state in memory that a store into the bound
// value could alias) and returns the one after what it read, or null.
using Token = const uint32_t*;

class Walk {
 public:
  Walk(const char* buf, Token end, const BindLimits& limits)
      : buf_(buf), end_(end), limits_(limits), maxDepth_(std::min<uint32_t>(limits.maxDepth, kMaxFastDepth)) {}

  Token record(const Type& type, char* out, Token t, uint32_t depth);

 private:
  // The character token `t` starts with (0 past the last).
  char at(Token t) const { return t < end_ ? buf_[*t] : '\0'; }
  bool deeper(uint32_t depth) const { return depth + 1 < maxDepth_; }

  Token value(const Type& type, void* out, Token t, uint32_t depth);
  // value() with the commonest kinds inline.
  // `buf` and `end` as the caller holds them in registers.
  __attribute__((always_inline)) Token leaf(const char* buf, Token end, const Type& type, void* out, Token t,
                                            uint32_t depth) {
    if (t < end) {
      const char* p = buf + *t;
      switch (type.kind) {
        case Kind::Bool:
          if (!isAtom(p, "true", 4) && !isAtom(p, "false", 5)) return nullptr;
          *static_cast<uint8_t*>(out) = *p == 't';
          return t + 1;
        case Kind::Int: return readInt(p, *static_cast<int64_t*>(out)) ? t + 1 : nullptr;
        case Kind::Enum: return member(type, *static_cast<uint32_t*>(out), t);
        default: break;
      }
    }
    return value(type, out, t, depth);
  }
  Token member(const Type& type, uint32_t& out, Token t) const;
  Token bitSet(const Type& type, void* out, Token t) const;
  bool fillMissing(const Type& type, uint64_t seen, char* out) const;

  const char* const buf_;
  const Token end_;
  const BindLimits& limits_;
  const uint32_t maxDepth_;
};

// At its `{`.
Token Walk::record(const Type& type, char* out, Token t, uint32_t depth) {
  const Field* fields = type.fields.data();
  const size_t n = type.fields.size();
  if (n > 64) return nullptr;
  // Copies the stores into `out` cannot alias.
  const char* const buf = buf_;
  const Token end = end_;
  uint64_t seen = 0;
  size_t expected = 0;
  char next = ++t < end ? buf[*t] : '\0';
  if (next == '}') ++t;
  while (next != '}') {
    // The key, its `:` and the first token of its value.
    if (t + 2 >= end || buf[t[0]] != '"' || buf[t[1]] != ':') return nullptr;
    int index = matchField(type, fields, n, expected, buf + t[0] + 1);
    if (index < 0 || ((seen >> index) & 1)) return nullptr;
    seen |= uint64_t(1) << index;
    const Field& f = fields[index];
    if (!(t = leaf(buf, end, *f.type, out + f.offset, t + 2, depth)) || t >= end) return nullptr;
    expected = static_cast<size_t>(index) + 1;
    next = buf[*t++];
    if (next != ',' && next != '}') return nullptr;
  }
  bool all = n == 64 ? seen == ~uint64_t(0) : seen == (uint64_t(1) << n) - 1;
  return all || fillMissing(type, seen, out) ? t : nullptr;
}

bool Walk::fillMissing(const Type& type, uint64_t seen, char* out) const {
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const Field& f = type.fields[i];
    if ((seen >> i) & 1) continue;
    if (f.defaultValue) {
      std::memcpy(out + f.offset, f.defaultValue, f.type->size);
    } else if (!f.isOptional()) {
      return false;
    }
  }
  return true;
}

Token Walk::value(const Type& type, void* out, Token t, uint32_t depth) {
  if (t >= end_) return nullptr;
  const char* p = buf_ + *t;
  switch (type.kind) {
    case Kind::Bool:
      if (!isAtom(p, "true", 4) && !isAtom(p, "false", 5)) return nullptr;
      *static_cast<uint8_t*>(out) = *p == 't';
      return t + 1;
    case Kind::Int: return readInt(p, *static_cast<int64_t*>(out)) ? t + 1 : nullptr;
    case Kind::Enum: return member(type, *static_cast<uint32_t*>(out), t);
    case Kind::Set: return type.isBitSet() && *p == '[' && deeper(depth) ? bitSet(type, out, t) : nullptr;
    case Kind::Record: return *p == '{' && deeper(depth) ? record(type, static_cast<char*>(out), t, depth + 1) : nullptr;
    case Kind::Optional:
      if (isAtom(p, "null", 4)) return t + 1;
      *static_cast<uint8_t*>(out) = 1;
      return value(*type.element, optionalValue(type, out), t, depth);
    default: return nullptr;
  }
}

Token Walk::member(const Type& type, uint32_t& out, Token t) const {
  if (at(t) != '"' || type.memberKeys.empty()) return nullptr;
  int m = matchMember(type, buf_ + *t + 1);
  if (m < 0 || type.members[static_cast<size_t>(m)].size() > limits_.maxStringBytes) return nullptr;
  out = static_cast<uint32_t>(m);
  return t + 1;
}

// At its `[`: the members as bits.
Token Walk::bitSet(const Type& type, void* out, Token t) const {
  const Type& elem = *type.element;
  uint64_t bits = 0;
  size_t n = 0;
  char next = at(++t);
  if (next == ']') ++t;
  while (next != ']') {
    uint32_t m;
    if (++n > limits_.maxArrayElements || n >= 0xFFFFFF || !(t = member(elem, m, t))) return nullptr;
    bits |= uint64_t(1) << m;
    next = at(t++);
    if (next != ',' && next != ']') return nullptr;
  }
  *static_cast<uint64_t*>(out) = bits;
  return t;
}

bool bindableField(const Type& type) {
  switch (type.kind) {
    case Kind::Bool:
    case Kind::Int: return true;
    case Kind::Enum: return !type.memberKeys.empty();
    case Kind::Set: return type.isBitSet() && bindableField(*type.element);
    case Kind::Optional: return bindableField(*type.element);
    case Kind::Record: return typedBindable(type);
    default: return false;
  }
}

}  // namespace

bool typedBindable(const Type& record) {
  if (record.kind != Kind::Record || record.fields.size() > 64) return false;
  for (const Field& f : record.fields)
    if (!bindableField(*f.type)) return false;
  return true;
}

struct TypedBinder::Impl {
  std::unique_ptr<simdjson::internal::dom_parser_implementation> stage1;
  size_t capacity = 0;

  bool reserve(size_t length) {
    if (length <= capacity && stage1) return true;
    size_t want = std::max<size_t>((length + 4095) / 4096 * 4096, 4096);
    if (!stage1) {
      if (simdjson::get_active_implementation()->create_dom_parser_implementation(want, kMaxFastDepth, stage1))
        return false;
    } else if (stage1->set_capacity(want)) {
      return false;
    }
    capacity = want;
    return true;
  }
};

TypedBinder::TypedBinder() : impl_(std::make_unique<Impl>()) {}
TypedBinder::~TypedBinder() = default;

bool TypedBinder::bind(const char* json, size_t length, const Type& record, void* out, const BindLimits& limits) {
  if (length == 0 || !impl_->reserve(length)) return false;
  simdjson::internal::dom_parser_implementation& s = *impl_->stage1;
  if (s.stage1(reinterpret_cast<const uint8_t*>(json), length, simdjson::stage1_mode::regular)) return false;
  Token first = s.structural_indexes.get(), end = first + s.n_structural_indexes;
  if (record.kind != Kind::Record || s.n_structural_indexes == 0 || json[*first] != '{') return false;
  Walk walk(json, end, limits);
  return walk.record(record, static_cast<char*>(out), first, 1) == end;
}

}  // namespace gai::rt
