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
EmitResult emitAll(const ir::Module& ir, llvm::Module& m, Coverage& cov) {
  EmitResult r = emitModule(ir, m);
  cov.totalRules = static_cast<uint32_t>(ir.rules.size());
  cov.totalExceptions = static_cast<uint32_t>(ir.exceptions.size());
  cov.ruleReasons = r.ruleReasons;
  cov.exceptionReasons = r.exceptionReasons;
  for (const std::string& f : r.ruleFns) cov.nativeRules += !f.empty();
  for (const std::string& f : r.exceptionFns) cov.nativeExceptions += !f.empty();
  return r;
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

// The helpers and std functions, and the module's address table (gai_addr_<k>).
llvm::Error defineHelpers(llvm::orc::LLJIT& jit, const std::vector<const void*>& addresses) {
  llvm::orc::MangleAndInterner mangle(jit.getExecutionSession(), jit.getDataLayout());
  llvm::orc::SymbolMap symbols;
  for (const auto& [name, address] : helperSymbols())
    symbols[mangle(name)] = llvm::orc::ExecutorSymbolDef(llvm::orc::ExecutorAddr::fromPtr(address),
                                                         llvm::JITSymbolFlags::Exported);
  for (size_t k = 0; k < addresses.size(); ++k)
    symbols[mangle(addressSymbol(k))] = llvm::orc::ExecutorSymbolDef(
        llvm::orc::ExecutorAddr::fromPtr(addresses[k]), llvm::JITSymbolFlags::Exported);
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
  auto context = std::make_unique<llvm::LLVMContext>();
  auto m = std::make_unique<llvm::Module>("gai", *context);
  m->setDataLayout(impl->jit->getDataLayout());
  m->setTargetTriple(impl->jit->getTargetTriple().str());
  EmitResult emitted = emitAll(module, *m, impl->coverage);
  if (llvm::Error e = defineHelpers(*impl->jit, emitted.addresses)) {
    error = "jit: " + errorText(std::move(e));
    return nullptr;
  }
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
  auto resolve = [&](const std::string& name, NativeWhen& out) -> bool {
    if (name.empty()) return true;
    auto sym = impl->jit->lookup(name);
    if (!sym) {
      error = "jit: " + errorText(sym.takeError());
      return false;
    }
    out = sym->toPtr<NativeWhen>();
    return true;
  };
  impl->rules.assign(module.rules.size(), nullptr);
  impl->exceptions.assign(module.exceptions.size(), nullptr);
  for (uint32_t i = 0; i < emitted.ruleFns.size(); ++i)
    if (!resolve(emitted.ruleFns[i], impl->rules[i])) return nullptr;
  for (uint32_t i = 0; i < emitted.exceptionFns.size(); ++i)
    if (!resolve(emitted.exceptionFns[i], impl->exceptions[i])) return nullptr;
  return std::unique_ptr<JitProgram>(new JitProgram(std::move(impl)));
}

rt::Outcome JitProgram::evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                                 const interp::EvalOptions& options, rt::Arena& scratch) const {
  return runDecision(impl_->ir, impl_->rules, impl_->exceptions, entry, boundEntry, nowMicros, options, scratch);
}

}  // namespace gai::codegen
