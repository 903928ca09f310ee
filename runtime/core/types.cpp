#include "core/types.h"

#include <algorithm>
#include <cstring>

#include "core/json_bind.h"
#include "core/layout.h"

namespace gai::rt {

namespace {

uint64_t hashName(std::string_view name) {
  uint64_t h = 1469598103934665603ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

template <typename NameOf>
int lookup(const std::vector<int32_t>& table, size_t count, std::string_view name, NameOf nameOf) {
  if (table.empty()) {
    for (size_t i = 0; i < count; ++i)
      if (nameOf(i) == name) return static_cast<int>(i);
    return -1;
  }
  size_t mask = table.size() - 1;
  for (size_t slot = hashName(name) & mask;; slot = (slot + 1) & mask) {
    int32_t index = table[slot];
    if (index < 0) return -1;
    if (nameOf(static_cast<size_t>(index)) == name) return index;
  }
}

}  // namespace

KeyImage KeyImage::of(std::string_view name) {
  KeyImage k;
  if (name.size() > 31 || name.find_first_of("\"\\") != std::string_view::npos) return k;
  char bytes[32] = {};
  std::memcpy(bytes, name.data(), name.size());
  bytes[name.size()] = '"';
  k.words = static_cast<uint32_t>(name.size() / 8 + 1);
  for (size_t i = 0; i <= name.size(); ++i) reinterpret_cast<unsigned char*>(k.mask)[i] = 0xFF;
  std::memcpy(k.bytes, bytes, sizeof bytes);
  return k;
}

KeyDispatch KeyDispatch::build(const std::vector<KeyImage>& keys) {
  KeyDispatch d;
  if (keys.empty()) return d;
  size_t prefix = 8;
  for (const KeyImage& k : keys) {
    if (!k.words) return d;
    size_t bytes = 0;  // the name's bytes and its quote
    while (bytes < 32 && reinterpret_cast<const unsigned char*>(k.mask)[bytes]) ++bytes;
    prefix = std::min(prefix, bytes);
  }
  d.prefixMask = prefix == 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * prefix)) - 1;
  std::vector<uint64_t> heads;
  for (const KeyImage& k : keys) heads.push_back(k.bytes[0] & d.prefixMask);
  // Keys alike in their first `prefix` bytes clash under every multiplier.
  std::vector<uint64_t> sorted = heads;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return d;
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  std::vector<int32_t> slots;
  for (uint32_t bits = 1; bits <= 16; ++bits) {
    if ((size_t(1) << bits) < keys.size()) continue;
    for (int attempt = 0; attempt < 256; ++attempt) {
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      uint64_t mul = seed | 1;
      slots.assign(size_t(1) << bits, -1);
      bool clash = false;
      for (size_t i = 0; i < heads.size() && !clash; ++i) {
        int32_t& slot = slots[(heads[i] * mul) >> (64 - bits)];
        clash = slot >= 0;
        slot = static_cast<int32_t>(i);
      }
      if (clash) continue;
      d.multiplier = mul;
      d.shift = 64 - bits;
      d.slots = std::move(slots);
      return d;
    }
  }
  return d;
}

std::vector<int32_t> buildNameLookup(const std::vector<std::string>& names) {
  size_t size = 4;
  while (size < names.size() * 2) size *= 2;
  std::vector<int32_t> table(size, -1);
  for (size_t i = 0; i < names.size(); ++i) {
    size_t slot = hashName(names[i]) & (size - 1);
    while (table[slot] >= 0) slot = (slot + 1) & (size - 1);
    table[slot] = static_cast<int32_t>(i);
  }
  return table;
}

int Type::findField(std::string_view fieldName) const {
  return lookup(fieldLookup, fields.size(), fieldName, [&](size_t i) -> const std::string& { return fields[i].name; });
}

int Type::findMember(std::string_view memberName) const {
  return lookup(memberLookup, members.size(), memberName, [&](size_t i) -> const std::string& { return members[i]; });
}

std::string typeName(const Type& type) {
  switch (type.kind) {
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "string";
    case Kind::Date: return "date";
    case Kind::Timestamp: return "timestamp";
    case Kind::Duration: return "duration";
    case Kind::Enum:
    case Kind::Record: return type.name;
    case Kind::List: return "list<" + typeName(*type.element) + ">";
    case Kind::Set: return "set<" + typeName(*type.element) + ">";
    case Kind::Optional: return typeName(*type.element) + "?";
  }
  return "?";
}

TypeTable::TypeTable() : constants_(size_t(1) << 32, 4096) {
  static const Kind kScalars[] = {Kind::Bool, Kind::Int, Kind::Float, Kind::String,
                                  Kind::Date, Kind::Timestamp, Kind::Duration};
  for (int i = 0; i < 7; ++i) {
    Type* t = make(kScalars[i]);
    computeLayout(*t, nullptr);
    scalars_[i] = t;
  }
}

Type* TypeTable::make(Kind kind) {
  types_.emplace_back();
  types_.back().kind = kind;
  return &types_.back();
}

const Type* TypeTable::scalar(Kind kind) const {
  return kind <= Kind::Duration ? scalars_[static_cast<int>(kind)] : nullptr;
}

const Type* TypeTable::listOf(const Type* element) {
  auto& slot = composites_[{static_cast<int>(Kind::List), element}];
  if (!slot) {
    Type* t = make(Kind::List);
    t->element = element;
    slot = t;
  }
  return slot;
}

const Type* TypeTable::setOf(const Type* element) {
  auto& slot = composites_[{static_cast<int>(Kind::Set), element}];
  if (!slot) {
    Type* t = make(Kind::Set);
    t->element = element;
    slot = t;
  }
  return slot;
}

const Type* TypeTable::optionalOf(const Type* element) {
  auto& slot = composites_[{static_cast<int>(Kind::Optional), element}];
  if (!slot) {
    Type* t = make(Kind::Optional);
    t->element = element;
    slot = t;
  }
  return slot;
}

Type* TypeTable::addEnum(std::string name, std::vector<std::string> members, std::string qualifiedName) {
  Type* t = make(Kind::Enum);
  t->qualifiedName = qualifiedName.empty() ? name : std::move(qualifiedName);
  t->name = std::move(name);
  t->members = std::move(members);
  return t;
}

Type* TypeTable::addRecord(std::string name, std::string qualifiedName) {
  Type* t = make(Kind::Record);
  t->qualifiedName = qualifiedName.empty() ? name : std::move(qualifiedName);
  t->name = std::move(name);
  return t;
}

uint32_t TypeTable::addField(Type* record, std::string name, const Type* type) {
  Field f;
  f.name = std::move(name);
  f.type = type;
  record->fields.push_back(std::move(f));
  return static_cast<uint32_t>(record->fields.size() - 1);
}

bool TypeTable::finalize(std::string* error) {
  for (Type& t : types_)
    if (!computeLayout(t, error)) return false;
  return true;
}

void TypeTable::setDefault(Type* record, uint32_t field, const void* value) {
  const Type& ft = *record->fields[field].type;
  void* bytes = constants_.allocateZeroed(ft.size ? ft.size : 1, ft.align);
  if (!bytes || !copyValue(ft, value, bytes, constants_)) return;
  record->fields[field].defaultValue = bytes;
}

bool TypeTable::setDefaultJson(Type* record, uint32_t field, std::string_view json, std::string* error) {
  const Type& ft = *record->fields[field].type;
  void* bytes = constants_.allocateZeroed(ft.size ? ft.size : 1, ft.align);
  JsonBinder binder;
  BindError err;
  if (!bytes || !binder.bindValue(json, ft, bytes, constants_, err)) {
    if (error) *error = bytes ? err.toString() : "out of memory";
    return false;
  }
  record->fields[field].defaultValue = bytes;
  return true;
}

}  // namespace gai::rt
