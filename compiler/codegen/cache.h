// Internal: the object cache of the JIT. Object code of a bundle is stored under a key (a
// BLAKE3 hash of the unoptimised LLVM IR text and of everything else that shapes the code:
// gai and LLVM versions, target triple, CPU name and features, code generation options),
// in memory for this process and on disk in `<cacheDir>/jit-v1/<hex key>.o`.
//
// A file is written to a unique temporary name in the same directory, fsync'ed and renamed
// over the final name (atomic on POSIX), so concurrent processes never see half a file.
// A reader validates magic, format version, the full key, the length and a BLAKE3 checksum
// of the payload; anything else (truncated, corrupted, another key) is a miss. Every
// failure is a miss or a skipped store with a reason: never an error of the compile.
// The directory is kept within Limits (least recently used objects go first).
#pragma once

#include <llvm/ADT/StringRef.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "codegen/cache_dir.h"

namespace gai::codegen::cache {

using Key = std::array<uint8_t, 32>;

std::string hex(const Key& key);

// BLAKE3 over `prefix` (versions, target, options) and `irText`, each length-prefixed.
Key makeKey(llvm::StringRef prefix, llvm::StringRef irText);

// The directory the public API uses by default: $GAI_CACHE_DIR (empty disables), else
// $XDG_CACHE_HOME/gai, else $HOME/.cache/gai; "" when none is set.
std::string defaultDir();

// The path of the object file for `key` under `dir`.
std::string objectPath(const std::string& dir, const Key& key);

// The cached object for `key`, or null with `why` ("" when the file simply does not exist).
std::shared_ptr<const std::string> load(const std::string& dir, const Key& key, std::string& why);

// Stores `object` for `key`; false with `why` when it could not (the cache is then skipped).
// A successful store trims the directory to the default Limits.
bool store(const std::string& dir, const Key& key, llvm::StringRef object, std::string& why);


// This process's in-memory cache (a few recent objects).
std::shared_ptr<const std::string> memoryFind(const Key& key);
void memoryPut(const Key& key, std::shared_ptr<const std::string> object);

}  // namespace gai::codegen::cache
