// Partitioned compilation of an emitted module (jit_compile.h).
#include "codegen/jit_compile.h"

#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/PassTimingInfo.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Transforms/IPO/GlobalDCE.h>
#include <llvm/Transforms/Utils/LowerSwitch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "codegen/codegen.h"
#include "codegen/jit_host.h"

namespace gai::codegen {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A partition: the external functions whose bodies it compiles.
struct Partition {
  std::set<std::string> keep;
  bool cold = false;
  uint64_t weight = 0;
};

// Instructions of `f` and of the internal functions it calls (what inlining gives it).
uint64_t weightOf(const llvm::Function& f, std::map<const llvm::Function*, uint64_t>& memo) {
  if (auto it = memo.find(&f); it != memo.end()) return it->second;
  memo[&f] = 0;  // a recursive cycle counts once
  uint64_t w = f.getInstructionCount();
  for (const llvm::BasicBlock& bb : f)
    for (const llvm::Instruction& i : bb)
      if (const auto* call = llvm::dyn_cast<llvm::CallBase>(&i))
        if (const llvm::Function* callee = call->getCalledFunction();
            callee && !callee->isDeclaration() && callee->hasLocalLinkage())
          w += weightOf(*callee, memo);
  return memo[&f] = w;
}

// Splits `fns` (weight, name) into up to `groups` (1 or 2) groups of about equal weight (heaviest first,
// each to the lighter group; ties by name, so the plan is deterministic).
std::vector<Partition> balance(std::vector<std::pair<uint64_t, std::string>> fns, bool cold, size_t groups) {
  std::sort(fns.begin(), fns.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<Partition> parts(std::min(fns.size(), groups));
  for (const auto& [w, name] : fns) {
    Partition& p = parts[0].weight <= parts.back().weight ? parts[0] : parts.back();
    p.keep.insert(name);
    p.weight += w;
    p.cold = cold;
  }
  return parts;
}

// Optimised: the cold partition, then the hot code in up to two groups. Tier 0: every
// function in one group per thread, none optimised.
std::vector<Partition> partitionsOf(const llvm::Module& m, bool optimize, size_t threads) {
  Partition cold;
  cold.cold = true;
  std::vector<std::pair<uint64_t, std::string>> hot;
  std::map<const llvm::Function*, uint64_t> memo;
  for (const llvm::Function& f : m) {
    if (f.isDeclaration() || f.hasLocalLinkage()) continue;
    if (optimize && isCold(f))
      cold.keep.insert(f.getName().str());
    else
      hot.emplace_back(weightOf(f, memo), f.getName().str());
  }
  std::vector<Partition> parts = balance(std::move(hot), !optimize, optimize ? 2 : std::min<size_t>(threads, 2));
  if (!cold.keep.empty()) parts.push_back(std::move(cold));
  return parts;
}

// Leaves in `m` the bodies of p's external functions (the others become declarations)
// and the internal code they use. Tier 0 also lowers `switch`es to branches: FastISel
// selects no `switch`, and one falls the whole function back to SelectionDAG.
void strip(llvm::Module& m, const Partition& p, bool optimize) {
  for (llvm::Function& f : m)
    if (!f.isDeclaration() && !f.hasLocalLinkage() && !p.keep.count(f.getName().str())) f.deleteBody();
  llvm::ModuleAnalysisManager mam;
  llvm::FunctionAnalysisManager fam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  llvm::GlobalDCEPass().run(m, mam);
  if (optimize) return;
  pb.registerFunctionAnalyses(fam);
  for (llvm::Function& f : m)
    if (!f.isDeclaration()) llvm::LowerSwitchPass().run(f, fam);
}

// Every external function `m` defines, by name (to check that a copy is the same program).
std::vector<std::string> definedNames(const llvm::Module& m) {
  std::vector<std::string> names;
  for (const llvm::Function& f : m)
    if (!f.isDeclaration() && !f.hasLocalLinkage()) names.push_back(f.getName().str());
  return names;
}

struct Job {
  const Partition* part = nullptr;
  const CompilePlan* plan = nullptr;
  std::unique_ptr<llvm::LLVMContext> context;  // of a copy; null for the caller's module
  std::unique_ptr<llvm::Module> module;
  std::string object, error;
  double optimizeMs = 0, codegenMs = 0;
};

// Optimises (hot) and compiles the job's module, stripped to its partition.
void compile(JitHost& host, Job& job) {
  strip(*job.module, *job.part, job.plan->optimize);
  auto builder = host.machine;
  if (job.part->cold) builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
  auto machine = builder.createTargetMachine();
  if (!machine) {
    job.error = "jit: " + llvm::toString(machine.takeError());
    return;
  }
  auto start = Clock::now();
  if (!job.part->cold && !optimizeModule(*job.module, **machine, job.error, job.plan->cancel)) return;
  if (cancelled(*job.plan)) {
    job.error = kCancelled;
    return;
  }
  if (!job.part->cold) job.optimizeMs = msSince(start);
  start = Clock::now();
  llvm::orc::SimpleCompiler compiler(**machine);
  const char* timing = std::getenv("GAI_JIT_TIME_PASSES");  // code generation's passes too (one thread)
  if (timing && *timing) llvm::TimePassesIsEnabled = true;
  auto object = compiler(*job.module);
  if (timing && *timing) llvm::reportAndResetTimings(&llvm::errs());
  job.codegenMs = msSince(start);
  if (!object) {
    job.error = "jit: " + llvm::toString(object.takeError());
    return;
  }
  job.object = (*object)->getBuffer().str();
  job.module.reset();
}

// Emits the copy for `job` (in its own context) and compiles it.
void copyAndCompile(JitHost& host, const EmitCopy& emitCopy, const std::vector<std::string>& names, Job& job) {
  job.context = std::make_unique<llvm::LLVMContext>();
  job.module = std::make_unique<llvm::Module>("gai", *job.context);
  emitCopy(*job.module);
  if (cancelled(*job.plan)) {
    job.error = kCancelled;
    return;
  }
  if (job.plan->optimize) splitColdCode(*job.module);
  if (definedNames(*job.module) != names) {
    job.error = "jit: a second emission of the module differs from the first";
    return;
  }
  compile(host, job);
}

}  // namespace

// libLLVM makes some statics (the timer lock and list among them) on first use, guarded by
// atomics ThreadSanitizer cannot see (libLLVM is not instrumented), so two threads making
// them look like a race. One optimise + compile of an empty function at each level on
// this thread, before any helper starts (thread creation orders it), makes them here.
void warmUpCompiler(JitHost& host) {
  static std::once_flag once;
  std::call_once(once, [&host] {
    for (bool cold : {false, true}) {
      auto builder = host.machine;
      if (cold) builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
      auto machine = builder.createTargetMachine();
      if (!machine) {
        llvm::consumeError(machine.takeError());
        continue;
      }
      llvm::LLVMContext context;
      llvm::Module module("gai_warm_up", context);
      module.setDataLayout((*machine)->createDataLayout());
      auto* type = llvm::FunctionType::get(llvm::Type::getVoidTy(context), false);
      auto* fn = llvm::Function::Create(type, llvm::Function::ExternalLinkage, "gai_warm_up", module);
      llvm::ReturnInst::Create(context, llvm::BasicBlock::Create(context, "entry", fn));
      std::string error;
      if (!cold) optimizeModule(module, **machine, error);
      auto object = llvm::orc::SimpleCompiler(**machine)(module);
      if (!object) llvm::consumeError(object.takeError());
    }
  });
}

namespace {

// Tier 0 takes one thread unless told otherwise: two cost more CPU (a second emission, the
// warm-up) and are no faster on a busy machine (gaic test policies under load 4.6: 85 ms
// wall and CPU on one thread, 106 ms on two).
unsigned threadCount(const CompilePlan& plan) {
  if (const char* timing = std::getenv("GAI_JIT_TIME_PASSES"); timing && *timing) return 1;  // global timers
  if (plan.threads) return plan.threads;
  if (const char* env = std::getenv("GAI_JIT_THREADS"); env && std::atoi(env) > 0) return unsigned(std::atoi(env));
  if (!plan.optimize) return 1;
  return std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
}

// Runs the jobs on the calling thread and up to plan.threads - 1 helpers, in order.
void runJobs(JitHost& host, const EmitCopy& emitCopy, const std::vector<std::string>& names, std::vector<Job>& jobs,
             const CompilePlan& plan) {
  std::mutex mutex;
  size_t next = 0;
  auto worker = [&] {
    for (;;) {
      size_t k;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next == jobs.size()) return;
        k = next++;
      }
      if (cancelled(plan))
        jobs[k].error = kCancelled;
      else if (k == 0)
        compile(host, jobs[0]);  // the caller's module: no copy
      else
        copyAndCompile(host, emitCopy, names, jobs[k]);
    }
  };
  std::vector<std::thread> helpers;
  size_t workers = std::min<size_t>(threadCount(plan), jobs.size());
  size_t helperCount = workers > 1 ? workers - 1 : 0;
  if (helperCount > 0) warmUpCompiler(host);
  for (size_t t = 0; t < helperCount; ++t) helpers.emplace_back(worker);
  worker();
  for (std::thread& t : helpers) t.join();
}

}  // namespace

bool compilePartitioned(JitHost& host, std::unique_ptr<llvm::Module> main, const EmitCopy& emitCopy,
                        const CompilePlan& plan, JitStats& st, std::vector<std::string>& objects,
                        std::string& error) {
  auto start = Clock::now();
  if (cancelled(plan)) {
    error = kCancelled;
    return false;
  }
  if (plan.optimize) splitColdCode(*main);
  std::vector<Partition> parts = partitionsOf(*main, plan.optimize, threadCount(plan));
  std::vector<std::string> names = definedNames(*main);
  std::vector<Job> jobs(parts.size());
  for (size_t k = 0; k < parts.size(); ++k) {
    jobs[k].part = &parts[k];
    jobs[k].plan = &plan;
  }
  if (!jobs.empty()) jobs[0].module = std::move(main);  // the heaviest group
  runJobs(host, emitCopy, names, jobs, plan);
  for (Job& job : jobs) {
    if (!job.error.empty()) {
      error = job.error;
      return false;
    }
    st.optimizeMs += job.optimizeMs;
    st.codegenMs += job.codegenMs;
    objects.push_back(std::move(job.object));
  }
  st.partitions = static_cast<uint32_t>(jobs.size());
  st.compileWallMs = msSince(start);
  return true;
}

namespace {
constexpr char kPackMagic[8] = {'G', 'A', 'I', 'O', 'B', 'J', 'S', '1'};

void putU64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
}  // namespace

std::string packObjects(const std::vector<std::string>& objects) {
  if (objects.size() == 1) return objects[0];
  std::string out(kPackMagic, sizeof kPackMagic);
  putU64(out, objects.size());
  for (const std::string& o : objects) putU64(out, o.size());
  for (const std::string& o : objects) out += o;
  return out;
}

bool unpackObjects(const std::string& packed, std::vector<std::string>& objects) {
  objects.clear();
  if (packed.size() < sizeof kPackMagic || std::memcmp(packed.data(), kPackMagic, sizeof kPackMagic) != 0) {
    objects.push_back(packed);
    return true;
  }
  size_t at = sizeof kPackMagic;
  auto getU64 = [&](uint64_t& v) {
    if (packed.size() - at < sizeof v) return false;
    std::memcpy(&v, packed.data() + at, sizeof v);
    at += sizeof v;
    return true;
  };
  uint64_t count = 0;
  if (!getU64(count) || count > (packed.size() - at) / sizeof(uint64_t)) return false;
  std::vector<uint64_t> sizes(count);
  for (uint64_t& s : sizes)
    if (!getU64(s)) return false;
  for (uint64_t s : sizes) {
    if (packed.size() - at < s) return false;
    objects.push_back(packed.substr(at, s));
    at += s;
  }
  return at == packed.size();
}

}  // namespace gai::codegen
