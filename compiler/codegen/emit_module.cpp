// One LLVM module for a bundle: every lowerable function, and the address table.
#include <llvm/IR/LLVMContext.h>
#include <llvm/Support/raw_ostream.h>

#include "codegen/codegen.h"
#include "codegen/emit.h"

namespace gai::codegen {

std::string addressSymbol(size_t k) { return "gai_addr_" + std::to_string(k); }

llvm::Constant* AddressTable::get(const void* p) {
  llvm::LLVMContext& c = module_.getContext();
  if (!p) return llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(c));
  auto [it, fresh] = globals_.emplace(p, nullptr);
  if (!fresh) return it->second;
  // Not dso_local: reached through the GOT, so the address may be anywhere in the process.
  it->second = new llvm::GlobalVariable(module_, llvm::ArrayType::get(llvm::Type::getInt8Ty(c), 0), false,
                                        llvm::GlobalValue::ExternalLinkage, nullptr, addressSymbol(addresses_.size()));
  addresses_.push_back(p);
  return it->second;
}

namespace {

std::string fnName(bool exception, uint32_t index) {
  return (exception ? "gai_exc_" : "gai_rule_") + std::to_string(index);
}

void emitCodes(const ir::Module& ir, const std::vector<ir::RuleCode>& codes, bool exception, llvm::Module& m,
               AddressTable& addrs, std::vector<std::string>& fns, std::vector<std::string>& reasons) {
  for (uint32_t i = 0; i < codes.size(); ++i) {
    std::string reason, name = fnName(exception, i);
    bool native = emitWhen(ir, codes[i], m, addrs, name, reason);
    fns.push_back(native ? name : "");
    reasons.push_back(native ? "" : reason);
  }
}

}  // namespace

EmitResult emitModule(const ir::Module& ir, llvm::Module& module) {
  EmitResult r;
  AddressTable addrs(module);
  emitCodes(ir, ir.rules, false, module, addrs, r.ruleFns, r.ruleReasons);
  emitCodes(ir, ir.exceptions, true, module, addrs, r.exceptionFns, r.exceptionReasons);
  r.addresses = addrs.addresses();
  return r;
}

std::string emittedIrText(const ir::Module& module) {
  llvm::LLVMContext context;
  llvm::Module m("gai", context);
  emitModule(module, m);
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  return os.str();
}

}  // namespace gai::codegen
