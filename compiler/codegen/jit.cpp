// The JIT program: one LLVM module for the bundle (every lowerable `when`), compiled in
// partitions (jit_compile.h: hot code optimised with the new pass manager, optimizeModule
// in jit_host.h; cold code not) to object code (or taken from the object cache, cache.h),
// linked into its own JITDylib of the process-wide LLJIT (jit_host.h); and the decision
// driver with native `when`s plugged in.
#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

#include <time.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "codegen/cache.h"
#include "codegen/codegen.h"
#include "codegen/driver.h"
#include "codegen/emit.h"
#include "codegen/emit_decide.h"
#include "codegen/jit_compile.h"
#include "codegen/jit_host.h"
#include "codegen/jit_manifest.h"
#include "codegen/module_key.h"

namespace gai::codegen {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string errorText(llvm::Error e) { return llvm::toString(std::move(e)); }

void dumpBitcode(const llvm::Module& m, const char* path) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec) llvm::WriteBitcodeToFile(m, os);
}

}  // namespace

// One tier's linked code: the program's native functions in their own JITDylib.
struct Code {
  JitHost* host = nullptr;
  llvm::orc::JITDylib* dylib = nullptr;  // this code and its address table
  std::vector<NativeWhen> rules, exceptions;
  NativeSlots slots;                                       // per rule and slot (jit-lower)
  std::unordered_map<const ir::Node*, NativeValue> exprs;  // test expressions (JitOptions::tests)
  std::unique_ptr<NativeHook> slotHook;  // native slots for `decisions` (jit-lower)
  std::unique_ptr<Decisions> decisions;  // native decision per entry type (jit-decide)
  explicit Code(JitHost* h) : host(h) {}
  ~Code() {
    decisions.reset();
    if (dylib) llvm::consumeError(host->jit->getExecutionSession().removeJITDylib(*dylib));
  }
};

struct JitProgram::Impl {
  const ir::Module& ir;
  JitHost* host = nullptr;
  bool tests = false;                // JitOptions::tests
  std::unique_ptr<Code> tier0, tier1;  // both stay linked until the program dies
  std::atomic<const Code*> live{nullptr};
  Coverage coverage;
  mutable std::mutex statsMutex;  // a background tier 1 writes stats
  JitStats stats;
  // A background tier 1 (JitOptions::Tiering::Tiered) and what it needs.
  std::thread background;
  std::atomic<bool> cancel{false};
  mutable std::mutex doneMutex;
  mutable std::condition_variable doneChanged;
  bool running = false;  // under doneMutex
  JitOptions options;
  cache::Key key{};
  ModuleObjects objects;
  std::unique_ptr<AddressCodec> codec;
  explicit Impl(const ir::Module& m) : ir(m) {}
  const Code& code() const { return *live.load(std::memory_order_acquire); }
};

JitProgram::JitProgram(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JitProgram::~JitProgram() {
  if (!impl_->background.joinable()) return;
  impl_->cancel.store(true, std::memory_order_relaxed);
  impl_->background.join();
}
const Coverage& JitProgram::coverage() const { return impl_->coverage; }
JitStats JitProgram::stats() const {
  std::lock_guard<std::mutex> lock(impl_->statsMutex);
  return impl_->stats;
}
const Decisions* JitProgram::decisions() const { return impl_->code().decisions.get(); }

bool JitProgram::waitOptimized() const {
  std::unique_lock<std::mutex> lock(impl_->doneMutex);
  impl_->doneChanged.wait(lock, [this] { return !impl_->running; });
  return impl_->live.load(std::memory_order_acquire) == impl_->tier1.get() && impl_->tier1;
}

std::string cacheDefaultDir() { return cache::defaultDir(); }

namespace {

// Records the coverage of `r` (emitted now, or read from a cached object's manifest).
void cover(const ir::Module& ir, const EmitResult& r, Coverage& cov) {
  cov = Coverage();
  cov.totalRules = static_cast<uint32_t>(ir.rules.size());
  cov.totalExceptions = static_cast<uint32_t>(ir.exceptions.size());
  cov.ruleReasons = r.ruleReasons;
  cov.exceptionReasons = r.exceptionReasons;
  for (const std::string& f : r.ruleFns) cov.nativeRules += !f.empty();
  for (const std::string& f : r.exceptionFns) cov.nativeExceptions += !f.empty();
  coverSlotsAndTests(r, cov);
}

// The cached entry for `key` from this process's memory or the disk cache; null on a miss.
std::shared_ptr<const cache::Entry> findObject(const JitOptions& options, const cache::Key& key, JitStats& st) {
  auto start = Clock::now();
  std::shared_ptr<const cache::Entry> object;
  if (options.memoryCache && (object = cache::memoryFind(key))) {
    st.hit = CacheUse::Memory;
    // Compiled earlier in this process for another (or no) cache directory: give this
    // directory its copy too, so that the next process finds it there.
    if (!options.cacheDir.empty() && !imageIdentity().empty() &&
        !llvm::sys::fs::exists(cache::objectPath(options.cacheDir, key)))
      st.stored = cache::store(options.cacheDir, key, *object, st.note);
  }
  if (!object && !options.cacheDir.empty() && !imageIdentity().empty()) {
    if ((object = cache::load(options.cacheDir, key, st.note))) st.hit = CacheUse::Disk;
    if (object && options.memoryCache) cache::memoryPut(key, object);
  }
  st.loadMs = msSince(start);
  return object;
}

// Verifies `m` and compiles it (jit_compile.h: in partitions, each from its own copy of the
// module that `emitCopy` emits) to relocatable objects.
bool compileObjects(JitHost& host, std::unique_ptr<llvm::Module> m, const EmitCopy& emitCopy, const CompilePlan& plan,
                    JitStats& st, std::vector<std::string>& objects, std::string& error) {
  // Only here: a cached object was compiled from a module with the same bitcode, verified then.
  std::string verify;
  llvm::raw_string_ostream os(verify);
  if (llvm::verifyModule(*m, &os)) {
    error = "jit: invalid LLVM module: " + os.str();
    return false;
  }
  if (const char* dump = std::getenv("GAI_JIT_DUMP")) dumpBitcode(*m, dump);  // for offline opt/llc runs
  return compilePartitioned(host, std::move(m), emitCopy, plan, st, objects, error);
}

// Caches `object` with the manifest of what emission gave (in memory and on disk), unless
// the code holds an address of this process that the manifest cannot describe.
void storeObject(const JitOptions& options, const cache::Key& key, const EmitResult& emitted,
                 const std::vector<std::string>& decideFns, AddressCodec& codec,
                 const std::string& object, JitStats& st) {
  auto start = Clock::now();
  auto entry = std::make_shared<cache::Entry>();
  if (!st.processSpecific && !writeManifest(emitted, decideFns, codec, entry->manifest)) {
    st.processSpecific = true;
    st.note = "an address of the code is neither in the program nor in the image: not cached";
  }
  if (st.processSpecific) return;
  entry->object = object;
  if (options.memoryCache) cache::memoryPut(key, entry);
  if (!options.cacheDir.empty() && !imageIdentity().empty()) {
    std::string why;
    st.stored = cache::store(options.cacheDir, key, *entry, why);
    if (!st.stored) st.note = why;
  }
  st.storeMs = msSince(start);
}

llvm::Error defineAddresses(JitHost& host, llvm::orc::JITDylib& jd, const std::vector<const void*>& addresses) {
  llvm::orc::MangleAndInterner mangle(host.jit->getExecutionSession(), host.jit->getDataLayout());
  llvm::orc::SymbolMap symbols;
  for (size_t k = 0; k < addresses.size(); ++k)
    symbols[mangle(addressSymbol(k))] = llvm::orc::ExecutorSymbolDef(
        llvm::orc::ExecutorAddr::fromPtr(addresses[k]), llvm::JITSymbolFlags::Exported);
  return jd.define(llvm::orc::absoluteSymbols(std::move(symbols)));
}

// The functions named in `lists` in one lookup (one session round trip instead of one per
// symbol); empty when that fails (each symbol is then looked up alone, with its error).
llvm::orc::SymbolMap lookupAll(llvm::orc::LLJIT& jit, llvm::orc::JITDylib& jd,
                               std::initializer_list<const std::vector<std::string>*> lists) {
  llvm::orc::MangleAndInterner mangle(jit.getExecutionSession(), jit.getDataLayout());
  llvm::orc::SymbolLookupSet names;
  for (const std::vector<std::string>* list : lists)
    for (const std::string& name : *list)
      if (!name.empty()) names.add(mangle(name), llvm::orc::SymbolLookupFlags::WeaklyReferencedSymbol);
  auto found = jit.getExecutionSession().lookup(llvm::orc::makeJITDylibSearchOrder(&jd), std::move(names));
  if (!found) {
    llvm::consumeError(found.takeError());
    return llvm::orc::SymbolMap();
  }
  return std::move(*found);
}

// Links `object` into a fresh JITDylib for `code` and resolves the native functions.
bool link(Code& code, const ir::Module& ir, const EmitResult& emitted, const std::vector<std::string>& decideFns,
          const std::string& object, std::string& error) {
  static std::atomic<uint64_t> counter{0};
  llvm::orc::LLJIT& jit = *code.host->jit;
  auto jd = jit.createJITDylib("gai_program_" + std::to_string(counter++));
  if (!jd) {
    error = "jit: " + errorText(jd.takeError());
    return false;
  }
  code.dylib = &*jd;
  jd->addToLinkOrder(jit.getMainJITDylib());
  std::vector<std::string> objects;
  if (!unpackObjects(object, objects)) {
    error = "jit: malformed object bytes";
    return false;
  }
  llvm::Error e = defineAddresses(*code.host, *jd, emitted.addresses);
  for (size_t k = 0; k < objects.size() && !e; ++k)
    e = jit.addObjectFile(*jd, llvm::MemoryBuffer::getMemBufferCopy(objects[k], "gai" + std::to_string(k)));
  if (e) {
    error = "jit: " + errorText(std::move(e));
    return false;
  }
  std::vector<std::string> valueFns = emitted.valueFnNames();
  llvm::orc::SymbolMap found = lookupAll(jit, *jd, {&emitted.ruleFns, &emitted.exceptionFns, &decideFns, &valueFns});
  llvm::orc::MangleAndInterner mangle(jit.getExecutionSession(), jit.getDataLayout());
  auto resolve = [&](const std::string& name, NativeWhen& out) -> bool {
    if (name.empty()) return true;
    if (auto it = found.find(mangle(name)); it != found.end()) {
      out = it->second.getAddress().toPtr<NativeWhen>();
      return true;
    }
    auto sym = jit.lookup(*jd, name);
    if (!sym) {
      error = "jit: " + errorText(sym.takeError());
      return false;
    }
    out = sym->toPtr<NativeWhen>();
    return true;
  };
  code.rules.assign(ir.rules.size(), nullptr);
  code.exceptions.assign(ir.exceptions.size(), nullptr);
  for (uint32_t i = 0; i < emitted.ruleFns.size(); ++i)
    if (!resolve(emitted.ruleFns[i], code.rules[i])) return false;
  for (uint32_t i = 0; i < emitted.exceptionFns.size(); ++i)
    if (!resolve(emitted.exceptionFns[i], code.exceptions[i])) return false;
  auto lookup = [&](const std::string& name) -> void* {
    if (auto it = found.find(mangle(name)); it != found.end()) return it->second.getAddress().toPtr<void*>();
    auto sym = jit.lookup(*jd, name);
    if (sym) return sym->toPtr<void*>();
    error = "jit: " + errorText(sym.takeError());
    return nullptr;
  };
  if (!resolveValues(emitted, lookup, code.slots, code.exprs)) return false;
  std::string decideError;  // a missing decision symbol only leaves that entry type to the driver
  code.decisions = resolveDecisions(jit, *jd, ir, code.rules, code.exceptions, decideFns, decideError);
  code.slotHook = std::make_unique<NativeHook>(code.rules, code.exceptions, code.slots);
  if (code.decisions) code.decisions->setSlotHook(code.slotHook.get());
  return true;
}

// Emits the program's module into `m` (the same IR on every call; jit_compile.h).
void emitInto(const JitProgram::Impl& impl, llvm::Module& m, EmitResult& emitted, std::vector<std::string>& decideFns) {
  m.setDataLayout(impl.host->jit->getDataLayout());
  m.setTargetTriple(impl.host->jit->getTargetTriple().str());
  emitted = emitModule(impl.ir, m, impl.tests);
  decideFns = emitDecisions(impl.ir, m, emitted.ruleFns, emitted.exceptionFns);
}

// An absolute address in the code (an inttoptr of a constant) is only valid in this
// process: such code is never cached.
bool holdsAbsoluteAddress(const llvm::Module& m) {
  for (const llvm::Function& f : m)
    for (const llvm::BasicBlock& bb : f)
      for (const llvm::Instruction& i : bb) {
        if (llvm::isa<llvm::IntToPtrInst>(i) && llvm::isa<llvm::Constant>(i.getOperand(0))) return true;
        for (const llvm::Value* op : i.operands())
          if (const auto* ce = llvm::dyn_cast<llvm::ConstantExpr>(op); ce && ce->getOpcode() == llvm::Instruction::IntToPtr)
            return true;
      }
  return false;
}

// The key hashes the canonical bytes of the ir::Module (module_key.h: known before emitting
// anything), the identity of the binary holding the emitter and the host's target and
// options; `objects` numbers what the code may point at, for the manifest.
cache::Key keyOf(JitProgram::Impl& impl, ModuleObjects& objects) {
  auto start = Clock::now();
  std::string canonical = canonicalModule(impl.ir, impl.tests, objects);
  std::string prefix = impl.host->keyPrefix + "emitter " + imageIdentity() + "\nkey ir-canonical-v1\n";
  cache::Key key = cache::makeKey(prefix, canonical);
  impl.stats.key = cache::hex(key);
  impl.stats.keyMs = msSince(start);
  return key;
}

// A cache hit: the manifest gives what emission would have, the object is linked (tier 1).
// False on a miss, or (with the reason in stats().note) when the entry does not fit or link.
bool linkCached(JitProgram::Impl& impl) {
  JitStats& st = impl.stats;
  std::shared_ptr<const cache::Entry> entry = findObject(impl.options, impl.key, st);
  if (!entry) return false;
  auto start = Clock::now();
  EmitResult emitted;
  std::vector<std::string> decideFns;
  std::string why;
  auto code = std::make_unique<Code>(impl.host);
  if (readManifest(entry->manifest, impl.ir, *impl.codec, emitted, decideFns, why) &&
      link(*code, impl.ir, emitted, decideFns, entry->object, why)) {
    cover(impl.ir, emitted, impl.coverage);
    st.linkMs = msSince(start);
    impl.tier1 = std::move(code);
    return true;
  }
  // Should not happen (the key covers the whole program): compile afresh.
  st.note = "cached object not used: " + why;
  st.hit = CacheUse::None;
  return false;
}

// A compiled tier before linking.
struct Compiled {
  EmitResult emitted;
  std::vector<std::string> decideFns;
  std::string object;
  bool processSpecific = false;
};

// Emits the module and compiles it as `plan` says (optimised or tier 0).
bool compileTier(const JitProgram::Impl& impl, const CompilePlan& plan, JitStats& st, Compiled& out,
                 std::string& error) {
  auto context = std::make_unique<llvm::LLVMContext>();
  auto m = std::make_unique<llvm::Module>("gai", *context);
  auto start = Clock::now();
  emitInto(impl, *m, out.emitted, out.decideFns);
  st.emitMs += msSince(start);
  st.emittedIr = true;
  if (cancelled(plan)) {  // each step of a background compile checks it (emission takes ~10 ms)
    error = kCancelled;
    return false;
  }
  out.processSpecific = holdsAbsoluteAddress(*m);
  EmitCopy emitCopy = [&impl](llvm::Module& copy) {
    EmitResult r;
    std::vector<std::string> fns;
    emitInto(impl, copy, r, fns);
  };
  std::vector<std::string> objects;
  if (!compileObjects(*impl.host, std::move(m), emitCopy, plan, st, objects, error)) return false;
  out.object = packObjects(objects);
  return true;
}

// Links a compiled tier; an optimised one is cached first (in memory and on disk).
std::unique_ptr<Code> cacheAndLink(JitProgram::Impl& impl, bool optimized, Compiled& c, JitStats& st,
                                   std::string& error) {
  st.processSpecific = c.processSpecific;
  if (optimized) storeObject(impl.options, impl.key, c.emitted, c.decideFns, *impl.codec, c.object, st);
  auto start = Clock::now();
  auto code = std::make_unique<Code>(impl.host);
  if (!link(*code, impl.ir, c.emitted, c.decideFns, c.object, error)) return nullptr;
  st.linkMs += msSince(start);
  return code;
}

// A cache miss in create(): tier 0 (unoptimised) or, not tiered, tier 1.
bool compileAndLink(JitProgram::Impl& impl, bool optimize, std::string& error) {
  CompilePlan plan;
  plan.optimize = optimize;
  plan.threads = impl.options.compileThreads;
  Compiled c;
  if (!compileTier(impl, plan, impl.stats, c, error)) return false;
  cover(impl.ir, c.emitted, impl.coverage);  // the program's: tier 1's
  std::unique_ptr<Code> code = cacheAndLink(impl, optimize, c, impl.stats, error);
  if (!code) return false;
  (optimize ? impl.tier1 : impl.tier0) = std::move(code);
  return true;
}

using Tiering = JitOptions::Tiering;

Tiering tieringOf(const JitOptions& options) {
  if (options.tiering != Tiering::Tiered) return options.tiering;
  const char* env = std::getenv("GAI_JIT_TIERED");
  if (env && std::strcmp(env, "0") == 0) return Tiering::Optimized;
  if (env && std::strcmp(env, "tier0") == 0) return Tiering::Unoptimized;
  return Tiering::Tiered;
}

double cpuMs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

}  // namespace

std::unique_ptr<JitProgram> JitProgram::create(const ir::Module& module, std::string& error,
                                               const JitOptions& options) {
  auto start = Clock::now();
  double cpuStart = cpuMs(CLOCK_PROCESS_CPUTIME_ID);  // with helper threads (and the host's)
  auto impl = std::make_unique<Impl>(module);
  impl->tests = options.tests;
  impl->options = options;
  Tiering tiering = tieringOf(options);
  JitStats& st = impl->stats;
  impl->host = jitHost(error, st.setupMs);
  if (!impl->host) return nullptr;
  impl->key = keyOf(*impl, impl->objects);
  impl->codec = std::make_unique<AddressCodec>(impl->objects);
  bool cacheable = tiering != Tiering::Unoptimized;  // tier 0 is never cached, nor taken from it
  if (!(cacheable && linkCached(*impl)) && !compileAndLink(*impl, tiering == Tiering::Optimized, error))
    return nullptr;
  impl->live.store(impl->tier1 ? impl->tier1.get() : impl->tier0.get(), std::memory_order_release);
  st.tier = impl->tier1 ? 1 : 0;
  st.tiered = tiering == Tiering::Tiered && !impl->tier1;
  std::unique_ptr<JitProgram> program(new JitProgram(std::move(impl)));
  if (st.tiered) program->startTier1();
  std::lock_guard<std::mutex> lock(program->impl_->statsMutex);  // the background thread writes stats
  st.totalMs = st.tier0Ms = msSince(start);  // with the warm-up and thread start of startTier1
  st.tier0CpuMs = cpuMs(CLOCK_PROCESS_CPUTIME_ID) - cpuStart;
  return program;
}

void JitProgram::startTier1() {
  Impl& impl = *impl_;
  warmUpCompiler(*impl.host);  // before the thread: see jit_compile.cpp
  impl.running = true;
  try {
    impl.background = std::thread([this] { compileTier1(); });
  } catch (...) {  // no thread: tier 0 stays
    impl.running = false;
    impl.stats.tier1Error = "jit: cannot start the background compile";
  }
}

void JitProgram::compileTier1() {
  Impl& impl = *impl_;
  auto start = Clock::now();
  double cpuStart = cpuMs(CLOCK_THREAD_CPUTIME_ID);
  JitStats st;  // this thread's figures, merged below
  CompilePlan plan;
  plan.threads = 1;
  plan.cancel = &impl.cancel;
  Compiled c;
  std::string error;
  std::unique_ptr<Code> code;
  if (compileTier(impl, plan, st, c, error)) code = cacheAndLink(impl, true, c, st, error);
  if (code) {
    impl.tier1 = std::move(code);
    impl.live.store(impl.tier1.get(), std::memory_order_release);
    generation_.store(1, std::memory_order_release);
  }
  {
    std::lock_guard<std::mutex> lock(impl.statsMutex);
    JitStats& to = impl.stats;
    to.tier = impl.tier1 ? 1 : 0;
    to.tier1Error = impl.tier1 ? "" : error;
    to.tier1Ms = msSince(start);
    to.tier1CpuMs = cpuMs(CLOCK_THREAD_CPUTIME_ID) - cpuStart;
    to.optimizeMs += st.optimizeMs;
    to.codegenMs += st.codegenMs;
    to.partitions += st.partitions;
    to.stored = st.stored;
    to.storeMs = st.storeMs;
    to.processSpecific = st.processSpecific;
    if (!st.note.empty()) to.note = st.note;
  }
  std::lock_guard<std::mutex> lock(impl.doneMutex);
  impl.running = false;
  impl.doneChanged.notify_all();
}

rt::Outcome JitProgram::evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                                 const interp::EvalOptions& options, rt::Arena& scratch) const {
  const Code& code = impl_->code();
  if (code.decisions && code.decisions->has(entry))
    return code.decisions->evaluate(entry, boundEntry, nowMicros, options, scratch);
  return runDecision(impl_->ir, code.rules, code.exceptions, code.slots, entry, boundEntry, nowMicros, options,
                     scratch);
}

const char* JitProgram::evaluateExpr(const ir::Node& node, uint32_t frameSize, uint32_t givenSlot, const void* given,
                                     int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch,
                                     void* out) const {
  const Code& code = impl_->code();
  auto it = code.exprs.find(&node);
  if (it == code.exprs.end() || !it->second)
    return interp::evaluateExpr(impl_->ir, node, frameSize, givenSlot, given, nowMicros, options, scratch, out);
  return evaluateNative(impl_->ir, *code.slotHook, it->second, given, nowMicros, options, scratch, out);
}

}  // namespace gai::codegen
