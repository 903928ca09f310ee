// The JIT program: one LLVM module for the bundle (every lowerable `when`), O2 with the new
// pass manager, ORC LLJIT; and the decision driver with native `when`s plugged in.
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>

#include <mutex>

#include "codegen/codegen.h"
#include "codegen/emit.h"
#include "codegen/driver.h"

namespace gai::codegen {

namespace {

std::string fnName(bool exception, uint32_t index) {
  return (exception ? "gai_exc_" : "gai_rule_") + std::to_string(index);
}

void optimize(llvm::Module& m, llvm::TargetMachine* tm) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, mam);
}

std::string errorText(llvm::Error e) { return llvm::toString(std::move(e)); }

}  // namespace

struct JitProgram::Impl {
  const ir::Module& ir;
  std::unique_ptr<llvm::orc::LLJIT> jit;
  std::vector<NativeWhen> rules, exceptions;
  Coverage coverage;
  explicit Impl(const ir::Module& m) : ir(m) {}
};

JitProgram::JitProgram(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JitProgram::~JitProgram() = default;
const Coverage& JitProgram::coverage() const { return impl_->coverage; }

namespace {

// Emits every rule and exception it can; records coverage.
void emitAll(const ir::Module& ir, llvm::Module& m, Coverage& cov, std::vector<bool>& ruleNative,
             std::vector<bool>& excNative) {
  cov.totalRules = static_cast<uint32_t>(ir.rules.size());
  cov.totalExceptions = static_cast<uint32_t>(ir.exceptions.size());
  for (uint32_t i = 0; i < ir.rules.size(); ++i) {
    std::string reason;
    ruleNative.push_back(emitWhen(ir, ir.rules[i], m, fnName(false, i), reason));
    cov.ruleReasons.push_back(reason);
    cov.nativeRules += ruleNative.back();
  }
  for (uint32_t i = 0; i < ir.exceptions.size(); ++i) {
    std::string reason;
    excNative.push_back(emitWhen(ir, ir.exceptions[i], m, fnName(true, i), reason));
    cov.exceptionReasons.push_back(reason);
    cov.nativeExceptions += excNative.back();
  }
}

llvm::Expected<std::unique_ptr<llvm::orc::LLJIT>> makeJit() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->getOptions().AllowFPOpFusion = llvm::FPOpFusion::Strict;  // never fuse a*b+c
  jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  return llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
}

llvm::Error defineHelpers(llvm::orc::LLJIT& jit) {
  llvm::orc::MangleAndInterner mangle(jit.getExecutionSession(), jit.getDataLayout());
  llvm::orc::SymbolMap symbols;
  symbols[mangle("gai_jit_str_eq")] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(&gai_jit_str_eq), llvm::JITSymbolFlags::Exported);
  symbols[mangle("gai_jit_values_equal")] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(&gai_jit_values_equal), llvm::JITSymbolFlags::Exported);
  symbols[mangle("gai_jit_set_has")] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(&gai_jit_set_has), llvm::JITSymbolFlags::Exported);
  symbols[mangle("gai_jit_rule_ref")] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(&gai_jit_rule_ref), llvm::JITSymbolFlags::Exported);
  symbols[mangle("gai_jit_time_op")] = llvm::orc::ExecutorSymbolDef(
      llvm::orc::ExecutorAddr::fromPtr(&gai_jit_time_op), llvm::JITSymbolFlags::Exported);
  for (const auto& [name, address] : stdSymbols())
    symbols[mangle(name)] = llvm::orc::ExecutorSymbolDef(llvm::orc::ExecutorAddr::fromPtr(address),
                                                         llvm::JITSymbolFlags::Exported);
  // libc (memcpy, memset) for what the code generator may call.
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(jit.getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  jit.getMainJITDylib().addGenerator(std::move(*process));
  return jit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)));
}

}  // namespace

std::unique_ptr<JitProgram> JitProgram::create(const ir::Module& module, std::string& error) {
  auto impl = std::make_unique<Impl>(module);
  auto jit = makeJit();
  if (!jit) {
    error = "jit: " + errorText(jit.takeError());
    return nullptr;
  }
  impl->jit = std::move(*jit);
  if (llvm::Error e = defineHelpers(*impl->jit)) {
    error = "jit: " + errorText(std::move(e));
    return nullptr;
  }
  auto context = std::make_unique<llvm::LLVMContext>();
  auto m = std::make_unique<llvm::Module>("gai", *context);
  m->setDataLayout(impl->jit->getDataLayout());
  m->setTargetTriple(impl->jit->getTargetTriple().str());
  std::vector<bool> ruleNative, excNative;
  emitAll(module, *m, impl->coverage, ruleNative, excNative);
  std::string verify;
  llvm::raw_string_ostream os(verify);
  if (llvm::verifyModule(*m, &os)) {
    error = "jit: invalid LLVM module: " + os.str();
    return nullptr;
  }
  optimize(*m, nullptr);
  if (llvm::Error e = impl->jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(m), std::move(context)))) {
    error = "jit: " + errorText(std::move(e));
    return nullptr;
  }
  auto resolve = [&](bool exception, uint32_t i, std::vector<NativeWhen>& out) -> bool {
    auto sym = impl->jit->lookup(fnName(exception, i));
    if (!sym) {
      error = "jit: " + errorText(sym.takeError());
      return false;
    }
    out[i] = sym->toPtr<NativeWhen>();
    return true;
  };
  impl->rules.assign(module.rules.size(), nullptr);
  impl->exceptions.assign(module.exceptions.size(), nullptr);
  for (uint32_t i = 0; i < ruleNative.size(); ++i)
    if (ruleNative[i] && !resolve(false, i, impl->rules)) return nullptr;
  for (uint32_t i = 0; i < excNative.size(); ++i)
    if (excNative[i] && !resolve(true, i, impl->exceptions)) return nullptr;
  return std::unique_ptr<JitProgram>(new JitProgram(std::move(impl)));
}

rt::Outcome JitProgram::evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                                 const interp::EvalOptions& options, rt::Arena& scratch) const {
  return runDecision(impl_->ir, impl_->rules, impl_->exceptions, entry, boundEntry, nowMicros, options, scratch);
}

}  // namespace gai::codegen
