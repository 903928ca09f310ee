// The process-wide LLJIT (jit_host.h).
#include "codegen/jit_host.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/PassTimingInfo.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <chrono>
#include <cstdlib>
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
  // What LLJIT sets on its own copy when it links with JITLink (x86-64 ELF): the objects we
  // compile with this builder should match. Unset, a JIT target machine takes the large
  // code model (a call is movabs + an indirect call; FastISel selects no call and no
  // global's address there, so tier 0 fell back to SelectionDAG in 468 places, 29 now).
  jtmb->setCodeModel(llvm::CodeModel::Small);
  jtmb->setRelocationModel(llvm::Reloc::PIC_);
  return jtmb;
}

std::string keyPrefixOf(const llvm::orc::JITTargetMachineBuilder& m) {
  std::string p = "gai " GAI_VERSION "\nllvm " LLVM_VERSION_STRING "\n";
  p += "triple " + m.getTargetTriple().str() + "\ncpu " + m.getCPU() + "\n";
  p += "features " + m.getFeatures().getString() + "\n";
  p += "opt lean-O2-v1 hot code, none for cold code (hot-copy-v1); codegen Default hot, None cold (partitioned-v1)";
  p += "; fp-fusion strict";
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

bool startsWith(llvm::StringRef name, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (name.starts_with(p)) return true;
  return false;
}

// Compiled at O0 (FastISel, no IR passes): the optimiser skips `optnone` functions when
// OptNoneInstrumentation is registered, and code generation selects them with FastISel.
void markCold(llvm::Function& f) {
  f.addFnAttr(llvm::Attribute::NoInline);
  f.addFnAttr(llvm::Attribute::OptimizeNone);
}

}  // namespace

// A `when` (gai_rule_<i>, gai_exc_<j>) that a decision function calls is inlined there
// by the optimiser; its external symbol is then only what the interpreter's driver calls on slow
// paths (rule references to another value, tests). The calls in the module go to an
// internal copy, optimised and inlined as before; the external one is compiled at O0.
// Slots (messages and effect arguments of fired rules) and test expressions are cold
// too. Most functions of the module are these: the optimiser and SelectionDAG then only
// see the decisions (and `when`s without a decision function, which the driver calls).
void splitColdCode(llvm::Module& m) {
  std::vector<llvm::Function*> whens, cold;
  for (llvm::Function& f : m) {
    if (f.isDeclaration() || !f.hasExternalLinkage()) continue;
    if (startsWith(f.getName(), {"gai_slot_", "gai_expr_"})) cold.push_back(&f);
    if (startsWith(f.getName(), {"gai_rule_", "gai_exc_"}) && !f.use_empty()) whens.push_back(&f);
  }
  for (llvm::Function* f : whens) {
    std::vector<llvm::CallInst*> calls;
    for (llvm::User* u : f->users())
      if (auto* call = llvm::dyn_cast<llvm::CallInst>(u); call && call->getCalledFunction() == f) calls.push_back(call);
    if (calls.size() != f->getNumUses()) continue;  // its address is taken: keep one optimised copy
    llvm::ValueToValueMapTy map;
    llvm::Function* hot = llvm::CloneFunction(f, map);
    hot->setName(f->getName() + ".hot");
    hot->setLinkage(llvm::GlobalValue::InternalLinkage);
    for (llvm::CallInst* call : calls) call->setCalledFunction(hot);
    cold.push_back(f);
  }
  for (llvm::Function* f : cold) markCold(*f);
}

bool isCold(const llvm::Function& f) { return f.hasFnAttribute(llvm::Attribute::OptimizeNone); }

namespace {

// The hot code's pipeline: the O2 default pipeline's inliner and function simplification
// (in O2's order, once per SCC) without what a decision never needs or barely gains from:
// loop passes, vectorisers, coroutines, OpenMP, reassociation, constraint elimination,
// tail calls, the late SCCP/BDCE/ADCE/MemCpyOpt clean-ups' repeats. Shipped `policies/`:
// ~30 % fewer optimiser instructions than O2 (callgrind on opt-19 over the dumped module);
// static instruction counts of every decision within -5..+6 % of O2's, the bench policy's
// decision identical in size (96 instructions).
const char* const kHotPipeline =
    "function(sroa<modify-cfg>,early-cse<>),ipsccp,globalopt,"
    "function(instcombine<max-iterations=1;no-verify-fixpoint>,"
    "simplifycfg<bonus-inst-threshold=1;switch-range-to-icmp;keep-loops;speculate-blocks;simplify-cond-branch>),"
    "cgscc(inline,function-attrs<skip-non-recursive-function-attrs>,function("
    "sroa<modify-cfg>,early-cse<memssa>,jump-threading,correlated-propagation,"
    "simplifycfg<bonus-inst-threshold=1;switch-range-to-icmp;keep-loops;speculate-blocks;simplify-cond-branch>,"
    "instcombine<max-iterations=1;no-verify-fixpoint>,"
    "simplifycfg<bonus-inst-threshold=1;switch-range-to-icmp;keep-loops;speculate-blocks;simplify-cond-branch>,"
    "gvn<>,sccp,bdce,instcombine<max-iterations=1;no-verify-fixpoint>,jump-threading,correlated-propagation,adce,dse,"
    "simplifycfg<bonus-inst-threshold=1;switch-range-to-icmp;keep-loops;hoist-common-insts;sink-common-insts;"
    "speculate-blocks;simplify-cond-branch>,"
    "instcombine<max-iterations=1;no-verify-fixpoint>)),globaldce";

}  // namespace

bool optimizeModule(llvm::Module& m, llvm::TargetMachine& tm, std::string& error, const std::atomic<bool>* cancel) {
  llvm::PassInstrumentationCallbacks callbacks;
  llvm::OptNoneInstrumentation(false).registerCallbacks(callbacks);
  if (cancel)
    callbacks.registerShouldRunOptionalPassCallback(
        [cancel](llvm::StringRef, llvm::Any) { return !cancel->load(std::memory_order_relaxed); });
  const char* timing = std::getenv("GAI_JIT_TIME_PASSES");
  llvm::TimePassesHandler timer(timing && *timing);
  timer.registerCallbacks(callbacks);
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(&tm, llvm::PipelineTuningOptions(), std::nullopt, &callbacks);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  // Not O1: it saves about a third of the cold compile, but the bench policy's decision
  // function grows from 27 to 134 instructions per call (callgrind) and in-cache verdicts
  // slow down by about 40 %; run-time speed comes first.
  llvm::ModulePassManager mpm;
  if (llvm::Error e = pb.parsePassPipeline(mpm, kHotPipeline)) {
    error = "jit: the optimisation pipeline: " + llvm::toString(std::move(e));
    return false;
  }
  mpm.run(m, mam);
  return true;
}

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
