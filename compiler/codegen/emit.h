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


// Emits one `when` function named `name` into `module`; false with the first operation it
// cannot lower in `reason` (the partial function is erased).
bool emitWhen(const ir::Module& ir, const ir::RuleCode& code, llvm::Module& module, const std::string& name,
              std::string& reason);

// A call of a std function (infallible, non-allocating ones so far) on emitted arguments;
// null when not lowered.
llvm::Value* emitStdCall(llvm::IRBuilder<>& b, const ir::Module& ir, const ir::Node& n,
                         const std::vector<llvm::Value*>& args);
// The addresses of the std functions emitStdCall may name.
std::vector<std::pair<const char*, void*>> stdSymbols();

// The helper functions emitted code calls (registered as absolute symbols in the JIT).
extern "C" int32_t gai_jit_str_eq(const char* a, int64_t alen, const char* b, int64_t blen);
extern "C" int32_t gai_jit_time_op(int32_t op, int64_t a, int64_t b, int64_t* out);
extern "C" int32_t gai_jit_values_equal(const void* type, const void* a, const void* b);
extern "C" int32_t gai_jit_set_has(const void* elemType, const void* data, int64_t count, const void* x);

}  // namespace gai::codegen
