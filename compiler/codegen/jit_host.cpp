// The process-wide LLJIT (jit_host.h).
#include "codegen/jit_host.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/Support/TargetSelect.h>

#include <chrono>
#include <mutex>

#include "codegen/emit.h"

#ifndef GAI_VERSION
#define GAI_VERSION "0.0.0"
#endif

namespace gai::codegen {

namespace {

std::string errorText(llvm::Error e) { return llvm::toString(std::move(e)); }

llvm::Expected<llvm::orc::JITTargetMachineBuilder> hostMachine() {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->getOptions().AllowFPOpFusion = llvm::FPOpFusion::Strict;  // never fuse a*b+c
  jtmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::Default);
  return jtmb;
}

std::string keyPrefixOf(const llvm::orc::JITTargetMachineBuilder& m) {
  std::string p = "gai " GAI_VERSION "\nllvm " LLVM_VERSION_STRING "\n";
  p += "triple " + m.getTargetTriple().str() + "\ncpu " + m.getCPU() + "\n";
  p += "features " + m.getFeatures().getString() + "\n";
  p += "opt O2; codegen Default; fp-fusion strict";
  p += "; code-model " + std::to_string(m.getCodeModel() ? int(*m.getCodeModel()) : -1);
  p += "; reloc-model " + std::to_string(m.getRelocationModel() ? int(*m.getRelocationModel()) : -1) + "\n";
  return p;
}

// The helpers and std functions emitted code calls, and libc (memcpy, memset) for what the
// code generator may call, in the main JITDylib every program links against.
llvm::Error defineHelpers(llvm::orc::LLJIT& jit) {
  llvm::orc::MangleAndInterner mangle(jit.getExecutionSession(), jit.getDataLayout());
  llvm::orc::SymbolMap symbols;
  for (const auto& [name, address] : helperSymbols())
    symbols[mangle(name)] = llvm::orc::ExecutorSymbolDef(llvm::orc::ExecutorAddr::fromPtr(address),
                                                         llvm::JITSymbolFlags::Exported);
  auto process = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(jit.getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  jit.getMainJITDylib().addGenerator(std::move(*process));
  return jit.getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)));
}

JitHost* createHost(std::string& error) {
  auto machine = hostMachine();
  if (!machine) {
    error = "jit: " + errorText(machine.takeError());
    return nullptr;
  }
  auto host = std::make_unique<JitHost>(*machine);
  host->keyPrefix = keyPrefixOf(host->machine);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*machine)).create();
  if (!jit) {
    error = "jit: " + errorText(jit.takeError());
    return nullptr;
  }
  host->jit = std::move(*jit);
  if (llvm::Error e = defineHelpers(*host->jit)) {
    error = "jit: " + errorText(std::move(e));
    return nullptr;
  }
  return host.release();
}

}  // namespace

JitHost* jitHost(std::string& error, double& setupMs) {
  static std::mutex mutex;
  static JitHost* host = nullptr;
  static std::string hostError;
  std::lock_guard<std::mutex> lock(mutex);
  setupMs = 0;
  if (!host && hostError.empty()) {
    auto start = std::chrono::steady_clock::now();
    host = createHost(hostError);
    setupMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  if (!host) error = hostError;
  return host;
}

}  // namespace gai::codegen
