#include "core/layout.h"

#include <algorithm>
#include <vector>

namespace gai::rt {

namespace {

uint32_t roundUp(uint32_t value, uint32_t align) { return (value + align - 1) / align * align; }

bool layoutRecord(Type& type, std::string* error) {
  uint32_t offset = 0, align = 1;
  for (Field& field : type.fields) {
    Type& ft = const_cast<Type&>(*field.type);
    if (!computeLayout(ft, error)) return false;
    offset = roundUp(offset, ft.align);
    field.offset = offset;
    offset += ft.size;
    align = std::max(align, ft.align);
  }
  type.align = align;
  type.size = roundUp(offset, align);
  return true;
}

// A record being laid out has size UINT32_MAX; meeting it again inline is a cycle.
bool enterRecord(Type& type, std::string* error) {
  if (type.size != UINT32_MAX) return true;
  if (error) *error = "record " + type.name + " contains itself";
  return false;
}

}  // namespace

bool computeLayout(Type& type, std::string* error) {
  if (type.finalized) return true;
  switch (type.kind) {
    case Kind::Bool: type.size = type.align = 1; break;
    case Kind::Int:
    case Kind::Float:
    case Kind::Timestamp:
    case Kind::Duration: type.size = type.align = 8; break;
    case Kind::Date: type.size = type.align = 4; break;
    case Kind::Enum:
      type.size = type.align = 4;
      type.memberLookup = buildNameLookup(type.members);
      type.memberKeys.clear();
      for (const std::string& m : type.members) type.memberKeys.push_back(KeyImage::of(m));
      if (std::any_of(type.memberKeys.begin(), type.memberKeys.end(), [](const KeyImage& k) { return !k.words; }))
        type.memberKeys.clear();
      type.keyDispatch = KeyDispatch::build(type.memberKeys);
      break;
    case Kind::String: type.size = 16, type.align = 8, type.holdsPointers = true; break;
    case Kind::List:
      // A list is an indirection: list<R> inside R is finite, so an element in progress is fine.
      type.size = 16, type.align = 8;
      type.holdsPointers = true;
      type.finalized = true;
      if (type.element->kind == Kind::Record && type.element->size == UINT32_MAX) return true;
      return computeLayout(const_cast<Type&>(*type.element), error);
    case Kind::Set:
      if (!computeLayout(const_cast<Type&>(*type.element), error)) return false;
      type.size = type.isBitSet() ? 8 : 16;
      type.align = 8;
      type.holdsPointers = !type.isBitSet();
      break;
    case Kind::Optional: {
      Type& inner = const_cast<Type&>(*type.element);
      if (!computeLayout(inner, error)) return false;
      type.valueOffset = inner.align;
      type.align = inner.align;
      type.size = roundUp(inner.align + inner.size, inner.align);
      type.holdsPointers = inner.holdsPointers;
      break;
    }
    case Kind::Record:
      if (!enterRecord(type, error)) return false;
      type.size = UINT32_MAX;
      if (!layoutRecord(type, error)) {
        type.size = 0;
        return false;
      }
      {
        std::vector<std::string> names;
        for (Field& f : type.fields) {
          names.push_back(f.name);
          f.key = KeyImage::of(f.name);
          type.holdsPointers = type.holdsPointers || f.type->holdsPointers;
        }
        type.fieldLookup = buildNameLookup(names);
        std::vector<KeyImage> keys;
        for (const Field& f : type.fields) keys.push_back(f.key);
        type.keyDispatch = KeyDispatch::build(keys);
      }
      break;
  }
  type.finalized = true;
  return true;
}

int compareElements(const Type& element, const void* a, const void* b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (element.kind) {
    case Kind::Bool: return cmp(*static_cast<const uint8_t*>(a), *static_cast<const uint8_t*>(b));
    case Kind::Int:
    case Kind::Timestamp:
    case Kind::Duration: return cmp(*static_cast<const int64_t*>(a), *static_cast<const int64_t*>(b));
    case Kind::Float: return cmp(*static_cast<const double*>(a), *static_cast<const double*>(b));
    case Kind::Date: return cmp(*static_cast<const int32_t*>(a), *static_cast<const int32_t*>(b));
    case Kind::Enum: return cmp(*static_cast<const uint32_t*>(a), *static_cast<const uint32_t*>(b));
    case Kind::String: {
      std::string_view x = static_cast<const Str*>(a)->view(), y = static_cast<const Str*>(b)->view();
      int c = x.compare(y);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: return 0;
  }
}

namespace {

// Stable in-place insertion sort for small sets (no allocation); elements are <= 16 bytes.
void insertionSort(const Type& element, char* base, int64_t count) {
  const size_t stride = element.size;
  char tmp[16];
  for (int64_t i = 1; i < count; ++i) {
    std::memcpy(tmp, base + i * stride, stride);
    int64_t j = i;
    while (j > 0 && compareElements(element, base + (j - 1) * stride, tmp) > 0) {
      std::memcpy(base + j * stride, base + (j - 1) * stride, stride);
      --j;
    }
    std::memcpy(base + j * stride, tmp, stride);
  }
}

void indexSort(const Type& element, char* base, int64_t count) {
  const size_t stride = element.size;
  std::vector<uint32_t> order(static_cast<size_t>(count));
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    int c = compareElements(element, base + x * stride, base + y * stride);
    return c != 0 ? c < 0 : x < y;
  });
  std::vector<char> copy(base, base + count * stride);
  for (size_t i = 0; i < order.size(); ++i) std::memcpy(base + i * stride, copy.data() + order[i] * stride, stride);
}

}  // namespace

int64_t canonicalizeSet(const Type& element, void* data, int64_t count) {
  if (count <= 1) return count;
  const size_t stride = element.size;
  char* base = static_cast<char*>(data);
  if (count <= 32 && stride <= 16) {
    insertionSort(element, base, count);
  } else {
    indexSort(element, base, count);
  }
  int64_t out = 1;
  for (int64_t i = 1; i < count; ++i) {
    const char* item = base + i * stride;
    if (compareElements(element, base + (out - 1) * stride, item) == 0) continue;
    if (out != i) std::memcpy(base + out * stride, item, stride);
    ++out;
  }
  return out;
}

namespace {

bool copySlice(const Type& element, const Slice& src, Slice& dst, Arena& arena) {
  dst.count = src.count;
  dst.data = nullptr;
  if (src.count == 0) return true;
  size_t bytes = element.size * static_cast<size_t>(src.count);
  char* out = static_cast<char*>(arena.allocate(bytes, element.align));
  if (!out) return false;
  const char* in = static_cast<const char*>(src.data);
  for (int64_t i = 0; i < src.count; ++i)
    if (!copyValue(element, in + i * element.size, out + i * element.size, arena)) return false;
  dst.data = out;
  return true;
}

}  // namespace

bool copyValue(const Type& type, const void* src, void* dst, Arena& arena) {
  switch (type.kind) {
    case Kind::String: {
      const Str& s = *static_cast<const Str*>(src);
      Str& d = *static_cast<Str*>(dst);
      d.len = s.len;
      d.data = nullptr;
      if (s.len == 0) return true;
      d.data = arena.copyString(s.view());
      return d.data != nullptr;
    }
    case Kind::List:
    case Kind::Set:
      if (type.isBitSet()) break;
      return copySlice(*type.element, *static_cast<const Slice*>(src), *static_cast<Slice*>(dst), arena);
    case Kind::Optional:
      std::memset(dst, 0, type.size);
      if (!optionalPresent(src)) return true;
      *static_cast<uint8_t*>(dst) = 1;
      return copyValue(*type.element, optionalValue(type, src), optionalValue(type, dst), arena);
    case Kind::Record:
      std::memcpy(dst, src, type.size);  // padding too, so records compare bytewise stable
      for (uint32_t i = 0; i < type.fields.size(); ++i)
        if (!copyValue(*type.fields[i].type, fieldAddress(type, i, src), fieldAddress(type, i, dst), arena))
          return false;
      return true;
    default: break;
  }
  std::memcpy(dst, src, type.size);
  return true;
}

namespace {

// packByField's two passes over the values: Measure sums the bytes of each string field,
// Copy moves every string into its field's block and every list and set into the arena.
class FieldPacker {
 public:
  explicit FieldPacker(Arena& arena) : arena_(arena) {}

  bool value(const Type& type, char* v, bool copy) {
    column_ = 0;
    copy_ = copy;
    return walk(type, v);
  }
  // After the Measure pass: one block per string field.
  bool allocateBlocks() {
    for (size_t bytes : bytes_) {
      char* block = bytes ? static_cast<char*>(arena_.allocate(bytes, 1)) : nullptr;
      if (bytes && !block) return false;
      next_.push_back(block);
    }
    return true;
  }

 private:
  // The string fields under `type` (the blocks a value of it has, present or not).
  static size_t stringFields(const Type& type) {
    if (type.kind == Kind::String) return 1;
    if (type.kind == Kind::Optional) return stringFields(*type.element);
    size_t n = 0;
    if (type.kind == Kind::Record)
      for (const Field& f : type.fields) n += stringFields(*f.type);
    return n;
  }

  bool walk(const Type& type, char* v) {
    switch (type.kind) {
      case Kind::String: return string(*reinterpret_cast<Str*>(v));
      case Kind::Record:
        for (const Field& f : type.fields)
          if (f.type->holdsPointers && !walk(*f.type, v + f.offset)) return false;
        return true;
      case Kind::Optional:
        if (optionalPresent(v)) return walk(*type.element, v + type.valueOffset);
        column_ += stringFields(*type.element);
        return true;
      case Kind::List:
      case Kind::Set: {
        if (type.isBitSet() || !copy_) return true;
        Slice slice = *reinterpret_cast<Slice*>(v);
        return copyValue(type, &slice, v, arena_);
      }
      default: return true;
    }
  }

  bool string(Str& s) {
    size_t k = column_++;
    if (!copy_) {
      if (k >= bytes_.size()) bytes_.resize(k + 1, 0);
      bytes_[k] += static_cast<size_t>(s.len);
      return true;
    }
    if (s.len == 0) return true;
    std::memcpy(next_[k], s.data, static_cast<size_t>(s.len));
    s.data = next_[k];
    next_[k] += s.len;
    return true;
  }

  Arena& arena_;
  bool copy_ = false;
  size_t column_ = 0;          // the next string's field in the value being walked
  std::vector<size_t> bytes_;  // per string field: the bytes of its strings
  std::vector<char*> next_;    // per string field: where its next string goes
};

}  // namespace

bool packByField(const Type& type, char* first, size_t stride, size_t count, const uint8_t* keep, Arena& arena) {
  if (!type.holdsPointers) return true;
  FieldPacker packer(arena);
  for (size_t i = 0; i < count; ++i)
    if (!keep || keep[i]) packer.value(type, first + i * stride, false);
  if (!packer.allocateBlocks()) return false;
  for (size_t i = 0; i < count; ++i)
    if ((!keep || keep[i]) && !packer.value(type, first + i * stride, true)) return false;
  return true;
}

bool valuesEqual(const Type& type, const void* a, const void* b) {
  switch (type.kind) {
    case Kind::Bool: return *static_cast<const uint8_t*>(a) == *static_cast<const uint8_t*>(b);
    case Kind::Float: return *static_cast<const double*>(a) == *static_cast<const double*>(b);
    case Kind::String: return static_cast<const Str*>(a)->view() == static_cast<const Str*>(b)->view();
    case Kind::List:
    case Kind::Set: {
      if (type.isBitSet()) return *static_cast<const uint64_t*>(a) == *static_cast<const uint64_t*>(b);
      const Slice& x = *static_cast<const Slice*>(a);
      const Slice& y = *static_cast<const Slice*>(b);
      if (x.count != y.count) return false;
      const Type& e = *type.element;
      for (int64_t i = 0; i < x.count; ++i)
        if (!valuesEqual(e, static_cast<const char*>(x.data) + i * e.size, static_cast<const char*>(y.data) + i * e.size))
          return false;
      return true;
    }
    case Kind::Optional: {
      bool pa = optionalPresent(a), pb = optionalPresent(b);
      if (!pa || !pb) return pa == pb;
      return valuesEqual(*type.element, optionalValue(type, a), optionalValue(type, b));
    }
    case Kind::Record:
      for (uint32_t i = 0; i < type.fields.size(); ++i)
        if (!valuesEqual(*type.fields[i].type, fieldAddress(type, i, a), fieldAddress(type, i, b))) return false;
      return true;
    default: return std::memcmp(a, b, type.size) == 0;
  }
}

}  // namespace gai::rt
