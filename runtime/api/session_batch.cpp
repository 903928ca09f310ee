// Bound batches: many values of one entry type bound side by side in one allocation
// (strings and slices in one arena), decided in a loop that checks the policy and finds
// the verdict kernel once per batch. Nothing escapes as an exception.
#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "api/direct_verdict.h"
#include "api/session_impl.h"
#include "core/layout.h"

namespace gai {

namespace {

const char* const kNoSession = "the session has no policy";
const char* const kOutOfRange = "record index out of range";

// The records' strings, lists and sets moved into a fresh arena by field (rt::packByField),
// replacing the binding arena, which also holds each record's first copy and the binder's
// scratch: deciding the records in order then reads each string field the rules read as
// one dense stream (with 20,000 shipped GenerationEvents, each event's output text, which
// no rule reads, sat between one prompt text and the next).
void packStrings(const rt::Type& type, BoundBatch::Impl& b) {
  auto packed = std::make_unique<rt::Arena>();
  if (!rt::packByField(type, reinterpret_cast<char*>(b.records.get()), b.stride, b.count, b.bound.get(), *packed))
    throw std::bad_alloc();
  b.arena = std::move(packed);
}

// Fills `b` from json[0..count) (the session has a policy; `type` is the entry's).
void bindRecords(Session::Impl& s, const rt::Type& type, const std::string_view* json, BoundBatch::Impl& b) {
  size_t words = (b.count * b.stride + 7) / 8;
  b.records.reset(new uint64_t[words ? words : 1]());
  b.bound.reset(new uint8_t[b.count ? b.count : 1]());
  // Records that cannot point anywhere are copied out of the session's arena; the others
  // keep theirs in the batch's.
  bool flat = !type.holdsPointers;
  if (!flat) b.arena = std::make_unique<rt::Arena>();
  for (size_t i = 0; i < b.count; ++i) {
    if (flat && s.arena.bytesUsed() != 0) s.arena.reset();
    rt::BindError bindError;
    const void* value = s.binder.bind(json[i], type, flat ? s.arena : *b.arena, bindError);
    if (!value) {
      b.errors.emplace_back(i, bindError.toString());
      continue;
    }
    std::memcpy(reinterpret_cast<char*>(b.records.get()) + i * b.stride, value, b.stride);
    b.bound[i] = 1;
  }
  if (!flat) packStrings(type, b);
}

}  // namespace


const std::string& BoundBatch::Impl::errorOf(size_t i) const {
  static const std::string kNone, kRange = kOutOfRange;
  if (!policy) return error;
  if (i >= count) return kRange;
  if (bound[i]) return kNone;
  size_t lo = 0, hi = errors.size();
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (errors[mid].first < i) lo = mid + 1;
    else hi = mid;
  }
  return lo < errors.size() && errors[lo].first == i ? errors[lo].second : kNone;
}

const char* Session::Impl::unusable(const BoundBatch::Impl* batch) const {
  if (!policy || !evaluator) return kNoSession;
  if (!batch) return "empty bound batch";
  if (!batch->policy) return batch->error.c_str();
  if (batch->policy != policy) return "the batch was bound for another policy";
  return nullptr;
}

BoundBatch Session::bindBatch(const EntryType& entry, const std::string_view* json, size_t count, bool strictInput) {
  std::unique_ptr<BoundBatch::Impl> impl;
  try {
    impl = std::make_unique<BoundBatch::Impl>();
  } catch (...) {
    return BoundBatch();
  }
  BoundBatch::Impl& b = *impl;
  b.count = count;
  bool ok = guard(b.error, [&] {
    if (!impl_) {
      b.error = kNoSession;
      return false;
    }
    if (!json && count) {
      b.error = "null JSON array";
      return false;
    }
    const rt::Type* type = impl_->entryType(entry, b.error);
    if (!type) return false;
    if (type->size && count > std::numeric_limits<size_t>::max() / 2 / type->size) {
      b.error = "batch too large";
      return false;
    }
    b.entry = entry.index();
    b.stride = type->size;
    impl_->setStrict(strictInput);
    bindRecords(*impl_, *type, json, b);
    b.policy = impl_->policy;
    uint64_t key = directKeyOf(b.policy.get(), b.entry);
    b.key = key ? key | kInlineKey : 0;  // the records are the batch's own, like an inline value
    return true;
  });
  if (!ok) {
    b.key = 0;
    b.policy.reset();
    b.errors.clear();
    b.arena.reset();
    if (b.error.empty()) b.error = "internal error";
  }
  return BoundBatch(std::move(impl));
}

namespace {

// Session::verdict of a batch's record off the hot path (first of its entry type, errors).
__attribute__((noinline)) bool batchVerdict(Session::Impl* s, const BoundBatch::Impl* b, size_t index,
                                            const EvalOptions& options, Verdict& out) {
  if (const char* why = s ? s->unusable(b) : kNoSession) {
    failVerdict(out, why);
    return false;
  }
  if (!b->ok(index)) {
    failVerdict(out, b->errorOf(index).c_str());
    return false;
  }
  const api::VerdictKernel& k = s->kernelFor(b->entry);
  const void* value = b->record(index);
  if (b->key == s->directKey) return s->directVerdict(value, options, out);
  return k.one ? k.one(k.self, value, options, out)
               : s->valueVerdict(b->entry, value, options, out);
}

}  // namespace

// The hot path: the batch's key, the index, then the native verdict.
bool Session::verdict(const BoundBatch& batch, size_t index, const EvalOptions& options, Verdict& out) {
  const BoundBatch::Impl* b = batch.impl();
  Impl* s = impl_.get();
  if (s && b && s->takesDirect(b->key) && index < b->count && b->bound[index])
    return s->directVerdict(b->record(index), options, out);
  return batchVerdict(s, b, index, options, out);
}

namespace {

// Records [from, to) of `b`, all bound, through the kernel or (none) one by one.
size_t boundRun(Session::Impl& s, const api::VerdictKernel& k, const BoundBatch::Impl& b, size_t from, size_t to,
                const EvalOptions& options, Verdict* out) {
  if (k.run) return s.kernelRun(k, b.record(from), b.stride, to - from, options, out);
  size_t ok = 0;
  for (size_t i = from; i < to; ++i) ok += s.valueVerdict(b.entry, b.record(i), options, out[i - from]);
  return ok;
}

}  // namespace

size_t Session::verdicts(const BoundBatch& batch, size_t first, size_t count, const EvalOptions& options,
                         Verdict* out) {
  if (!out) return 0;
  const BoundBatch::Impl* b = batch.impl();
  if (const char* why = impl_ ? impl_->unusable(b) : kNoSession) {
    for (size_t i = 0; i < count; ++i) failVerdict(out[i], why);
    return 0;
  }
  // Records past the batch: out of range.
  size_t end = first < b->count ? first + std::min(count, b->count - first) : first;
  for (size_t i = end - first; i < count; ++i) failVerdict(out[i], kOutOfRange);
  Impl& s = *impl_;
  const api::VerdictKernel& k = s.kernelFor(b->entry);
  // Runs of bound records between the input errors (ascending), each in one kernel call.
  auto error = std::lower_bound(b->errors.begin(), b->errors.end(), first,
                                [](const std::pair<size_t, std::string>& e, size_t at) { return e.first < at; });
  size_t ok = 0, at = first;
  for (; error != b->errors.end() && error->first < end; ++error) {
    if (error->first > at) ok += boundRun(s, k, *b, at, error->first, options, out + (at - first));
    failVerdict(out[error->first - first], error->second.c_str());
    at = error->first + 1;
  }
  if (at < end) ok += boundRun(s, k, *b, at, end, options, out + (at - first));
  return ok;
}

EvalResult Session::evaluate(const BoundBatch& batch, size_t index, const EvalOptions& options) {
  EvalResult result;
  const BoundBatch::Impl* b = batch.impl();
  bool ok = false;
  if (const char* why = impl_ ? impl_->unusable(b) : kNoSession) {
    result.error = why;
  } else if (!b->ok(index)) {
    result.error = b->errorOf(index);
  } else {
    ok = impl_->evaluateValue(b->entry, b->record(index), options, result.decision.json, &result.decision,
                              result.error);
  }
  if (!ok) {
    result.decision = Decision();
    if (result.error.empty()) result.error = "internal error";
  }
  return result;
}

// ---- BoundBatch

BoundBatch::BoundBatch() = default;
BoundBatch::BoundBatch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoundBatch::~BoundBatch() = default;
BoundBatch::BoundBatch(BoundBatch&&) noexcept = default;
BoundBatch& BoundBatch::operator=(BoundBatch&&) noexcept = default;

size_t BoundBatch::size() const { return impl_ ? impl_->count : 0; }
bool BoundBatch::ok(size_t index) const { return impl_ && impl_->ok(index); }

const std::string& BoundBatch::error(size_t index) const {
  static const std::string kEmpty = "empty bound batch";
  return impl_ ? impl_->errorOf(index) : kEmpty;
}

size_t BoundBatch::errorCount() const {
  if (!impl_) return 0;
  return impl_->policy ? impl_->errors.size() : impl_->count;
}

}  // namespace gai
