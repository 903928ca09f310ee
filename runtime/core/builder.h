// Filling a record value in the flat layout from C++, without JSON. Hosts use it to build
// entry values directly; the result is identical to what JsonBinder produces for the same
// data (defaults applied, sets canonical, strings copied into the arena).
//
//   Builder b(*eventType, arena);
//   b.setTimestamp("at", micros);
//   b.setString("service.id", "svc-1");
//   b.setEnum("output.modality", "image");
//   b.setEnums("service.modalities", {"text", "image"});
//   b.setJson("user", R"({"id":"u1","age":17})");
//   const void* event = b.finish();  // null when a required field was never set
//
// Paths are field names joined by `.`, or field indices (FieldPath). A path through an
// optional record that is none makes it present, with its defaults. Setting a field of
// type `T?` with a `T` makes it present; setNone makes it none. Every setter checks the
// type and returns false on a mismatch; the first error is kept (error()), later calls still
// run, and finish() then fails.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/arena.h"
#include "core/types.h"

namespace gai::rt {

using FieldPath = std::vector<uint32_t>;

class Builder {
 public:
  Builder(const Type& record, Arena& arena);

  bool setBool(std::string_view path, bool value);
  bool setInt(std::string_view path, int64_t value);
  bool setFloat(std::string_view path, double value);  // float fields only
  bool setString(std::string_view path, std::string_view value);
  bool setDate(std::string_view path, int32_t daysSinceEpoch);
  bool setTimestamp(std::string_view path, int64_t microsSinceEpoch);
  bool setDuration(std::string_view path, int64_t seconds);
  bool setEnum(std::string_view path, std::string_view member);
  bool setEnumOrdinal(std::string_view path, uint32_t ordinal);
  bool setNone(std::string_view path);
  // list<T> or set<T> fields; sets are canonicalised (duplicates collapse).
  bool setStrings(std::string_view path, const std::vector<std::string_view>& values);
  bool setInts(std::string_view path, const std::vector<int64_t>& values);
  bool setEnums(std::string_view path, const std::vector<std::string_view>& members);
  // Any field from JSON text, bound exactly like input (errors name the builder path).
  bool setJson(std::string_view path, std::string_view json);

  // The raw slot of a field (for hosts writing the layout themselves): its type and address
  // (for `T?` the optional itself). Marks the field as set. Null on a bad path.
  void* slot(std::string_view path, const Type*& type);
  void* slot(const FieldPath& path, const Type*& type);

  // The finished value, or null (see error()) when a setter failed or a required field was
  // never set ("user.id: missing required field").
  const void* finish();
  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

 private:
  struct Target {
    const Type* type = nullptr;  // the field's declared type
    void* address = nullptr;
    std::string path;
  };

  bool resolve(std::string_view path, Target& target);
  bool resolve(const FieldPath& path, Target& target);
  bool step(const Type*& record, void*& base, uint32_t field, std::string& pathText);
  // The address to write a `kind` value to: the field itself, or the value of a `T?` field
  // (made present). Null with an error when the field's type is not `wanted`.
  void* valueSlot(const Target& target, Kind wanted, const char* given, const Type** inner = nullptr);
  bool checkRequired(const Type& record, const void* base, const std::string& prefix);
  bool isSet(const void* base, uint32_t field) const;
  bool fail(const std::string& path, const std::string& message);

  const Type& record_;
  Arena& arena_;
  void* root_;
  std::vector<std::pair<const void*, uint32_t>> set_;
  std::string error_;
};

// Writes every field's default into a zeroed record at `base` (required record fields are
// initialised recursively; other required fields stay zero).
void applyDefaults(const Type& record, void* base);

}  // namespace gai::rt
