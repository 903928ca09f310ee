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

#include <atomic>
#include <cstdlib>
#include <chrono>
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

struct JitProgram::Impl {
  const ir::Module& ir;
  JitHost* host = nullptr;
  llvm::orc::JITDylib* dylib = nullptr;  // this program's code and address table
  std::vector<NativeWhen> rules, exceptions;
  NativeSlots slots;                                       // per rule and slot (jit-lower)
  bool tests = false;                                      // JitOptions::tests
  std::unordered_map<const ir::Node*, NativeValue> exprs;  // test expressions (JitOptions::tests)
  std::unique_ptr<NativeHook> slotHook;  // native slots for `decisions` (jit-lower)
  std::unique_ptr<Decisions> decisions;  // native decision per entry type (jit-decide)
  Coverage coverage;
  JitStats stats;
  explicit Impl(const ir::Module& m) : ir(m) {}
  ~Impl() { unlink(); }
  void unlink() {
    decisions.reset();
    if (dylib) llvm::consumeError(host->jit->getExecutionSession().removeJITDylib(*dylib));
    dylib = nullptr;
  }
};

JitProgram::JitProgram(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JitProgram::~JitProgram() = default;
const Coverage& JitProgram::coverage() const { return impl_->coverage; }
const JitStats& JitProgram::stats() const { return impl_->stats; }
const Decisions* JitProgram::decisions() const { return impl_->decisions.get(); }

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
bool compileObjects(JitHost& host, std::unique_ptr<llvm::Module> m, const EmitCopy& emitCopy, unsigned threads,
                    JitStats& st, std::vector<std::string>& objects, std::string& error) {
  // Only here: a cached object was compiled from a module with the same bitcode, verified then.
  std::string verify;
  llvm::raw_string_ostream os(verify);
  if (llvm::verifyModule(*m, &os)) {
    error = "jit: invalid LLVM module: " + os.str();
    return false;
  }
  if (const char* dump = std::getenv("GAI_JIT_DUMP")) dumpBitcode(*m, dump);  // for offline opt/llc runs
  return compilePartitioned(host, std::move(m), emitCopy, threads, st, objects, error);
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

// Links `object` into a fresh JITDylib of `impl` and resolves the native functions.
bool link(JitProgram::Impl& impl, const EmitResult& emitted, const std::vector<std::string>& decideFns,
          const std::string& object, std::string& error) {
  static std::atomic<uint64_t> counter{0};
  llvm::orc::LLJIT& jit = *impl.host->jit;
  auto jd = jit.createJITDylib("gai_program_" + std::to_string(counter++));
  if (!jd) {
    error = "jit: " + errorText(jd.takeError());
    return false;
  }
  impl.dylib = &*jd;
  jd->addToLinkOrder(jit.getMainJITDylib());
  std::vector<std::string> objects;
  if (!unpackObjects(object, objects)) {
    error = "jit: malformed object bytes";
    return false;
  }
  llvm::Error e = defineAddresses(*impl.host, *jd, emitted.addresses);
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
  impl.rules.assign(impl.ir.rules.size(), nullptr);
  impl.exceptions.assign(impl.ir.exceptions.size(), nullptr);
  for (uint32_t i = 0; i < emitted.ruleFns.size(); ++i)
    if (!resolve(emitted.ruleFns[i], impl.rules[i])) return false;
  for (uint32_t i = 0; i < emitted.exceptionFns.size(); ++i)
    if (!resolve(emitted.exceptionFns[i], impl.exceptions[i])) return false;
  auto lookup = [&](const std::string& name) -> void* {
    if (auto it = found.find(mangle(name)); it != found.end()) return it->second.getAddress().toPtr<void*>();
    auto sym = jit.lookup(*jd, name);
    if (sym) return sym->toPtr<void*>();
    error = "jit: " + errorText(sym.takeError());
    return nullptr;
  };
  if (!resolveValues(emitted, lookup, impl.slots, impl.exprs)) return false;
  std::string decideError;  // a missing decision symbol only leaves that entry type to the driver
  impl.decisions = resolveDecisions(jit, *jd, impl.ir, impl.rules, impl.exceptions, decideFns, decideError);
  impl.slotHook = std::make_unique<NativeHook>(impl.rules, impl.exceptions, impl.slots);
  if (impl.decisions) impl.decisions->setSlotHook(impl.slotHook.get());
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

// A cache hit: the manifest gives what emission would have, the object is linked. False on
// a miss, or (with the reason in stats().note) when the entry does not fit or link.
bool linkCached(JitProgram::Impl& impl, const JitOptions& options, const cache::Key& key, const AddressCodec& codec) {
  JitStats& st = impl.stats;
  std::shared_ptr<const cache::Entry> entry = findObject(options, key, st);
  if (!entry) return false;
  auto start = Clock::now();
  EmitResult emitted;
  std::vector<std::string> decideFns;
  std::string why;
  if (readManifest(entry->manifest, impl.ir, codec, emitted, decideFns, why) &&
      link(impl, emitted, decideFns, entry->object, why)) {
    cover(impl.ir, emitted, impl.coverage);
    st.linkMs = msSince(start);
    return true;
  }
  // Should not happen (the key covers the whole program): compile afresh.
  st.note = "cached object not used: " + why;
  st.hit = CacheUse::None;
  impl.unlink();
  return false;
}

// A cache miss: emit, optimise, compile, cache, link.
bool compileAndLink(JitProgram::Impl& impl, const JitOptions& options, const cache::Key& key, AddressCodec& codec,
                    std::string& error) {
  JitStats& st = impl.stats;
  auto context = std::make_unique<llvm::LLVMContext>();
  auto m = std::make_unique<llvm::Module>("gai", *context);
  EmitResult emitted;
  std::vector<std::string> decideFns;
  auto start = Clock::now();
  emitInto(impl, *m, emitted, decideFns);
  st.emitMs = msSince(start);
  st.emittedIr = true;
  cover(impl.ir, emitted, impl.coverage);
  st.processSpecific = holdsAbsoluteAddress(*m);
  EmitCopy emitCopy = [&impl](llvm::Module& copy) {
    EmitResult r;
    std::vector<std::string> fns;
    emitInto(impl, copy, r, fns);
  };
  std::vector<std::string> objects;
  if (!compileObjects(*impl.host, std::move(m), emitCopy, options.compileThreads, st, objects, error)) return false;
  std::string object = packObjects(objects);
  storeObject(options, key, emitted, decideFns, codec, object, st);
  start = Clock::now();
  if (!link(impl, emitted, decideFns, object, error)) return false;
  st.linkMs = msSince(start);
  return true;
}

}  // namespace

std::unique_ptr<JitProgram> JitProgram::create(const ir::Module& module, std::string& error,
                                               const JitOptions& options) {
  auto start = Clock::now();
  auto impl = std::make_unique<Impl>(module);
  impl->tests = options.tests;
  JitStats& st = impl->stats;
  impl->host = jitHost(error, st.setupMs);
  if (!impl->host) return nullptr;
  ModuleObjects objects;
  cache::Key key = keyOf(*impl, objects);
  AddressCodec codec(objects);
  if (!linkCached(*impl, options, key, codec) && !compileAndLink(*impl, options, key, codec, error)) return nullptr;
  st.totalMs = msSince(start);
  return std::unique_ptr<JitProgram>(new JitProgram(std::move(impl)));
}

rt::Outcome JitProgram::evaluate(uint32_t entry, const void* boundEntry, int64_t nowMicros,
                                 const interp::EvalOptions& options, rt::Arena& scratch) const {
  if (impl_->decisions && impl_->decisions->has(entry))
    return impl_->decisions->evaluate(entry, boundEntry, nowMicros, options, scratch);
  return runDecision(impl_->ir, impl_->rules, impl_->exceptions, impl_->slots, entry, boundEntry, nowMicros, options,
                     scratch);
}

const char* JitProgram::evaluateExpr(const ir::Node& node, uint32_t frameSize, uint32_t givenSlot, const void* given,
                                     int64_t nowMicros, const interp::EvalOptions& options, rt::Arena& scratch,
                                     void* out) const {
  auto it = impl_->exprs.find(&node);
  if (it == impl_->exprs.end() || !it->second)
    return interp::evaluateExpr(impl_->ir, node, frameSize, givenSlot, given, nowMicros, options, scratch, out);
  return evaluateNative(impl_->ir, *impl_->slotHook, it->second, given, nowMicros, options, scratch, out);
}

}  // namespace gai::codegen
