// The C ABI (gai.h) over the C++ API. No exception crosses into C.
#include "gai/gai.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api/c_types.h"
#include "gai/gai.hpp"

struct gai_session {
  gai::Session session;
  explicit gai_session(std::shared_ptr<const gai::Policy> policy) : session(std::move(policy)) {}
};

namespace {

char* dupString(const std::string& text) {
  char* p = static_cast<char*>(std::malloc(text.size() + 1));
  if (!p) return nullptr;
  std::memcpy(p, text.data(), text.size());
  p[text.size()] = '\0';
  return p;
}

void give(char** out, const std::string& text) {
  if (out) *out = dupString(text);
}

gai_policy* finishCompile(gai::CompileResult result, char** diagnostics) {
  give(diagnostics, result.diagnosticsText);
  if (!result.ok()) return nullptr;
  return new (std::nothrow) gai_policy{std::move(result.policy)};
}

gai::EvalOptions toOptions(const gai_eval_options* options) {
  gai::EvalOptions out;
  if (!options) return out;
  out.nowMicros = options->now_micros;
  out.lang = options->lang == GAI_LANG_ZH ? gai::Lang::Zh : gai::Lang::En;
  out.failOpen = options->fail_open != 0;
  out.strictInput = options->strict_input != 0;
  return out;
}

int evaluate(gai::Session& session, const char* entry, const char* json, size_t len,
             const gai_eval_options* options, char** out) {
  if (!entry || (!json && len > 0)) {
    give(out, "null entry or json");
    return GAI_BAD_ARGUMENT;
  }
  std::string error;
  std::optional<gai::EntryType> type = session.policy()->entry(entry, &error);
  if (!type) {
    give(out, error);
    return GAI_BAD_ARGUMENT;
  }
  std::string decision;
  if (session.evaluateJsonTo(*type, std::string_view(json ? json : "", len), toOptions(options), decision, error)) {
    give(out, decision);
    return GAI_OK;
  }
  give(out, error);
  bool internal = error.rfind("internal error", 0) == 0 || error == "out of memory" ||
                  error.rfind("evaluation failed", 0) == 0;
  return internal ? GAI_INTERNAL : GAI_INPUT_ERROR;
}

std::vector<std::string> toStrings(const char* const* items, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.emplace_back(items && items[i] ? items[i] : "");
  return out;
}

}  // namespace

extern "C" {

gai_eval_options gai_default_options(void) {
  gai_eval_options options;
  options.now_micros = gai::EvalOptions::currentTimeMicros();
  options.lang = GAI_LANG_EN;
  options.fail_open = 0;
  options.strict_input = 0;
  return options;
}

int64_t gai_now_micros(void) { return gai::EvalOptions::currentTimeMicros(); }

int gai_parse_timestamp(const char* text, int64_t* micros) {
  if (!text || !micros) return -1;
  std::optional<int64_t> parsed = gai::parseTimestamp(text);
  if (!parsed) return -1;
  *micros = *parsed;
  return 0;
}

gai_compile_options gai_default_compile_options(void) {
  gai_compile_options options;
  options.engine = GAI_ENGINE_JIT;
  options.strict = 0;
  options.cache_dir = nullptr;
  return options;
}

gai_policy* gai_compile_with(const char* const* paths, size_t path_count, const gai_compile_options* options,
                             char** diagnostics) {
  try {
    gai::CompileOptions out;
    if (options) {
      out.engine = options->engine == GAI_ENGINE_INTERP ? gai::Engine::Interp : gai::Engine::Jit;
      out.strict = options->strict != 0;
      if (options->cache_dir) out.cacheDir = options->cache_dir;
    }
    return finishCompile(gai::compile(toStrings(paths, path_count), out), diagnostics);
  } catch (...) {
    give(diagnostics, "error: out of memory\n");
    return nullptr;
  }
}

gai_policy* gai_compile_ex(const char* const* paths, size_t path_count, int engine, int strict,
                           char** diagnostics) {
  gai_compile_options options = gai_default_compile_options();
  options.engine = engine == GAI_ENGINE_JIT ? GAI_ENGINE_JIT : GAI_ENGINE_INTERP;
  options.strict = strict;
  return gai_compile_with(paths, path_count, &options, diagnostics);
}

gai_policy* gai_compile(const char* const* paths, size_t path_count, char** diagnostics) {
  return gai_compile_with(paths, path_count, nullptr, diagnostics);
}

gai_policy* gai_compile_sources(const char* const* names, const char* const* texts, size_t count,
                                char** diagnostics) {
  try {
    std::vector<gai::Source> sources;
    for (size_t i = 0; i < count; ++i)
      sources.push_back(gai::Source{names && names[i] ? names[i] : "", texts && texts[i] ? texts[i] : ""});
    return finishCompile(gai::compileSources(sources), diagnostics);
  } catch (...) {
    give(diagnostics, "error: out of memory\n");
    return nullptr;
  }
}

void gai_policy_free(gai_policy* policy) { delete policy; }

size_t gai_entry_count(const gai_policy* policy) {
  return policy ? policy->policy->entryTypes().size() : 0;
}

const char* gai_entry_name(const gai_policy* policy, size_t index) {
  if (!policy || index >= policy->policy->entryTypes().size()) return nullptr;
  return policy->policy->entryTypes()[index].name().c_str();
}

const char* gai_entry_qualified_name(const gai_policy* policy, size_t index) {
  if (!policy || index >= policy->policy->entryTypes().size()) return nullptr;
  return policy->policy->entryTypes()[index].qualifiedName().c_str();
}

int gai_evaluate_json(const gai_policy* policy, const char* entry, const char* json, size_t json_len,
                      const gai_eval_options* options, char** out) {
  if (out) *out = nullptr;
  if (!policy) {
    give(out, "null policy");
    return GAI_BAD_ARGUMENT;
  }
  try {
    gai::Session session(policy->policy);
    return evaluate(session, entry, json, json_len, options, out);
  } catch (...) {
    give(out, "out of memory");
    return GAI_INTERNAL;
  }
}

gai_session* gai_session_new(const gai_policy* policy) {
  if (!policy) return nullptr;
  try {
    return new gai_session(policy->policy);
  } catch (...) {
    return nullptr;
  }
}

void gai_session_free(gai_session* session) { delete session; }

int gai_session_evaluate_json(gai_session* session, const char* entry, const char* json, size_t json_len,
                              const gai_eval_options* options, char** out) {
  if (out) *out = nullptr;
  if (!session || !session->session.policy()) {
    give(out, "null session");
    return GAI_BAD_ARGUMENT;
  }
  try {
    return evaluate(session->session, entry, json, json_len, options, out);
  } catch (...) {
    give(out, "out of memory");
    return GAI_INTERNAL;
  }
}

void gai_free(void* text) { std::free(text); }

}  // extern "C"
