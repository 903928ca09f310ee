// JSON documents bound from the caller's buffer (PaddedJson: no copy when padded), and
// Session::verdictJson: bind, then decide, in one call, the value held in the session's
// jsonArena instead of a BoundInput of its own. Nothing escapes as an exception.
#include <string>

#include "api/input_limits.h"
#include "api/session_impl.h"

namespace gai {

namespace {

const char* const kNoSession = "the session has no policy";
// First chunk of a BoundInput's own arena: many bound inputs stay close together in memory.
constexpr size_t kBoundChunk = 256;

// `json` bound into `in` (its value inline when the type allows, else in an arena of its own).
bool bindInto(Session::Impl& s, const EntryType& entry, const PaddedJson& json, bool strictInput,
              BoundInput::Impl& in) {
  const rt::Type* type = s.entryType(entry, in.error);
  if (!type) return false;
  in.policy = s.policy;
  in.entry = entry.index();
  s.setStrict(strictInput);
  rt::BindError bindError;
  // A record that fits inline and cannot point anywhere is copied out of the session's
  // arena and needs none of its own (the type decides, not what this value holds).
  if (type->size <= BoundInput::Impl::kInlineBytes && !type->holdsPointers) {
    if (s.arena.bytesUsed() != 0) s.arena.reset();
    in.keep(s.binder.bind(json.text, json.capacity, *type, s.arena, bindError), type->size);
  } else {
    in.arena = std::make_unique<rt::Arena>(rt::Arena::kDefaultMax, kBoundChunk);
    in.keep(s.binder.bind(json.text, json.capacity, *type, *in.arena, bindError), type->size);
  }
  if (!in.value) in.error = bindError.toString();
  return in.value != nullptr;
}

// `out` as no verdict with the error `why`.
bool inputFailed(Verdict& out, const std::string& why) {
  failVerdict(out, "");
  out.error = why.empty() ? "internal error" : why;
  return false;
}

// The value of `json` bound into s.jsonArena, or null with `error` set.
const void* bindScratch(Session::Impl& s, const EntryType& entry, const PaddedJson& json, const EvalOptions& options,
                        std::string& error) {
  const void* value = nullptr;
  guard(error, [&] {
    const rt::Type* type = s.entryType(entry, error);
    if (!type) return false;
    if (s.jsonArena.bytesUsed() != 0) s.jsonArena.reset();
    api::applyInputLimits(s.binder, options);
    rt::BindError bindError;
    value = s.binder.bind(json.text, json.capacity, *type, s.jsonArena, bindError);
    if (!value) error = bindError.toString();
    return value != nullptr;
  });
  return value;
}

}  // namespace

BoundInput Session::bind(const EntryType& entry, const PaddedJson& json, bool strictInput) {
  std::unique_ptr<BoundInput::Impl> impl;
  try {
    impl = std::make_unique<BoundInput::Impl>();
  } catch (...) {
    return BoundInput();
  }
  BoundInput::Impl& in = *impl;
  bool ok = guard(in.error, [&] {
    if (impl_) return bindInto(*impl_, entry, json, strictInput, in);
    in.error = kNoSession;
    return false;
  });
  if (!ok) {
    in.drop();
    if (in.error.empty()) in.error = "internal error";
  }
  return BoundInput(std::move(impl));
}

bool Session::verdictJson(const EntryType& entry, std::string_view json, const EvalOptions& options, Verdict& out) {
  return verdictJson(entry, PaddedJson{json, json.size()}, options, out);
}

bool Session::verdictJson(const EntryType& entry, const PaddedJson& json, const EvalOptions& options, Verdict& out) {
  Impl* s = impl_.get();
  if (!s || !s->evaluator) return inputFailed(out, kNoSession);
  std::string error;
  const void* value = bindScratch(*s, entry, json, options, error);
  if (!value) return inputFailed(out, error);
  uint32_t e = entry.index();
  if (!s->hot(e, s->policy)) s->kernelFor(e);  // the first of its entry type (or no kernel)
  if (s->hot(e, s->policy)) return s->hotVerdict(value, options, out);
  return s->valueVerdict(e, value, options, out);
}

}  // namespace gai
