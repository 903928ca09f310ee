// Internal: lowering of IR expressions to LLVM IR (the only files that include LLVM).
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "codegen/native.h"
#include "ir/ir.h"

namespace gai::codegen {

// Every process-specific address emitted code uses (constant bytes and strings of the
// module, rt::Type descriptors, prepared keyword sets and regexes, static error texts, the
// none buffer) goes through this table: address k is the external global `gai_addr_<k>`
// (k in order of first use, so emission is deterministic), reached through the GOT and
// defined by the JIT as an absolute symbol. The emitted IR holds no absolute address, so
// its object code can be cached and relinked in another process with the table that
// re-running emission (without optimising) rebuilds there.
class AddressTable {
 public:
  explicit AddressTable(llvm::Module& module) : module_(module) {}
  // The address `p` as a pointer constant (null stays a null constant).
  llvm::Constant* get(const void* p);
  const std::vector<const void*>& addresses() const { return addresses_; }

 private:
  llvm::Module& module_;
  std::vector<const void*> addresses_;
  std::unordered_map<const void*, llvm::Constant*> globals_;
};

// The symbol of address k: "gai_addr_<k>".
std::string addressSymbol(size_t k);

// What emitModule produced: native function names ("" = not lowered, with the reason).
struct EmitResult {
  std::vector<const void*> addresses;  // gai_addr_<k> must be defined as addresses[k]
  std::vector<std::string> ruleFns, exceptionFns;
  std::vector<std::string> ruleReasons, exceptionReasons;  // "" when native
};

// Emits every rule's and exception's `when` it can into `module` (not optimised).
EmitResult emitModule(const ir::Module& ir, llvm::Module& module);

// Emits one `when` function named `name` into `module`; false with the first operation it
// cannot lower in `reason` (the partial function is erased).
bool emitWhen(const ir::Module& ir, const ir::RuleCode& code, llvm::Module& module, AddressTable& addrs,
              const std::string& name, std::string& reason);

// A call of a std function on emitted arguments; null when not lowered.
llvm::Value* emitStdCall(llvm::IRBuilder<>& b, const ir::Module& ir, const ir::Node& n,
                         const std::vector<llvm::Value*>& args, AddressTable& addrs);

// Every helper and std function emitted code may call, by symbol (helpers.cpp): the JIT
// defines them as absolute symbols (gaic is not linked with -rdynamic).
std::vector<std::pair<std::string, void*>> helperSymbols();
// The std functions among them (emit_std.cpp).
std::vector<std::pair<const char*, void*>> stdSymbols();

// The helper functions emitted code calls (registered as absolute symbols in the JIT).
extern "C" int32_t gai_jit_str_eq(const char* a, int64_t alen, const char* b, int64_t blen);
extern "C" int32_t gai_jit_time_op(int32_t op, int64_t a, int64_t b, int64_t* out);
extern "C" int32_t gai_jit_values_equal(const void* type, const void* a, const void* b);
extern "C" int32_t gai_jit_set_has(const void* elemType, const void* data, int64_t count, const void* x);

}  // namespace gai::codegen
