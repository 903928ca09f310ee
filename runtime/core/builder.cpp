#include "core/builder.h"

#include <cstring>

#include "core/json_bind.h"
#include "core/layout.h"

namespace gai::rt {

void applyDefaults(const Type& record, void* base) {
  for (uint32_t i = 0; i < record.fields.size(); ++i) {
    const Field& f = record.fields[i];
    void* at = fieldAddress(record, i, base);
    if (f.defaultValue) {
      std::memcpy(at, f.defaultValue, f.type->size);
    } else if (f.type->kind == Kind::Record) {
      applyDefaults(*f.type, at);
    }
  }
}

Builder::Builder(const Type& record, Arena& arena) : record_(record), arena_(arena) {
  root_ = arena.allocateZeroed(record.size ? record.size : 1, record.align);
  if (!root_) {
    error_ = "out of memory";
    return;
  }
  applyDefaults(record, root_);
}

bool Builder::fail(const std::string& path, const std::string& message) {
  if (error_.empty()) error_ = path.empty() ? message : path + ": " + message;
  return false;
}

// Descends from `record` at `base` into field `field`, which must be a record or an
// optional record (made present with its defaults when none).
bool Builder::step(const Type*& record, void*& base, uint32_t field, std::string& pathText) {
  const Field& f = record->fields[field];
  void* at = fieldAddress(*record, field, base);
  if (f.type->kind == Kind::Record) {
    record = f.type;
    base = at;
    return true;
  }
  if (f.type->kind == Kind::Optional && f.type->element->kind == Kind::Record) {
    if (!optionalPresent(at)) {
      std::memset(at, 0, f.type->size);
      *static_cast<uint8_t*>(at) = 1;
      applyDefaults(*f.type->element, optionalValue(*f.type, at));
    }
    record = f.type->element;
    base = optionalValue(*f.type, at);
    return true;
  }
  return fail(pathText, typeName(*f.type) + " is not a record");
}

bool Builder::resolve(std::string_view path, Target& target) {
  if (!root_) return false;
  const Type* record = &record_;
  void* base = root_;
  std::string pathText;
  while (true) {
    size_t dot = path.find('.');
    std::string_view name = path.substr(0, dot);
    if (!pathText.empty()) pathText += '.';
    pathText += name;
    int index = record->findField(name);
    if (index < 0) return fail(pathText, "no field " + std::string(name) + " in " + record->name);
    if (dot == std::string_view::npos) {
      target = Target{record->fields[index].type, fieldAddress(*record, index, base), pathText};
      set_.emplace_back(base, static_cast<uint32_t>(index));
      return true;
    }
    if (!step(record, base, static_cast<uint32_t>(index), pathText)) return false;
    path.remove_prefix(dot + 1);
  }
}

bool Builder::resolve(const FieldPath& path, Target& target) {
  if (!root_) return false;
  if (path.empty()) return fail("", "empty field path");
  const Type* record = &record_;
  void* base = root_;
  std::string pathText;
  for (size_t i = 0; i < path.size(); ++i) {
    uint32_t index = path[i];
    if (index >= record->fields.size())
      return fail(pathText, "no field #" + std::to_string(index) + " in " + record->name);
    if (!pathText.empty()) pathText += '.';
    pathText += record->fields[index].name;
    if (i + 1 == path.size()) {
      target = Target{record->fields[index].type, fieldAddress(*record, index, base), pathText};
      set_.emplace_back(base, index);
      return true;
    }
    if (!step(record, base, index, pathText)) return false;
  }
  return false;
}

void* Builder::valueSlot(const Target& target, Kind wanted, const char* given, const Type** inner) {
  const Type* t = target.type;
  bool optional = t->kind == Kind::Optional;
  const Type* valueType = optional ? t->element : t;
  if (valueType->kind != wanted) {
    fail(target.path, "expected " + typeName(*t) + ", got " + given);
    return nullptr;
  }
  if (inner) *inner = valueType;
  if (!optional) return target.address;
  *static_cast<uint8_t*>(target.address) = 1;
  return optionalValue(*t, target.address);
}

template <typename T>
static bool store(void* slot, T value) {
  if (!slot) return false;
  std::memcpy(slot, &value, sizeof value);
  return true;
}

bool Builder::setBool(std::string_view path, bool value) {
  Target t;
  return resolve(path, t) && store<uint8_t>(valueSlot(t, Kind::Bool, "bool"), value ? 1 : 0);
}
bool Builder::setInt(std::string_view path, int64_t value) {
  Target t;
  return resolve(path, t) && store(valueSlot(t, Kind::Int, "int"), value);
}
bool Builder::setFloat(std::string_view path, double value) {
  Target t;
  return resolve(path, t) && store(valueSlot(t, Kind::Float, "float"), value);
}
bool Builder::setDate(std::string_view path, int32_t days) {
  Target t;
  return resolve(path, t) && store(valueSlot(t, Kind::Date, "date"), days);
}
bool Builder::setTimestamp(std::string_view path, int64_t micros) {
  Target t;
  return resolve(path, t) && store(valueSlot(t, Kind::Timestamp, "timestamp"), micros);
}
bool Builder::setDuration(std::string_view path, int64_t seconds) {
  Target t;
  return resolve(path, t) && store(valueSlot(t, Kind::Duration, "duration"), seconds);
}

bool Builder::setString(std::string_view path, std::string_view value) {
  Target t;
  if (!resolve(path, t)) return false;
  void* slot = valueSlot(t, Kind::String, "string");
  if (!slot) return false;
  Str s{nullptr, static_cast<int64_t>(value.size())};
  if (!value.empty() && !(s.data = arena_.copyString(value))) return fail(t.path, "out of memory");
  return store(slot, s);
}

bool Builder::setEnum(std::string_view path, std::string_view member) {
  Target t;
  const Type* e = nullptr;
  if (!resolve(path, t)) return false;
  void* slot = valueSlot(t, Kind::Enum, "enum member", &e);
  if (!slot) return false;
  int ordinal = e->findMember(member);
  if (ordinal < 0) return fail(t.path, "unknown " + e->name + " \"" + std::string(member) + "\"");
  return store(slot, static_cast<uint32_t>(ordinal));
}

bool Builder::setEnumOrdinal(std::string_view path, uint32_t ordinal) {
  Target t;
  const Type* e = nullptr;
  if (!resolve(path, t)) return false;
  void* slot = valueSlot(t, Kind::Enum, "enum member", &e);
  if (!slot) return false;
  if (ordinal >= e->members.size()) return fail(t.path, "ordinal out of range for " + e->name);
  return store(slot, ordinal);
}

bool Builder::setNone(std::string_view path) {
  Target t;
  if (!resolve(path, t)) return false;
  if (t.type->kind != Kind::Optional) return fail(t.path, "expected " + typeName(*t.type) + ", got none");
  std::memset(t.address, 0, t.type->size);
  return true;
}

void* Builder::slot(std::string_view path, const Type*& type) {
  Target t;
  if (!resolve(path, t)) return nullptr;
  type = t.type;
  return t.address;
}

void* Builder::slot(const FieldPath& path, const Type*& type) {
  Target t;
  if (!resolve(path, t)) return nullptr;
  type = t.type;
  return t.address;
}

bool Builder::isSet(const void* base, uint32_t field) const {
  for (const auto& entry : set_)
    if (entry.first == base && entry.second == field) return true;
  return false;
}

bool Builder::checkRequired(const Type& record, const void* base, const std::string& prefix) {
  for (uint32_t i = 0; i < record.fields.size(); ++i) {
    const Field& f = record.fields[i];
    std::string path = prefix.empty() ? f.name : prefix + "." + f.name;
    if (isSet(base, i)) continue;
    const void* at = fieldAddress(record, i, base);
    if (f.type->kind == Kind::Record) {
      if (!checkRequired(*f.type, at, path)) return false;
    } else if (f.type->kind == Kind::Optional && f.type->element->kind == Kind::Record && optionalPresent(at)) {
      if (!checkRequired(*f.type->element, optionalValue(*f.type, at), path)) return false;
    } else if (f.isRequired()) {
      return fail(path, "missing required field");
    }
  }
  return true;
}

const void* Builder::finish() {
  if (!error_.empty() || !root_) return nullptr;
  if (!checkRequired(record_, root_, "")) return nullptr;
  return root_;
}

}  // namespace gai::rt
