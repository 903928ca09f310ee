// PolicyStore and StoreSession: replacing a policy while threads evaluate it.
//
// The store publishes an immutable State {policy, version} through an atomically loaded
// and stored shared_ptr; `version_` mirrors the newest state's version so that a session's
// per-evaluation check is a single acquire load. Writers are serialized by a mutex so that
// versions are published in order. Nothing here throws out of the API.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "gai/gai.hpp"

namespace gai {

namespace {

struct State {
  std::shared_ptr<const Policy> policy;
  uint64_t version = 0;
};

}  // namespace

struct PolicyStore::Impl {
  std::shared_ptr<const State> state = std::make_shared<const State>();
  std::atomic<uint64_t> version{0};
  std::mutex writers;

  std::shared_ptr<const State> load() const { return std::atomic_load(&state); }
};

PolicyStore::PolicyStore(std::shared_ptr<const Policy> initial) {
  try {
    impl_ = std::make_unique<Impl>();
    if (initial) replace(std::move(initial));
  } catch (...) {
    impl_.reset();
  }
}

PolicyStore::~PolicyStore() = default;

std::shared_ptr<const Policy> PolicyStore::current(uint64_t* version) const {
  std::shared_ptr<const State> state = impl_ ? impl_->load() : nullptr;
  if (version) *version = state ? state->version : 0;
  return state ? state->policy : nullptr;
}

uint64_t PolicyStore::version() const {
  return impl_ ? impl_->version.load(std::memory_order_acquire) : 0;
}

uint64_t PolicyStore::replace(std::shared_ptr<const Policy> next) {
  if (!impl_) return 0;
  try {
    std::lock_guard<std::mutex> lock(impl_->writers);
    uint64_t version = impl_->version.load(std::memory_order_relaxed) + 1;
    auto state = std::make_shared<const State>(State{std::move(next), version});
    std::atomic_store(&impl_->state, std::shared_ptr<const State>(std::move(state)));
    impl_->version.store(version, std::memory_order_release);
    return version;
  } catch (...) {
    return 0;
  }
}

// ---- StoreSession

struct StoreSession::Impl {
  const PolicyStore* store = nullptr;
  std::shared_ptr<const Policy> policy;  // also held by `session`; kept for entry lookup
  std::unique_ptr<Session> session;
  uint64_t version = 0;
  std::string entryName;  // the last entry type resolved on `version`
  std::optional<EntryType> entry;

  Session& refresh();
  const EntryType* resolve(std::string_view name, std::string& error);
};

Session& StoreSession::Impl::refresh() {
  if (session && store->version() == version) return *session;
  uint64_t next = 0;
  std::shared_ptr<const Policy> latest = store->current(&next);
  if (!session || next != version) {
    // Made before anything changes: if this throws, the old version keeps serving.
    auto fresh = std::make_unique<Session>(latest);
    session = std::move(fresh);
    policy = std::move(latest);
    version = next;
    entryName.clear();
    entry.reset();
  }
  return *session;
}

const EntryType* StoreSession::Impl::resolve(std::string_view name, std::string& error) {
  if (!policy) {
    error = "the policy store is empty";
    return nullptr;
  }
  if (entry && entryName == name) return &*entry;
  entry = policy->entry(name, &error);
  if (!entry) {
    entryName.clear();
    if (error.empty()) error = "no entry type '" + std::string(name) + "'";
    return nullptr;
  }
  entryName.assign(name.data(), name.size());
  return &*entry;
}

StoreSession::StoreSession(const PolicyStore& store) {
  try {
    impl_ = std::make_unique<Impl>();
    impl_->store = &store;
    impl_->refresh();
  } catch (...) {
    impl_.reset();
  }
}

StoreSession::~StoreSession() = default;

Session& StoreSession::refresh() {
  // Without memory for a session, evaluations report "the session has no policy".
  thread_local Session none{nullptr};
  try {
    if (impl_) return impl_->refresh();
  } catch (...) {
    if (impl_->session) return *impl_->session;  // the previous version keeps serving
  }
  return none;
}

std::optional<EntryType> StoreSession::entry(std::string_view name, std::string* error) {
  std::string message;
  try {
    if (!impl_) return std::nullopt;
    const EntryType* found = impl_->resolve(name, message);
    if (found) return *found;
  } catch (...) {
    message = "out of memory";
  }
  if (error) *error = message;
  return std::nullopt;
}

uint64_t StoreSession::version() const { return impl_ ? impl_->version : 0; }

bool StoreSession::evaluateJsonTo(std::string_view entry, std::string_view json, const EvalOptions& options,
                                  std::string& out, std::string& error) {
  try {
    if (!impl_) {
      error = "out of memory";
      return false;
    }
    Session& session = impl_->refresh();
    const EntryType* type = impl_->resolve(entry, error);
    if (!type) return false;
    return session.evaluateJsonTo(*type, json, options, out, error);
  } catch (...) {
    error = "out of memory";
    return false;
  }
}

EvalResult StoreSession::evaluateJson(std::string_view entry, std::string_view json, const EvalOptions& options) {
  EvalResult result;
  try {
    if (!impl_) {
      result.error = "out of memory";
      return result;
    }
    Session& session = impl_->refresh();
    const EntryType* type = impl_->resolve(entry, result.error);
    if (!type) return result;
    return session.evaluateJson(*type, json, options);
  } catch (...) {
    result = EvalResult();
    result.error = "out of memory";
    return result;
  }
}

}  // namespace gai
