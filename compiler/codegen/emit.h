// Internal: lowering of IR expressions to LLVM IR (the only files that include LLVM).
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include <functional>
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
  std::vector<std::string> ruleFns, exceptionFns;          // NativeWhen
  std::vector<std::string> ruleReasons, exceptionReasons;  // "" when native
  std::vector<std::vector<std::string>> slotFns;           // per rule and slot: NativeValue
  std::vector<std::string> slotReasons;                    // per rule: first slot op not lowered
  // With tests: one NativeValue per test `assert` and `require` argument (param: the given).
  std::vector<std::pair<const ir::Node*, std::string>> exprFns;
  size_t exprTotal = 0;
  // The names of every slot and test-expression function (for one batched lookup).
  std::vector<std::string> valueFnNames() const {
    std::vector<std::string> names;
    for (const auto& slots : slotFns) names.insert(names.end(), slots.begin(), slots.end());
    for (const auto& e : exprFns) names.push_back(e.second);
    return names;
  }
};

// Emits every rule's and exception's `when`, every rule slot and (with `tests`) every test
// expression it can into `module` (not optimised). Deterministic for a given ir::Module.
EmitResult emitModule(const ir::Module& ir, llvm::Module& module, bool tests = false);

struct Coverage;
// Fills the slot and test-expression counts of `cov` from `r`.
void coverSlotsAndTests(const EmitResult& r, Coverage& cov);
// Looks up every slot and test-expression function of `r` (null when a lookup fails; then
// `lookup` has recorded the error and this returns false).
bool resolveValues(const EmitResult& r, const std::function<void*(const std::string&)>& lookup,
                   std::vector<std::vector<NativeValue>>& slots,
                   std::unordered_map<const ir::Node*, NativeValue>& exprs);

// Emits one `when` function named `name` into `module`; false with the first operation it
// cannot lower in `reason` (the partial function is erased).
bool emitWhen(const ir::Module& ir, const ir::RuleCode& code, llvm::Module& module, AddressTable& addrs,
              const std::string& name, std::string& reason);

// Emits a NativeValue function `name` computing `node` with the parameter in `paramSlot`;
// false with the first operation it cannot lower in `reason` (nothing is left behind).
bool emitValue(const ir::Module& ir, const ir::Node& node, uint32_t paramSlot, llvm::Module& module,
               AddressTable& addrs, const std::string& name, std::string& reason, bool ruleRefs = true);

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
extern "C" int32_t gai_jit_str_cmp(const char* a, int64_t alen, const char* b, int64_t blen);
extern "C" void* gai_jit_alloc(NativeCtx* ctx, int64_t size, int64_t align);
extern "C" void* gai_jit_std_alloc(void* arena, int64_t size);
extern "C" int64_t gai_jit_canonicalize_set(const void* elemType, void* data, int64_t count);
extern "C" void gai_jit_apply_defaults(const void* recordType, void* base);
extern "C" int32_t gai_jit_list_has(const void* elemType, const void* data, int64_t count, const void* x);
extern "C" void gai_jit_with_none(NativeCtx* ctx, const void* withNode, int32_t update, int32_t depth);

}  // namespace gai::codegen
