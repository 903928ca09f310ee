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

// One function per slot (effect argument or interpolation) of every rule.
void emitSlots(const ir::Module& ir, llvm::Module& m, AddressTable& addrs, EmitResult& r) {
  for (uint32_t i = 0; i < ir.rules.size(); ++i) {
    const ir::RuleCode& code = ir.rules[i];
    r.slotFns.emplace_back();
    r.slotReasons.emplace_back();
    for (uint32_t s = 0; s < code.slots.size(); ++s) {
      std::string reason, name = "gai_slot_" + std::to_string(i) + "_" + std::to_string(s);
      bool native = code.slots[s] && emitValue(ir, *code.slots[s], code.paramSlot, m, addrs, name, reason);
      r.slotFns.back().push_back(native ? name : "");
      if (!native && r.slotReasons.back().empty()) r.slotReasons.back() = reason.empty() ? "no slot" : reason;
    }
  }
}

// One function per test `assert` and `require` argument (the given in its slot).
void emitTests(const ir::Module& ir, llvm::Module& m, AddressTable& addrs, EmitResult& r) {
  size_t k = 0;
  auto one = [&](const ir::TestCode& t, const ir::Node* node) {
    if (!node) return;
    ++r.exprTotal;
    std::string reason, name = "gai_expr_" + std::to_string(k++);
    if (emitValue(ir, *node, t.givenSlot, m, addrs, name, reason)) r.exprFns.emplace_back(node, name);
  };
  for (const ir::TestCode& t : ir.tests) {
    for (const ir::Node* a : t.asserts) one(t, a);
    for (const auto& args : t.requireArgs)
      for (const ir::Node* a : args) one(t, a);
  }
}

}  // namespace

EmitResult emitModule(const ir::Module& ir, llvm::Module& module, bool tests) {
  EmitResult r;
  AddressTable addrs(module);
  emitCodes(ir, ir.rules, false, module, addrs, r.ruleFns, r.ruleReasons);
  emitCodes(ir, ir.exceptions, true, module, addrs, r.exceptionFns, r.exceptionReasons);
  emitSlots(ir, module, addrs, r);
  if (tests) emitTests(ir, module, addrs, r);
  r.addresses = addrs.addresses();
  return r;
}

void coverSlotsAndTests(const EmitResult& r, Coverage& cov) {
  cov.slotReasons = r.slotReasons;
  cov.nativeSlots = cov.totalSlots = 0;
  for (const auto& slots : r.slotFns)
    for (const std::string& f : slots) cov.totalSlots += 1, cov.nativeSlots += !f.empty();
  cov.totalExprs = static_cast<uint32_t>(r.exprTotal);
  cov.nativeExprs = static_cast<uint32_t>(r.exprFns.size());
}

bool resolveValues(const EmitResult& r, const std::function<void*(const std::string&)>& lookup,
                   std::vector<std::vector<NativeValue>>& slots,
                   std::unordered_map<const ir::Node*, NativeValue>& exprs) {
  slots.clear();
  exprs.clear();
  for (const auto& names : r.slotFns) {
    slots.emplace_back(names.size(), nullptr);
    for (size_t s = 0; s < names.size(); ++s) {
      if (names[s].empty()) continue;
      void* p = lookup(names[s]);
      if (!p) return false;
      slots.back()[s] = reinterpret_cast<NativeValue>(p);
    }
  }
  for (const auto& [node, name] : r.exprFns) {
    void* p = lookup(name);
    if (!p) return false;
    exprs[node] = reinterpret_cast<NativeValue>(p);
  }
  return true;
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
