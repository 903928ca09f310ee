// Internal: the object cache of the JIT. Object code of a bundle is stored under a key (a
// BLAKE3 hash of the canonical bytes of the ir::Module (module_key.h), known before any
// LLVM IR is emitted, and of everything else that shapes the code: the identity of the
// binary holding the emitter, gai and LLVM versions, target triple, CPU name and features,
// code generation options), in memory for this process and on disk in
// `<cacheDir>/jit-v2/<hex key>.o`. With the object goes its manifest (jit_manifest.h): what
// linking it needs that emission would otherwise have computed.
//
// A file is written to a unique temporary name in the same directory, fsync'ed and renamed
// over the final name (atomic on POSIX), so concurrent processes never see half a file.
// A reader validates magic, format version, the full key, the length and a BLAKE3 checksum
// of the payload; anything else (truncated, corrupted, another key) is a miss. Every
// failure is a miss or a skipped store with a reason: never an error of the compile.
// The directory is kept within Limits (least recently used objects go first); objects of
// older formats (`jit-v1/`) are removed by the same trimming.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "codegen/cache_dir.h"

namespace gai::codegen::cache {

using Key = std::array<uint8_t, 32>;

std::string hex(const Key& key);

// BLAKE3 over `prefix` (versions, target, options) and `content`, each length-prefixed.
Key makeKey(std::string_view prefix, std::string_view content);

// What is cached for a key: the manifest and the relocatable object.
struct Entry {
  std::string manifest;
  std::string object;
};

// The directory the public API uses by default: $GAI_CACHE_DIR (empty disables), else
// $XDG_CACHE_HOME/gai, else $HOME/.cache/gai; "" when none is set.
std::string defaultDir();

// The path of the object file for `key` under `dir`.
std::string objectPath(const std::string& dir, const Key& key);

// The cached entry for `key`, or null with `why` ("" when the file simply does not exist).
std::shared_ptr<const Entry> load(const std::string& dir, const Key& key, std::string& why);

// Stores `entry` for `key`; false with `why` when it could not (the cache is then skipped).
// A successful store trims the directory to the default Limits.
bool store(const std::string& dir, const Key& key, const Entry& entry, std::string& why);

// This process's in-memory cache (a few recent entries).
std::shared_ptr<const Entry> memoryFind(const Key& key);
void memoryPut(const Key& key, std::shared_ptr<const Entry> entry);

}  // namespace gai::codegen::cache
