// Builder setters for collections and JSON fragments.
#include <cstring>

#include "core/builder.h"
#include "core/json_bind.h"
#include "core/layout.h"

namespace gai::rt {

namespace {

// The collection type behind a field (through `T?`), or null.
const Type* collectionType(const Type* declared) {
  const Type* t = declared->kind == Kind::Optional ? declared->element : declared;
  return t->kind == Kind::List || t->kind == Kind::Set ? t : nullptr;
}

void* presentSlot(const Type* declared, void* address) {
  if (declared->kind != Kind::Optional) return address;
  *static_cast<uint8_t*>(address) = 1;
  return optionalValue(*declared, address);
}

}  // namespace

bool Builder::setStrings(std::string_view path, const std::vector<std::string_view>& values) {
  Target t;
  if (!resolve(path, t)) return false;
  const Type* c = collectionType(t.type);
  if (!c || c->element->kind != Kind::String)
    return fail(t.path, "expected " + typeName(*t.type) + ", got a list of strings");
  Str* data = values.empty() ? nullptr : static_cast<Str*>(arena_.allocateZeroed(values.size() * sizeof(Str), 8));
  if (!values.empty() && !data) return fail(t.path, "out of memory");
  for (size_t i = 0; i < values.size(); ++i) {
    data[i].len = static_cast<int64_t>(values[i].size());
    if (!values[i].empty() && !(data[i].data = arena_.copyString(values[i]))) return fail(t.path, "out of memory");
  }
  int64_t count = static_cast<int64_t>(values.size());
  if (c->kind == Kind::Set) count = canonicalizeSet(*c->element, data, count);
  Slice s{data, count};
  std::memcpy(presentSlot(t.type, t.address), &s, sizeof s);
  return true;
}

bool Builder::setInts(std::string_view path, const std::vector<int64_t>& values) {
  Target t;
  if (!resolve(path, t)) return false;
  const Type* c = collectionType(t.type);
  if (!c || c->element->kind != Kind::Int) return fail(t.path, "expected " + typeName(*t.type) + ", got a list of ints");
  int64_t* data = values.empty() ? nullptr : static_cast<int64_t*>(arena_.allocate(values.size() * 8, 8));
  if (!values.empty() && !data) return fail(t.path, "out of memory");
  if (!values.empty()) std::memcpy(data, values.data(), values.size() * 8);
  int64_t count = static_cast<int64_t>(values.size());
  if (c->kind == Kind::Set) count = canonicalizeSet(*c->element, data, count);
  Slice s{data, count};
  std::memcpy(presentSlot(t.type, t.address), &s, sizeof s);
  return true;
}

bool Builder::setEnums(std::string_view path, const std::vector<std::string_view>& members) {
  Target t;
  if (!resolve(path, t)) return false;
  const Type* c = collectionType(t.type);
  if (!c || c->element->kind != Kind::Enum)
    return fail(t.path, "expected " + typeName(*t.type) + ", got a list of enum members");
  const Type& e = *c->element;
  std::vector<uint32_t> ordinals;
  for (std::string_view m : members) {
    int o = e.findMember(m);
    if (o < 0) return fail(t.path, "unknown " + e.name + " \"" + std::string(m) + "\"");
    ordinals.push_back(static_cast<uint32_t>(o));
  }
  void* slot = presentSlot(t.type, t.address);
  if (c->isBitSet()) {
    uint64_t bits = 0;
    for (uint32_t o : ordinals) bits |= uint64_t(1) << o;
    std::memcpy(slot, &bits, 8);
    return true;
  }
  uint32_t* data = ordinals.empty() ? nullptr : static_cast<uint32_t*>(arena_.allocate(ordinals.size() * 4, 4));
  if (!ordinals.empty() && !data) return fail(t.path, "out of memory");
  if (!ordinals.empty()) std::memcpy(data, ordinals.data(), ordinals.size() * 4);
  int64_t count = static_cast<int64_t>(ordinals.size());
  if (c->kind == Kind::Set) count = canonicalizeSet(e, data, count);
  Slice s{data, count};
  std::memcpy(slot, &s, sizeof s);
  return true;
}

bool Builder::setJson(std::string_view path, std::string_view json) {
  Target t;
  if (!resolve(path, t)) return false;
  void* tmp = arena_.allocateZeroed(t.type->size ? t.type->size : 1, t.type->align);
  if (!tmp) return fail(t.path, "out of memory");
  JsonBinder binder;
  BindError err;
  if (!binder.bindValue(json, *t.type, tmp, arena_, err)) {
    if (err.path.empty()) return fail(t.path, err.message);
    return fail(t.path + err.path.substr(1), err.message);
  }
  std::memcpy(t.address, tmp, t.type->size);
  return true;
}

}  // namespace gai::rt
