// Binds one JSON document (one input line) to a value of a record type in the flat layout
// (layout.h), allocated in an Arena. Every input error of LANGUAGE.md §5 is reported with
// the JSON path of the offending value; no byte sequence crashes, hangs or aborts.
//
// Error messages (BindError::toString()):
//   blank line
//   invalid JSON: <what>                       (malformed structure, unclosed string, ...)
//   invalid UTF-8
//   input longer than N bytes
//   JSON nested deeper than N levels
//   $: expected GenerationEvent, got array     (top level not an object)
//   $.a.b: expected int, got string            (wrong JSON type; kinds: object, array,
//                                               string, number, bool, null)
//   $.a.b: expected Modality, got null         (null for a field that is not optional)
//   $.a.b: expected int, got a number with a fraction or exponent
//   $.a.b: integer beyond 64 bits
//   $.a.b: number out of range                 (a float beyond double, e.g. 1e400)
//   $.a.b: malformed date "2023-02-30"; expected YYYY-MM-DD
//   $.a.b: malformed timestamp "..."; expected RFC 3339, e.g. 2024-03-01T08:00:00Z
//   $.a.b: malformed duration "..."; expected units d h m s in that order, e.g. "1d12h"
//   $.output.modality: unknown Modality "picture"; expected one of text, image, ...
//   $.output.modality: missing required field
//   $.output.modality: duplicate key
//   $.output.colour: unknown field of Output   (strict input only)
//   $.a.b: string longer than N bytes
//   $.a.b: array longer than N elements
//   input too large for the arena               (the Arena's maxBytes bound was reached)
//   out of memory
// Paths: `$`, then `.name` per object key (`["key"]` with JSON escapes when the key is not
// an identifier) and `[i]` per array index. Quoted input values in messages are JSON-escaped
// and cut to 64 bytes (then `...`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/arena.h"
#include "core/types.h"

namespace gai::rt {

// Readable bytes a document needs after its end to be parsed in place (SIMDJSON_PADDING).
constexpr size_t kJsonPadding = 64;

// A UTF-8 byte-order mark before the document is skipped.
struct BindLimits {
  size_t maxDocumentBytes = 16u << 20;
  uint32_t maxDepth = 128;            // levels of objects and arrays, the top-level object is 1
  size_t maxStringBytes = 1u << 20;   // per string value (after unescaping)
  size_t maxArrayElements = 1u << 20; // per array (at most 16777214)
  bool strict = false;                // unknown fields are errors
};

struct BindError {
  std::string path;     // empty for whole-document errors
  std::string message;
  std::string toString() const { return path.empty() ? message : path + ": " + message; }
};

class JsonBinder {
 public:
  explicit JsonBinder(BindLimits limits = {});
  ~JsonBinder();
  JsonBinder(const JsonBinder&) = delete;
  JsonBinder& operator=(const JsonBinder&) = delete;

  // Binds a document to a record of type `record` (its layout finalized) allocated in
  // `arena`. Returns the value, or null with `error` filled. Missing fields take their
  // defaults (bytes shared with the TypeTable: the table must outlive the value).
  const void* bind(std::string_view json, const Type& record, Arena& arena, BindError& error) {
    return bind(json, 0, record, arena, error);
  }
  // The same for a document inside a buffer readable for `capacity` bytes (bindValue).
  const void* bind(std::string_view json, size_t capacity, const Type& record, Arena& arena, BindError& error);

  // Binds a document holding any value of `type` into `out` (type.size bytes). Never throws.
  bool bindValue(std::string_view json, const Type& type, void* out, Arena& arena, BindError& error) {
    return bindValue(json, 0, type, out, arena, error);
  }
  // The same for a document inside a buffer readable for `capacity` bytes from json.data()
  // (0: unknown): with at least kJsonPadding of them after the document it is parsed in
  // place, without the copy into the binder's padded buffer.
  bool bindValue(std::string_view json, size_t capacity, const Type& type, void* out, Arena& arena,
                 BindError& error);

  // Records are bound in one On-Demand pass (json_bind_fast.h); a document that pass does
  // not bind (every error) is bound again over simdjson's DOM, which reports the error and
  // its path. Off: the DOM pass only (tests and the fuzzer compare both).
  void setOnDemand(bool enabled);

  const BindLimits& limits() const { return limits_; }
  void setLimits(const BindLimits& limits) { limits_ = limits; }

 private:
  bool bindValueUnchecked(std::string_view json, size_t capacity, const Type& type, void* out, Arena& arena,
                          BindError& error);

  struct Impl;
  BindLimits limits_;
  std::unique_ptr<Impl> impl_;
};

// The input error of a document longer than `maxBytes` (the binder's, and what callers
// that refuse a line before binding it report in its place).
std::string inputTooLongMessage(uint64_t maxBytes);
// Appends `key` as a path segment: `.key`, or `["k e y"]` when not an identifier.
void appendPathKey(std::string& path, std::string_view key);
// Appends `"text"` JSON-escaped, cut to `maxBytes` bytes at a UTF-8 boundary (then `...`).
void appendQuoted(std::string& out, std::string_view text, size_t maxBytes = 64);

}  // namespace gai::rt
