// The C ABI of PolicyStore and StoreSession (gai.h "Hot replacement"). No exception
// crosses into C.
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "api/c_types.h"

struct gai_policy_store {
  gai::PolicyStore store;
  explicit gai_policy_store(std::shared_ptr<const gai::Policy> initial) : store(std::move(initial)) {}
};

struct gai_store_session {
  gai::StoreSession session;
  explicit gai_store_session(const gai::PolicyStore& store) : session(store) {}
};

using gai::capi::toEvalOptions;

namespace {

void give(char** out, const std::string& text) {
  if (!out) return;
  *out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!*out) return;
  std::memcpy(*out, text.data(), text.size());
  (*out)[text.size()] = '\0';
}

int errorCode(const std::string& error) {
  if (error == "the policy store is empty" || error.rfind("no entry type", 0) == 0 ||
      error.rfind("entry type", 0) == 0 || error.rfind("record ", 0) == 0)
    return GAI_BAD_ARGUMENT;
  bool internal = error.rfind("internal error", 0) == 0 || error == "out of memory" ||
                  error.rfind("evaluation failed", 0) == 0;
  return internal ? GAI_INTERNAL : GAI_INPUT_ERROR;
}

}  // namespace

extern "C" {

gai_policy_store* gai_policy_store_new(const gai_policy* initial) {
  try {
    return new gai_policy_store(initial ? initial->policy : nullptr);
  } catch (...) {
    return nullptr;
  }
}

void gai_policy_store_free(gai_policy_store* store) { delete store; }

uint64_t gai_policy_store_replace(gai_policy_store* store, const gai_policy* next) {
  if (!store) return 0;
  return store->store.replace(next ? next->policy : nullptr);
}

uint64_t gai_policy_store_version(const gai_policy_store* store) { return store ? store->store.version() : 0; }

gai_policy* gai_policy_store_current(const gai_policy_store* store) {
  if (!store) return nullptr;
  try {
    std::shared_ptr<const gai::Policy> policy = store->store.current();
    if (!policy) return nullptr;
    return new gai_policy{std::move(policy)};
  } catch (...) {
    return nullptr;
  }
}

gai_store_session* gai_store_session_new(const gai_policy_store* store) {
  if (!store) return nullptr;
  try {
    return new gai_store_session(store->store);
  } catch (...) {
    return nullptr;
  }
}

void gai_store_session_free(gai_store_session* session) { delete session; }

int gai_store_session_evaluate_json(gai_store_session* session, const char* entry, const char* json,
                                    size_t json_len, const gai_eval_options* options, char** out) {
  if (out) *out = nullptr;
  if (!session || !entry || (!json && json_len > 0)) {
    give(out, "null session, entry or json");
    return GAI_BAD_ARGUMENT;
  }
  try {
    std::string result, error;
    if (session->session.evaluateJsonTo(entry, std::string_view(json ? json : "", json_len), toEvalOptions(options),
                                        result, error)) {
      give(out, result);
      return GAI_OK;
    }
    give(out, error);
    return errorCode(error);
  } catch (...) {
    give(out, "out of memory");
    return GAI_INTERNAL;
  }
}

uint64_t gai_store_session_version(const gai_store_session* session) {
  return session ? session->session.version() : 0;
}

}  // extern "C"
