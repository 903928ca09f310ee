// Runtime type descriptors: what the compiler tells the runtime about the types of a
// checked program. They carry the flat layout (layout.h) that both engines, the binder, the
// builder and the renderer read. Free of compiler types.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/arena.h"

namespace gai::rt {

enum class Kind : uint8_t {
  Bool,
  Int,
  Float,
  String,
  Date,
  Timestamp,
  Duration,
  Enum,
  Record,
  List,
  Set,
  Optional,
};

struct Type;

// A name as JSON spells it without escapes (the bytes between the quotes and the closing
// quote), zero-padded to 8-byte words with a mask of its bytes: the binder compares raw
// input with it in a few word operations, without finding where the input string ends.
struct KeyImage {
  uint64_t bytes[4] = {0, 0, 0, 0};
  uint64_t mask[4] = {0, 0, 0, 0};
  uint32_t words = 0;  // 0: not comparable so (longer than 31 bytes, or holds `"` or `\`)

  static KeyImage of(std::string_view name);
  // `raw` (after an opening quote) must be readable for 32 bytes.
  bool matches(const char* raw) const {
    uint64_t w0, w1;
    std::memcpy(&w0, raw, 8);
    std::memcpy(&w1, raw + 8, 8);
    uint64_t diff = ((w0 ^ bytes[0]) & mask[0]) | ((w1 ^ bytes[1]) & mask[1]);
    if (words > 2) {
      std::memcpy(&w0, raw + 16, 8);
      std::memcpy(&w1, raw + 24, 8);
      diff |= ((w0 ^ bytes[2]) & mask[2]) | ((w1 ^ bytes[3]) & mask[3]);
    }
    return diff == 0 && words != 0;
  }
};

// Which of a set of key images raw input may spell, branch-free: a perfect hash of the
// input's first bytes (as many as the shortest name has, with its quote), then one
// KeyImage::matches confirms.
struct KeyDispatch {
  uint64_t prefixMask = 0;
  uint64_t multiplier = 0;
  uint32_t shift = 63;
  std::vector<int32_t> slots;  // empty: no such hash (some key has no image, or prefixes clash)

  static KeyDispatch build(const std::vector<KeyImage>& keys);
  // The only key `raw` can match (raw readable for 8 bytes), or -1.
  int candidate(const char* raw) const {
    uint64_t w;
    std::memcpy(&w, raw, 8);
    return slots[((w & prefixMask) * multiplier) >> shift];
  }
};

struct Field {
  std::string name;
  const Type* type = nullptr;
  uint32_t offset = 0;  // from the start of the record; set by TypeTable::finalize
  // Bytes of the default value in the field's layout (`type->size` bytes), owned by the
  // TypeTable; null when the field has no default. An optional field without a default
  // defaults to none (all-zero bytes) and has `defaultValue == nullptr`.
  const void* defaultValue = nullptr;
  KeyImage key;  // the name as a JSON key (set by finalize)

  bool hasDefault() const { return defaultValue != nullptr; }
  bool isOptional() const;
  // Missing from input is an error only for these.
  bool isRequired() const { return !hasDefault() && !isOptional(); }
};

// One descriptor per distinct type. Scalars and composite types are interned by the
// TypeTable, so pointer equality is type equality. Enums and records are nominal.
struct Type {
  Kind kind = Kind::Bool;
  uint32_t size = 0;   // bytes, a multiple of align
  uint32_t align = 1;  // 1, 4 or 8
  // Enum and record: the declared name as written in messages (unqualified, `Modality`)
  // and the qualified name (`measures.schema.Modality`).
  std::string name;
  std::string qualifiedName;
  std::vector<std::string> members;  // Enum: member names in declaration order
  std::vector<Field> fields;         // Record: fields in declaration order
  const Type* element = nullptr;     // List, Set, Optional: the element / inner type
  // Optional: the offset of the value after the presence byte (== element->align).
  uint32_t valueOffset = 0;
  // A value may point outside its own bytes: a string, list or slice set anywhere in it
  // (set by finalize). Values without pointers can be copied byte for byte.
  bool holdsPointers = false;
  bool finalized = false;

  bool isScalar() const { return kind <= Kind::Duration; }
  // set<enum> with at most 64 members is a uint64 bitmask; every other set is a slice.
  bool isBitSet() const {
    return kind == Kind::Set && element->kind == Kind::Enum && element->members.size() <= 64;
  }
  int findField(std::string_view fieldName) const;    // -1 when absent
  int findMember(std::string_view memberName) const;  // -1 when absent

  // Open-addressing name lookups (index or -1), built by finalize for records and enums.
  std::vector<int32_t> fieldLookup;
  std::vector<int32_t> memberLookup;
  // Enum: the members' key images, or empty when some member has none (built by finalize).
  std::vector<KeyImage> memberKeys;
  // Record: over the fields' key images; enum: over memberKeys (built by finalize).
  KeyDispatch keyDispatch;
};

// Builds an open-addressing table over `names` (power-of-two size, at least twice the count).
std::vector<int32_t> buildNameLookup(const std::vector<std::string>& names);

// `int`, `list<Modality>`, `Output?`, `set<string>`: the name used in messages.
std::string typeName(const Type& type);

// Owns every descriptor of a program plus the memory of default values. Build it, then call
// finalize() once; descriptors are immutable afterwards and may be shared across threads.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* boolType() const { return scalars_[0]; }
  const Type* intType() const { return scalars_[1]; }
  const Type* floatType() const { return scalars_[2]; }
  const Type* stringType() const { return scalars_[3]; }
  const Type* dateType() const { return scalars_[4]; }
  const Type* timestampType() const { return scalars_[5]; }
  const Type* durationType() const { return scalars_[6]; }
  const Type* scalar(Kind kind) const;

  // Interned: the same element gives the same descriptor.
  const Type* listOf(const Type* element);
  const Type* setOf(const Type* element);
  const Type* optionalOf(const Type* element);

  Type* addEnum(std::string name, std::vector<std::string> members, std::string qualifiedName = {});
  // Fields are added afterwards with addField (records may refer to each other before
  // their fields are known; cycles are the checker's business and are rejected by finalize).
  Type* addRecord(std::string name, std::string qualifiedName = {});
  // Returns the field index.
  uint32_t addField(Type* record, std::string name, const Type* type);

  // Computes sizes, alignments and offsets. Returns false (and sets `error`) on a cyclic
  // record or an unfinished descriptor. Must precede any default, binding or rendering.
  bool finalize(std::string* error = nullptr);

  // Sets a field's default by deep-copying `value` (a value of the field's type in the flat
  // layout; strings and slices it points to are copied too) into memory owned by the table.
  void setDefault(Type* record, uint32_t field, const void* value);
  // Sets a field's default from JSON text (bound like input). Returns false with `error`.
  bool setDefaultJson(Type* record, uint32_t field, std::string_view json, std::string* error = nullptr);

  // Memory for constants that live as long as the program (defaults, constant values).
  Arena& constants() { return constants_; }

  const std::deque<Type>& types() const { return types_; }

 private:
  Type* make(Kind kind);

  std::deque<Type> types_;  // stable addresses
  const Type* scalars_[7];
  std::map<std::pair<int, const Type*>, const Type*> composites_;
  Arena constants_;
};

inline bool Field::isOptional() const { return type->kind == Kind::Optional; }

}  // namespace gai::rt
