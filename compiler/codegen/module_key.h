// Internal: what the JIT object cache knows of an ir::Module before emitting anything.
//
// canonicalModule() writes every field of the module (types, constants by value, nodes,
// fns, rules, exceptions, the rule table, tests, the number of prepared sets and patterns)
// as one byte string with no process address in it, and returns its BLAKE3 digest (the
// cache key hashes that). The same
// walk numbers every object of the module emitted code may point at (nodes, types, the
// bytes of constants, defaults and test givens and the string and slice data inside them,
// prepared sets and patterns) in walk order: ModuleObjects. Two modules with the same
// canonical bytes have the same objects at the same numbers, so an address table written
// as "object n" (AddressCodec) is resolved in another process to that process's addresses.
// Addresses in static data of the image that holds this code (error texts, the zero
// buffer) are written as offsets from the image's base, and the image's build identity is
// part of the key (imageIdentity()).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/ir.h"

namespace gai::codegen {

struct ModuleObjects {
  std::vector<const void*> objects;  // in walk order (a pointer may appear more than once)
};

// The BLAKE3 digest (32 bytes) of the canonical bytes of `module` (with `tests`: whether
// test expressions are compiled); fills `objects`.
std::string canonicalModule(const ir::Module& module, bool tests, ModuleObjects& objects);

// Identifies the binary (executable or shared library) this code is linked into: its GNU
// build id, else its path, size, inode and modification time. "" when neither is known
// (then nothing may be cached on disk).
const std::string& imageIdentity();
// Tests: pretend the image has another identity ("" restores the real one).
void setImageIdentityForTesting(const std::string& identity);

// Symbolic addresses of an address table: encode in the process that emitted the code,
// decode in the one that loads it.
class AddressCodec {
 public:
  explicit AddressCodec(const ModuleObjects& objects) : objects_(objects) {}
  // Appends the description of every address to `out`; false when one has none (an
  // address outside the module and the image: the code cannot be reused elsewhere).
  bool encode(const std::vector<const void*>& addresses, std::string& out);
  // Reads `count` descriptions from `in` at `pos`; false when one is malformed or names no
  // object of this module.
  bool decode(const std::string& in, size_t& pos, size_t count, std::vector<const void*>& addresses) const;
  size_t objectCount() const { return objects_.objects.size(); }

 private:
  const ModuleObjects& objects_;
  std::unordered_map<const void*, uint32_t> ids_;
};

}  // namespace gai::codegen
