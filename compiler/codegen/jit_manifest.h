// Internal: the manifest stored with a cached object: everything linking the object needs
// that emission computes (emit.h EmitResult: native function names and why the others are
// not native, the address table; the decision function names), with every address written
// symbolically (module_key.h AddressCodec), so a cache hit links without emitting IR.
#pragma once

#include <string>
#include <vector>

#include "codegen/emit.h"
#include "codegen/module_key.h"

namespace gai::codegen {

// The manifest of `r` and `decideFns`; false when an address has no symbolic form (the
// object is then only valid in this process).
bool writeManifest(const EmitResult& r, const std::vector<std::string>& decideFns, AddressCodec& codec,
                   std::string& out);

// Reads a manifest back for `ir` (whose objects `codec` describes); false with `why` when
// it is malformed or does not fit `ir` (counts of rules, exceptions, slots, entry types;
// test expressions that are not test expressions of `ir`).
bool readManifest(const std::string& in, const ir::Module& ir, const AddressCodec& codec, EmitResult& r,
                  std::vector<std::string>& decideFns, std::string& why);

}  // namespace gai::codegen
