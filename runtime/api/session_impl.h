// What a Session, an Input and a BoundInput hold (session.cpp, session_fast.cpp).
#pragma once

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "api/policy_impl.h"
#include "core/arena.h"
#include "core/builder.h"
#include "core/json_bind.h"

namespace gai {

// `out` as no verdict, with `why` as its error.
void failVerdict(Verdict& out, const char* why);

// A bound value's policy and entry type in one word, compared once on the hot path, with
// kInlineKey when the value is held inline: 0 when not representable (a pointer beyond 48
// bits, a huge entry index), and then the checked path decides. Never kNoDirectKey.
constexpr uint64_t kNoDirectKey = ~uint64_t(0);
constexpr uint64_t kInlineKey = uint64_t(1) << 63;
inline uint64_t directKeyOf(const Policy* policy, uint32_t entry) {
  auto bits = reinterpret_cast<uintptr_t>(policy);
  if (bits >> 48 || entry >= 0x3FFF) return 0;
  return uint64_t(bits) | (uint64_t(entry) + 1) << 48;
}

struct Session::Impl {
  std::shared_ptr<const Policy> policy;
  const ir::Module* module = nullptr;
  rt::Arena arena;
  rt::JsonBinder binder;
  rt::Arena jsonArena;  // the value Session::verdictJson (session_json.cpp) last bound
  rt::Outcome outcome;
  std::unique_ptr<api::Evaluator> evaluator;
  std::vector<uint8_t> ruleDenies;  // per rule: has `deny` (for verdicts)
  // The evaluator's verdict kernel for entry type kernelEntry (run null: none) and its
  // direct verdict (bound inputs whose key is directKey take it; kNoDirectKey: none).
  api::VerdictKernel kernel;
  uint32_t kernelEntry = UINT32_MAX;
  api::DirectVerdict direct;
  uint64_t directKey = kNoDirectKey;

  const api::VerdictKernel& kernelFor(uint32_t entry) {
    if (entry != kernelEntry || !directFresh()) prepare(entry);
    return kernel;
  }
  void prepare(uint32_t entry);
  // Whether the direct verdict is current (none counts as current).
  bool directFresh() const {
    return directKey == kNoDirectKey || direct.generation->load(std::memory_order_acquire) == direct.madeAt;
  }
  // Whether a value of bound-input or batch key `key` takes the direct verdict now. A key
  // is never kNoDirectKey, so a match means there is one; then only its code's generation.
  bool takesDirect(uint64_t key) const {
    return key == directKey && direct.generation->load(std::memory_order_acquire) == direct.madeAt;
  }
  // The verdict through the direct verdict (directKey matched, directFresh()); inline in
  // session_fast.cpp.
  bool directVerdict(const void* value, const EvalOptions& options, Verdict& out);
  // arena's cursor after the last direct verdict rewound it.
  uintptr_t arenaMark = 0;
  __attribute__((noinline)) void rewindArena() {
    arena.reset();
    arenaMark = arena.cursor();
  }
  // Verdict::fired from Verdict::firedSet (false: out of memory, the verdict's error).
  static bool listFired(Verdict& out);

  const rt::Type* entryType(const EntryType& entry, std::string& error) const;
  bool run(uint32_t entry, const void* value, const EvalOptions& options, std::string& json,
           Decision* decision, std::string& error);
  bool evaluateJson(const EntryType& entry, std::string_view json, const EvalOptions& options,
                    std::string& out, Decision* decision, std::string& error);
  void setStrict(bool strict);
  bool slowVerdict(const BoundInput::Impl* input, const EvalOptions& options, Verdict& out);
  // The verdict of a bound value of entry type `entry` without the kernel (any engine).
  bool valueVerdict(uint32_t entry, const void* value, const EvalOptions& options, Verdict& out);
  void setFiredSet(uint32_t entry, const EvalOptions& options, Verdict& out) const;
  // The full decision of a bound value (arena reset first).
  bool evaluateValue(uint32_t entry, const void* value, const EvalOptions& options, std::string& json,
                     Decision* decision, std::string& error);
  // Why `batch` cannot be decided by this session (null when it can).
  const char* unusable(const BoundBatch::Impl* batch) const;
  // Verdicts of `count` records of the kernel's entry type at first, first + stride, ...
  // into out[0..count) through the kernel; returns how many are ok.
  size_t kernelRun(const api::VerdictKernel& k, const void* first, size_t stride, size_t count,
                   const EvalOptions& options, Verdict* out) {
    return k.run(k.self, static_cast<const char*>(first), stride, count, options, out);
  }
  // Whether the kernel is ready for a record of entry type `entry` bound for `p`.
  bool hot(uint32_t entry, const std::shared_ptr<const Policy>& p) const {
    return entry == kernelEntry && kernel.one && p == policy;
  }
  bool hotVerdict(const void* value, const EvalOptions& options, Verdict& out) {
    return kernel.one(kernel.self, value, options, out);
  }
  // Session::verdict of a bound input off the hot path (first of its entry type, errors).
  __attribute__((noinline)) bool verdictOf(const BoundInput::Impl* input, const EvalOptions& options, Verdict& out);
  // Whether `input` can take the kernel path of this session (then kernelFor(entry)).
  bool usable(const BoundInput::Impl* input) const;
  bool evaluateBound(const BoundInput::Impl* input, const EvalOptions& options, std::string& json,
                     Decision* decision, std::string& error);
};

// A typed Input owns its arena, so that Session::bind(Input&&) can keep the value.
struct Input::Impl {
  Session::Impl* session = nullptr;
  uint32_t entry = 0;
  std::unique_ptr<rt::Arena> arena;
  std::optional<rt::Builder> builder;
  std::string error;  // set when the builder could not be made
};

struct BoundInput::Impl {
  static constexpr size_t kInlineBytes = 128;
  uint64_t key = 0;             // directKeyOf(policy, entry) when value is set, else 0
  const void* value = nullptr;  // null: see error
  uint32_t entry = 0;
  std::shared_ptr<const Policy> policy;  // the value may point at the policy's constants
  // A record of at most kInlineBytes is copied here (the flat layout has no pointer into
  // the record itself), so deciding touches one allocation; strings and slices stay in
  // `arena`.
  alignas(16) unsigned char inlineValue[kInlineBytes];
  std::unique_ptr<rt::Arena> arena;
  std::string error;

  // Moves a bound value of `size` bytes inline when it fits.
  // Called with policy and entry set.
  void keep(const void* bound, size_t size) {
    value = bound;
    key = bound ? directKeyOf(policy.get(), entry) : 0;
    if (!bound || size > kInlineBytes) return;
    std::memcpy(inlineValue, bound, size);
    value = inlineValue;
    key |= key ? kInlineKey : 0;
  }
  // No value (an error is set or follows).
  void drop() {
    value = nullptr;
    key = 0;
  }
};

// Entry values of one type side by side (Session::bindBatch).
struct BoundBatch::Impl {
  std::shared_ptr<const Policy> policy;  // null: the whole batch failed (see error)
  uint64_t key = 0;                      // directKeyOf(policy, entry) | kInlineKey, or 0
  uint32_t entry = 0;
  size_t count = 0;
  size_t stride = 0;                      // bytes from one record to the next (the type's size)
  std::unique_ptr<uint64_t[]> records;    // count * stride bytes, 8-aligned (flat layout)
  std::unique_ptr<uint8_t[]> bound;       // per record: 1 when bound
  std::vector<std::pair<size_t, std::string>> errors;  // input errors, ascending index
  std::unique_ptr<rt::Arena> arena;       // the records' strings and slices (null: none can have any)
  std::string error;                      // why the whole batch failed

  const void* record(size_t i) const { return reinterpret_cast<const char*>(records.get()) + i * stride; }
  bool ok(size_t i) const { return policy && i < count && bound[i]; }
  const std::string& errorOf(size_t i) const;
};

inline bool Session::Impl::usable(const BoundInput::Impl* input) const {
  return input && input->value && input->policy == policy && evaluator;
}

// Runs `body` (returning bool) with every exception turned into `error`.
template <typename Body>
bool guard(std::string& error, Body body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    error = "out of memory";
  } catch (const std::exception& e) {
    error = std::string("internal error: ") + e.what();
  } catch (...) {
    error = "internal error";
  }
  return false;
}

}  // namespace gai
