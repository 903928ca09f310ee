// gai: the C++ embedding API. Compile a bundle of .gai files once into an immutable Policy,
// then evaluate entry values (JSON lines or typed input) into Decisions (LANGUAGE.md §5).
//
//   gai::CompileResult compiled = gai::compile({"policies/"});
//   if (!compiled.ok()) { std::cerr << compiled.diagnosticsText; return 1; }
//   gai::Session session(compiled.policy);           // one per thread
//   gai::EvalOptions options;                        // now = current time, en, fail closed
//   gai::EvalResult result = session.evaluateJson(*compiled.policy->entry("GenerationEvent"),
//                                                 line, options);
//   if (result.ok()) std::cout << result.decision.json << "\n";
//   else std::cout << result.error << "\n";          // "$.output.modality: unknown ..."
//
// Errors are values: no function of this API lets an exception escape (allocation failure
// included); compile errors come back as diagnostics, bad input as EvalResult::error.
// A Policy is immutable after compile() and may be shared by any number of threads; a
// Session (and an Input it made) belongs to one thread at a time.
// Only the standard library is included here: no ANTLR, LLVM, CLI11 or simdjson.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gai/export.h"

namespace gai {

// Which engine computes a policy's outcomes: Jit (the default) compiles the rules to native
// code with LLVM 19 (rules it cannot lower yet run in the interpreter, inside the same
// evaluation); Interp is the reference interpreter. Both give byte-identical decisions by
// contract. If the JIT cannot be set up on this host, compiling with Engine::Jit fails
// with a diagnostic saying so: it never silently runs the other engine.
enum class Engine : uint8_t { Interp, Jit };

enum class Lang : uint8_t { En, Zh };
enum class Effect : uint8_t { Allow, Deny };
enum class RuleSeverity : uint8_t { Info, Low, Medium, High, Critical };

GAI_API const char* engineName(Engine engine);  // "interp", "jit"
GAI_API const char* severityName(RuleSeverity severity);  // "info" ... "critical"

// A compiler diagnostic. `file` is empty (and line/column 0) for one without a place.
struct CompileDiagnostic {
  std::string code;  // "E0101"
  bool isError = true;
  std::string file;
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in code points
  std::string message;
};

// The JIT's object cache directory when CompileOptions::cacheDir is not set: $GAI_CACHE_DIR
// (empty: no cache), else $XDG_CACHE_HOME/gai, else $HOME/.cache/gai.
GAI_API std::string defaultCacheDir();

// The engine when CompileOptions::engine is not set: $GAI_ENGINE when it is "interp" or
// "jit" (e.g. to run a host on the reference interpreter without rebuilding it), else
// Engine::Jit.
GAI_API Engine defaultEngine();

struct CompileOptions {
  Engine engine = defaultEngine();
  bool strict = false;  // as `gaic check --strict`
  // Engine::Jit keeps compiled code here, keyed by the bundle's code, the gai and LLVM
  // versions and the CPU: compiling an unchanged bundle again skips optimisation and code
  // generation. Safe for concurrent processes; "" disables it. A cache that cannot be
  // read or written only costs the time, never the compile.
  std::string cacheDir = defaultCacheDir();
  // Limits on the source (docs/reliability.md); exceeding one is a compile error at the
  // file (and place) that crossed it. gaic: --max-source-bytes, --max-bundle-bytes,
  // --max-nesting, --max-declarations.
  uint64_t maxSourceBytes = uint64_t(64) << 20;   // per file (E0902)
  uint64_t maxBundleBytes = uint64_t(256) << 20;  // all files together (E0904)
  uint32_t maxNesting = 256;                      // brackets, nested if/let/quantifiers (E0901)
  uint32_t maxDeclarations = 100000;              // per file (E0903)
};

class Policy;
struct PolicyFactory;

struct CompileResult {
  std::shared_ptr<const Policy> policy;  // null when there were errors
  std::vector<CompileDiagnostic> diagnostics;   // errors and warnings, in source order
  std::string diagnosticsText;           // the same, rendered like `gaic check` (with carets)
  bool ok() const { return policy != nullptr; }
};

// Compiles every .gai file under `paths` (directories searched recursively) as one program.
GAI_API CompileResult compile(const std::vector<std::string>& paths, const CompileOptions& options = {});

// Compiles in-memory sources: (path as shown in diagnostics, text) pairs. `rootDir` is the
// directory `lines()` reads from; empty: `lines()` is a compile error.
struct Source {
  std::string path;
  std::string text;
};
GAI_API CompileResult compileSources(const std::vector<Source>& sources, const CompileOptions& options = {},
                                     const std::string& rootDir = {});

// An entry type of a policy: a record that some rule or exception takes.
class EntryType {
 public:
  const std::string& name() const { return name_; }                    // GenerationEvent
  const std::string& qualifiedName() const { return qualifiedName_; }  // measures.schema.GenerationEvent
  uint32_t index() const { return index_; }

 private:
  friend struct PolicyFactory;
  std::string name_, qualifiedName_;
  uint32_t index_ = 0;
};

class GAI_API Policy {
 public:
  ~Policy();
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  Engine engine() const;
  // Entry types in order of first use by a rule.
  const std::vector<EntryType>& entryTypes() const;
  // By record name, or package-qualified name when the plain name is ambiguous. Nothing,
  // with `error` set (it lists the candidates), when no entry type matches.
  std::optional<EntryType> entry(std::string_view name, std::string* error = nullptr) const;
  // Qualified names of every rule, in declaration order.
  std::vector<std::string> ruleNames() const;
  // The JIT compiles a policy it does not find in its object cache in two tiers: compile()
  // returns on unoptimised native code, and optimised code, compiled on a background
  // thread, replaces it for every session (decisions are the same; only their speed
  // changes). Blocks until that compile has ended; true when the optimised code is live
  // (always for the interpreter, and for a JIT policy found in the cache). $GAI_JIT_TIERED=0
  // makes compile() itself optimise.
  bool waitOptimized() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  friend struct PolicyFactory;
  explicit Policy(std::unique_ptr<Impl> impl);
  std::optional<EntryType> findEntry(std::string_view name, std::string* error) const;
  std::unique_ptr<Impl> impl_;
};

struct EvalOptions {
  // The instant of evaluation, microseconds since 1970-01-01T00:00:00Z.
  int64_t nowMicros = currentTimeMicros();
  Lang lang = Lang::En;
  bool failOpen = false;     // default fail closed: an errored rule with `deny` denies
  bool strictInput = false;  // unknown fields of the input are errors
  // Limits on JSON input (docs/reliability.md); exceeding one is an input error naming the
  // JSON path. gaic eval: --max-line-bytes, --max-json-depth, --max-string-bytes,
  // --max-array-elements.
  uint64_t maxInputBytes = uint64_t(16) << 20;    // one document
  uint32_t maxJsonDepth = 128;                    // objects and arrays; the top object is 1
  uint64_t maxStringBytes = uint64_t(1) << 20;    // one string value, after unescaping
  uint64_t maxArrayElements = uint64_t(1) << 20;  // one array (at most 16777214)
  // Verdicts: whether Verdict::fired is filled. false: only Verdict::firedSet, with no
  // per-rule work (Verdict::fired is then left empty, except for an entry type of more
  // than 64 rules, whose firedSet is not valid(): fired is filled as before).
  bool firedList = true;

  GAI_API static int64_t currentTimeMicros();
};

// Parses an RFC 3339 timestamp ("2025-10-01T12:00:00+08:00") to microseconds since the epoch.
GAI_API std::optional<int64_t> parseTimestamp(std::string_view text);

struct Finding {
  std::string rule;                  // qualified rule name
  std::optional<std::string> title;  // in the requested language, else the other
  RuleSeverity severity = RuleSeverity::Medium;
  std::vector<std::string> cites;    // "gai_measures art 12"
  std::vector<std::string> effects;  // "deny", "flag", "require report(cac)"
  std::string message;               // rendered in the requested language
};

struct Excepted {
  std::string rule;  // the rule whose `when` held
  std::string by;    // the exception in force that defeated it
};

struct RuleError {
  std::string rule;  // a rule or an exception
  std::string error;
};

struct Decision {
  Effect effect = Effect::Allow;
  std::vector<Finding> findings;  // declaration order
  std::vector<Excepted> excepted;
  std::vector<RuleError> errors;
  std::string json;  // the §5 JSON, byte-identical for the same policy, input and options
};

// A decision, or an input error (no decision) with its message "$.path: what".
struct EvalResult {
  std::string error;
  Decision decision;
  bool ok() const { return error.empty(); }
};

// Bytes readable after a JSON document for it to be parsed in place (simdjson's padding).
inline constexpr size_t kJsonPadding = 64;

// A JSON document inside a larger buffer (like simdjson's padded_string_view): `capacity`
// bytes from text.data() are readable and stay unchanged during the call. With capacity >=
// text.size() + kJsonPadding the binder reads the document where it is, without copying it
// (a line of a file read into one buffer: capacity = bytes from the line to the buffer's
// end, padded with kJsonPadding bytes); otherwise it copies it as for a plain string_view.
struct PaddedJson {
  std::string_view text;
  size_t capacity = 0;
};

class Input;
class BoundInput;
class BoundBatch;
struct Verdict;

// Per-thread evaluation state (arena, JSON parser, outcome buffers), reused from one
// evaluation to the next. Keeps the policy alive.
class GAI_API Session {
 public:
  explicit Session(std::shared_ptr<const Policy> policy);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  const Policy* policy() const;  // null when constructed without one

  EvalResult evaluateJson(const EntryType& entry, std::string_view json, const EvalOptions& options);
  // The fast path: appends the decision JSON to `out` and returns true, or returns false
  // with the input error in `error` (`out` unchanged).
  bool evaluateJsonTo(const EntryType& entry, std::string_view json, const EvalOptions& options,
                      std::string& out, std::string& error);
  // The same for a document inside the caller's buffer: read in place when padded
  // (PaddedJson), as a host reading lines into one buffer can have it.
  bool evaluateJsonTo(const EntryType& entry, const PaddedJson& json, const EvalOptions& options,
                      std::string& out, std::string& error);

  // A typed builder for one value of `entry`; filled by the host, then evaluate()d. It
  // lives in this session's memory: evaluating anything with this session invalidates it.
  Input input(const EntryType& entry);
  EvalResult evaluate(Input& input, const EvalOptions& options);

  // ---- Bind once, decide many times (runtime/api/README.md, "The fast path").
  // Binds one JSON document of `entry` into a BoundInput that owns its memory: it outlives
  // this call and this session, and any session of the same policy may decide it, any
  // number of times, from any thread (it is immutable). An input error gives a BoundInput
  // with !ok() and the message in error().
  BoundInput bind(const EntryType& entry, std::string_view json, bool strictInput = false);
  BoundInput bind(const EntryType& entry, const PaddedJson& json, bool strictInput = false);
  // Bind, then decide, in one call: the verdict of one JSON document of `entry` without a
  // BoundInput (the value lives in this session until its next call). The same verdict as
  // bind() then verdict(); an input error is out.error (bind()'s message) and false. The
  // JSON limits and strictInput come from `options`.
  bool verdictJson(const EntryType& entry, std::string_view json, const EvalOptions& options, Verdict& out);
  bool verdictJson(const EntryType& entry, const PaddedJson& json, const EvalOptions& options, Verdict& out);
  // Finishes a typed Input into a BoundInput (the Input is consumed; a setter's error or a
  // missing required field gives !ok()).
  BoundInput bind(Input&& input);
  // The verdict only (effect, fired rules, counts), without rendering messages or JSON.
  // Reusing `out` (and so its `fired` capacity) it allocates nothing on the JIT's native
  // path. False with out.error when the input is not ok or was bound for another policy.
  bool verdict(const BoundInput& input, const EvalOptions& options, Verdict& out);
  // The batch form: out[i] is the verdict of inputs[i]; returns how many are ok.
  size_t verdicts(const BoundInput* inputs, size_t count, const EvalOptions& options, Verdict* out);
  // Full decisions of bound inputs (equal to evaluateJson of the same JSON), one or a batch
  // (out[i] for inputs[i]; returns how many are ok); evaluateTo appends only the JSON.
  EvalResult evaluate(const BoundInput& input, const EvalOptions& options);
  size_t evaluateBatch(const BoundInput* inputs, size_t count, const EvalOptions& options, EvalResult* out);
  bool evaluateTo(const BoundInput& input, const EvalOptions& options, std::string& out, std::string& error);

  // ---- Many values of one entry type bound side by side (BoundBatch): one arena, the
  // records contiguous, so deciding them in order walks memory in order.
  // json[i] is record i; an input error marks that record only (batch.ok(i) false).
  BoundBatch bindBatch(const EntryType& entry, const std::string_view* json, size_t count,
                       bool strictInput = false);
  // The verdict of record `index` of `batch` (as verdict() of that record bound alone).
  bool verdict(const BoundBatch& batch, size_t index, const EvalOptions& options, Verdict& out);
  // out[i] is the verdict of record first + i, for i < count; returns how many are ok.
  // Records out of range give out[i].error.
  size_t verdicts(const BoundBatch& batch, size_t first, size_t count, const EvalOptions& options, Verdict* out);
  // The full decision of record `index` (equal to evaluateJson of its JSON).
  EvalResult evaluate(const BoundBatch& batch, size_t index, const EvalOptions& options);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Fills an entry value without JSON. Paths are field names joined by `.`. Each setter
// checks the field's type and returns false on a mismatch; the first error is kept and
// evaluate() then reports it as an input error. Dates are days since 1970-01-01,
// timestamps microseconds since the epoch (UTC), durations seconds.
class GAI_API Input {
 public:
  ~Input();
  Input(Input&&) noexcept;
  Input& operator=(Input&&) noexcept;

  bool setBool(std::string_view path, bool value);
  bool setInt(std::string_view path, int64_t value);
  bool setFloat(std::string_view path, double value);
  bool setString(std::string_view path, std::string_view value);
  bool setDate(std::string_view path, int32_t daysSinceEpoch);
  bool setTimestamp(std::string_view path, int64_t microsSinceEpoch);
  bool setDuration(std::string_view path, int64_t seconds);
  bool setEnum(std::string_view path, std::string_view member);
  bool setNone(std::string_view path);
  bool setStrings(std::string_view path, const std::vector<std::string_view>& values);
  bool setInts(std::string_view path, const std::vector<int64_t>& values);
  bool setEnums(std::string_view path, const std::vector<std::string_view>& members);
  // Any field from its JSON form (bound exactly like input).
  bool setJson(std::string_view path, std::string_view json);

  bool ok() const;
  std::string error() const;

  struct Impl;

 private:
  friend class Session;
  explicit Input(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The fired rules of a Verdict as a bit set over the rules of its entry type (at most 64):
// bit k is rule(k), the k-th rule of that type in declaration order. Iterating gives the
// same indices as Verdict::fired (Policy::ruleNames(), ascending), computed on demand.
// Not valid() for an entry type of more than 64 rules, or no verdict (then empty). The
// rule table belongs to the policy: read a FiredSet only while its policy lives.
class FiredSet {
 public:
  FiredSet() = default;
  FiredSet(uint64_t bits, const uint32_t* rules) : bits_(bits), rules_(rules) {}

  bool valid() const { return rules_ != nullptr; }
  bool empty() const { return bits_ == 0; }
  uint64_t bits() const { return bits_; }
  uint32_t rule(unsigned k) const { return rules_[k]; }  // k < 64 and valid()
  size_t size() const {
    size_t n = 0;
    for (uint64_t b = bits_; b; b &= b - 1) ++n;
    return n;
  }
  bool contains(uint32_t rule) const {
    for (uint64_t b = bits_; b; b &= b - 1)
      if (rules_[lowest(b)] == rule) return true;
    return false;
  }

  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = uint32_t;
    using difference_type = std::ptrdiff_t;
    using pointer = const uint32_t*;
    using reference = uint32_t;

    uint32_t operator*() const { return rules_[lowest(bits_)]; }
    Iterator& operator++() {
      bits_ &= bits_ - 1;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& o) const { return bits_ == o.bits_; }
    bool operator!=(const Iterator& o) const { return bits_ != o.bits_; }

   private:
    friend class FiredSet;
    Iterator(uint64_t bits, const uint32_t* rules) : bits_(bits), rules_(rules) {}
    uint64_t bits_;
    const uint32_t* rules_;
  };
  Iterator begin() const { return Iterator(bits_, rules_); }
  Iterator end() const { return Iterator(0, rules_); }

 private:
  static unsigned lowest(uint64_t b) {  // b != 0
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(b));
#else
    unsigned k = 0;
    while (!(b & 1)) b >>= 1, ++k;
    return k;
#endif
  }

  uint64_t bits_ = 0;
  const uint32_t* rules_ = nullptr;
};

// What Session::verdict computes: the decision's effect and which rules fired, without
// their messages. Keep one per thread (or one per batch slot) and reuse it.
struct Verdict {
  Effect effect = Effect::Allow;  // as Decision::effect (fail closed/open as asked)
  // Fired rules: indices into Policy::ruleNames() (declaration order), ascending; left
  // empty when EvalOptions::firedList is false and firedSet is valid().
  std::vector<uint32_t> fired;
  FiredSet firedSet;  // the same rules as a bit set (valid() for entry types of <= 64 rules)
  uint32_t excepted = 0;  // rules whose `when` held but that an exception in force defeated
  uint32_t errors = 0;    // rules and exceptions whose `when` had a runtime error
  std::string error;      // why there is no verdict ("" when ok)
  bool ok() const { return error.empty(); }
};

// An entry value bound once (Session::bind), owning its memory. Immutable: any session of
// the same policy may decide it concurrently. Keeps the policy alive.
class GAI_API BoundInput {
 public:
  BoundInput();  // empty: !ok()
  ~BoundInput();
  BoundInput(BoundInput&&) noexcept;
  BoundInput& operator=(BoundInput&&) noexcept;

  bool ok() const;
  // The input error ("$.user.age: expected an int, got a string") when !ok().
  const std::string& error() const;

  struct Impl;
  const Impl* impl() const { return impl_.get(); }

 private:
  friend class Session;
  explicit BoundInput(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Entry values of one type bound once, side by side (Session::bindBatch), owning their
// memory. Immutable: any session of the same policy may decide it concurrently. Keeps the
// policy alive.
class GAI_API BoundBatch {
 public:
  BoundBatch();  // empty: size() 0
  ~BoundBatch();
  BoundBatch(BoundBatch&&) noexcept;
  BoundBatch& operator=(BoundBatch&&) noexcept;

  size_t size() const;
  // Whether record `index` was bound (false out of range).
  bool ok(size_t index) const;
  // Record `index`'s input error ("" when ok); for a batch that could not be bound at all
  // (no policy, foreign entry type, out of memory) every record's error is that reason.
  const std::string& error(size_t index) const;
  size_t errorCount() const;

  struct Impl;
  const Impl* impl() const { return impl_.get(); }

 private:
  friend class Session;
  explicit BoundBatch(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- Hot replacement of a policy while threads evaluate (policy_store.cpp)
//
//   gai::PolicyStore store(gai::compile({"policies/"}).policy);
//   // each worker thread:
//   gai::StoreSession session(store);
//   session.evaluateJsonTo("GenerationEvent", line, options, out, error);
//   // a reloader thread, whenever the bundle changed:
//   gai::CompileResult next = gai::compile({"policies/"});
//   if (next.ok()) store.replace(next.policy);   // else keep serving the old version
//
// A PolicyStore holds the current policy and its version (1, 2, ...; 0 while empty).
// current() and version() never block on replace() (the fast path is one atomic load);
// replace() publishes a new version atomically: an evaluation runs wholly on one version,
// never a mix. A StoreSession moves to the newest version at the start of its next
// evaluation; a policy lives until the store and the last session or caller holding it
// let go, so replacing never invalidates a running evaluation.
class GAI_API PolicyStore {
 public:
  explicit PolicyStore(std::shared_ptr<const Policy> initial = nullptr);
  ~PolicyStore();
  PolicyStore(const PolicyStore&) = delete;
  PolicyStore& operator=(const PolicyStore&) = delete;

  // The current policy (null while empty) and the version it was published as.
  std::shared_ptr<const Policy> current(uint64_t* version = nullptr) const;
  uint64_t version() const;
  // Publishes `next` (null empties the store) and returns its version; 0 when out of memory
  // (the store is then unchanged).
  uint64_t replace(std::shared_ptr<const Policy> next);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// A Session that follows a PolicyStore (one per thread, like Session). Entry types are
// named, because indices may change between versions; each name is resolved once per
// version. The store must outlive the session.
class GAI_API StoreSession {
 public:
  explicit StoreSession(const PolicyStore& store);
  ~StoreSession();
  StoreSession(const StoreSession&) = delete;
  StoreSession& operator=(const StoreSession&) = delete;

  // Moves to the store's newest version if it changed, and returns the session to use
  // until the next refresh() or evaluation (inputs it made are invalidated by a move).
  Session& refresh();
  // The entry type `name` of the session's current version; nothing with `error` set.
  std::optional<EntryType> entry(std::string_view name, std::string* error = nullptr);
  // The version of the policy the session holds (0: none).
  uint64_t version() const;

  // refresh(), then evaluate on that version; an empty store or unknown entry type is an
  // error in `error` / EvalResult::error.
  EvalResult evaluateJson(std::string_view entry, std::string_view json, const EvalOptions& options);
  bool evaluateJsonTo(std::string_view entry, std::string_view json, const EvalOptions& options,
                      std::string& out, std::string& error);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gai
