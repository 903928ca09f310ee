// The C ABI (gai.h) over the C++ API. No exception crosses into C.
#include "gai/gai.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api/c_types.h"
#include "gai/gai.hpp"
#include "api/policy_impl.h"
#include "api/session_impl.h"

struct gai_session {
  gai::Session session;
  explicit gai_session(std::shared_ptr<const gai::Policy> policy) : session(std::move(policy)) {}
};

using gai::capi::toEvalOptions;

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

// The status of a JSON line that got no decision or verdict: the input's fault unless the
// error says the library failed.
int jsonErrorStatus(const std::string& error) {
  bool internal = error.rfind("internal error", 0) == 0 || error == "out of memory" ||
                  error.rfind("evaluation failed", 0) == 0;
  return internal ? GAI_INTERNAL : GAI_INPUT_ERROR;
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
  if (session.evaluateJsonTo(*type, std::string_view(json ? json : "", len),
                             toEvalOptions(options), decision, error)) {
    give(out, decision);
    return GAI_OK;
  }
  give(out, error);
  return jsonErrorStatus(error);
}

std::vector<std::string> toStrings(const char* const* items, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) out.emplace_back(items && items[i] ? items[i] : "");
  return out;
}

// The entry type named `entry` of the session's policy; when there is none, why in `*error`.
std::optional<gai::EntryType> sessionEntry(const gai_session& session, const char* entry, char** error) {
  std::string why;
  std::optional<gai::EntryType> type = session.session.policy()->entry(entry, &why);
  if (!type) give(error, why);
  return type;
}

// sessionEntry() after checking the arguments (`argsOk`: the JSON arguments are usable).
std::optional<gai::EntryType> jsonEntry(const gai_session* session, const char* entry, bool argsOk, char** error) {
  if (!session || !session->session.policy() || !entry || !argsOk) {
    give(error, "null session, entry or json");
    return std::nullopt;
  }
  return sessionEntry(*session, entry, error);
}

}  // namespace

extern "C" {

gai_eval_options gai_default_options(void) {
  gai_eval_options options{};
  options.now_micros = gai::EvalOptions::currentTimeMicros();
  options.lang = GAI_LANG_EN;
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
  gai_compile_options options{};
  options.engine = gai::defaultEngine() == gai::Engine::Interp ? GAI_ENGINE_INTERP : GAI_ENGINE_JIT;
  return options;
}

gai_policy* gai_compile_with(const char* const* paths, size_t path_count, const gai_compile_options* options,
                             char** diagnostics) {
  try {
    gai::CompileOptions out = gai::capi::toCompileOptions(options);
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

int gai_policy_wait_optimized(const gai_policy* policy) { return policy && policy->policy->waitOptimized() ? 1 : 0; }

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

// ---- Bind once, decide many times.

struct gai_bound {
  gai::BoundInput input;
};

struct gai_bound_batch {
  gai::BoundBatch batch;
};

namespace {

static_assert(GAI_VERDICT_MAX_FIRED >= 64, "a valid FiredSet holds up to 64 rules");

// From Verdict::firedSet when valid (C verdicts are decided with firedList false), else
// from Verdict::fired.
void toCVerdict(const gai::Verdict& in, gai_verdict* out) {
  out->effect = in.effect == gai::Effect::Deny ? GAI_DENY : GAI_ALLOW;
  out->excepted = in.excepted;
  out->errors = in.errors;
  uint32_t n = 0;
  if (in.firedSet.valid()) {
    for (uint32_t rule : in.firedSet) out->fired[n++] = rule;  // at most 64 = GAI_VERDICT_MAX_FIRED
    out->fired_count = n;
    return;
  }
  out->fired_count = static_cast<uint32_t>(in.fired.size());
  for (size_t i = 0; i < in.fired.size() && i < GAI_VERDICT_MAX_FIRED; ++i) out->fired[i] = in.fired[i];
}

gai::EvalOptions verdictOptions(const gai_eval_options* options) {
  gai::EvalOptions o = toEvalOptions(options);
  o.firedList = false;
  return o;
}

void noVerdict(gai_verdict* out) {
  out->effect = GAI_NO_VERDICT;
  out->excepted = out->errors = out->fired_count = 0;
}

int verdictOf(gai_session* session, const gai_bound* input, const gai_eval_options* options, gai_verdict* out) {
  if (!out) return GAI_BAD_ARGUMENT;
  if (!session || !session->session.policy() || !input) {
    noVerdict(out);
    return GAI_BAD_ARGUMENT;
  }
  try {
    thread_local gai::Verdict verdict; // reused: no allocation once grown
    if (!session->session.verdict(input->input, verdictOptions(options), verdict)) {
      noVerdict(out);
      return verdict.error == "out of memory" || verdict.error.rfind("internal error", 0) == 0 ? GAI_INTERNAL
                                                                                              : GAI_BAD_ARGUMENT;
    }
    toCVerdict(verdict, out);
    return GAI_OK;
  } catch (...) {
    noVerdict(out);
    return GAI_INTERNAL;
  }
}

}  // namespace

extern "C" {

size_t gai_rule_count(const gai_policy* policy) {
  return policy && policy->policy ? policy->policy->impl().module->table.rules.size() : 0;
}

const char* gai_rule_name(const gai_policy* policy, size_t index) {
  if (index >= gai_rule_count(policy)) return nullptr;
  return policy->policy->impl().module->table.rules[index].name.c_str();
}

int gai_session_bind_json(gai_session* session, const char* entry, const char* json, size_t json_len,
                          int strict_input, gai_bound** out, char** error) {
  if (error) *error = nullptr;
  if (!out) return GAI_BAD_ARGUMENT;
  *out = nullptr;
  try {
    std::optional<gai::EntryType> type = jsonEntry(session, entry, json || json_len == 0, error);
    if (!type) return GAI_BAD_ARGUMENT;
    auto bound = std::make_unique<gai_bound>();
    bound->input = session->session.bind(*type, std::string_view(json ? json : "", json_len), strict_input != 0);
    if (!bound->input.ok()) {
      give(error, bound->input.error());
      return bound->input.error() == "out of memory" ? GAI_INTERNAL : GAI_INPUT_ERROR;
    }
    *out = bound.release();
    return GAI_OK;
  } catch (...) {
    give(error, "out of memory");
    return GAI_INTERNAL;
  }
}

void gai_bound_free(gai_bound* input) { delete input; }

int gai_session_verdict(gai_session* session, const gai_bound* input, const gai_eval_options* options,
                        gai_verdict* out) {
  return verdictOf(session, input, options, out);
}

size_t gai_session_verdicts(gai_session* session, const gai_bound* const* inputs, size_t count,
                            const gai_eval_options* options, gai_verdict* out) {
  if (!inputs || !out) return 0;
  size_t ok = 0;
  for (size_t i = 0; i < count; ++i) ok += verdictOf(session, inputs[i], options, &out[i]) == GAI_OK;
  return ok;
}

int gai_session_verdict_json(gai_session* session, const char* entry, const char* json, size_t json_len,
                             size_t capacity, const gai_eval_options* options, gai_verdict* out, char** error) {
  if (error) *error = nullptr;
  if (!out) return GAI_BAD_ARGUMENT;
  noVerdict(out);
  try {
    std::optional<gai::EntryType> type = jsonEntry(session, entry, json || json_len == 0, error);
    if (!type) return GAI_BAD_ARGUMENT;
    thread_local gai::Verdict verdict;  // reused: no allocation once grown
    gai::PaddedJson padded{std::string_view(json ? json : "", json_len), json ? std::max(capacity, json_len) : 0};
    if (!session->session.verdictJson(*type, padded, verdictOptions(options), verdict)) {
      give(error, verdict.error);
      return jsonErrorStatus(verdict.error);
    }
    toCVerdict(verdict, out);
    return GAI_OK;
  } catch (...) {
    noVerdict(out);
    give(error, "out of memory");
    return GAI_INTERNAL;
  }
}

int gai_session_evaluate_bound(gai_session* session, const gai_bound* input, const gai_eval_options* options,
                               char** out) {
  if (out) *out = nullptr;
  if (!session || !session->session.policy() || !input) {
    give(out, "null session or input");
    return GAI_BAD_ARGUMENT;
  }
  try {
    std::string decision, error;
    if (session->session.evaluateTo(input->input, toEvalOptions(options), decision, error)) {
      give(out, decision);
      return GAI_OK;
    }
    give(out, error);
    return error == "out of memory" || error.rfind("internal error", 0) == 0 ? GAI_INTERNAL : GAI_BAD_ARGUMENT;
  } catch (...) {
    give(out, "out of memory");
    return GAI_INTERNAL;
  }
}

int gai_session_bind_batch(gai_session* session, const char* entry, const char* const* json, const size_t* json_len,
                           size_t count, int strict_input, gai_bound_batch** out, char** error) {
  if (error) *error = nullptr;
  if (!out) return GAI_BAD_ARGUMENT;
  *out = nullptr;
  try {
    std::optional<gai::EntryType> type = jsonEntry(session, entry, !count || (json && json_len), error);
    if (!type) return GAI_BAD_ARGUMENT;
    std::vector<std::string_view> views(count);
    for (size_t i = 0; i < count; ++i) views[i] = std::string_view(json[i] ? json[i] : "", json[i] ? json_len[i] : 0);
    auto batch = std::make_unique<gai_bound_batch>();
    batch->batch = session->session.bindBatch(*type, views.data(), count, strict_input != 0);
    const gai::BoundBatch::Impl* impl = batch->batch.impl();
    if (!impl || !impl->policy) {  // the whole batch failed: out of memory, too large
      give(error, impl ? impl->error : std::string("out of memory"));
      return GAI_INTERNAL;
    }
    *out = batch.release();
    return GAI_OK;
  } catch (...) {
    give(error, "out of memory");
    return GAI_INTERNAL;
  }
}

void gai_bound_batch_free(gai_bound_batch* batch) { delete batch; }

size_t gai_bound_batch_size(const gai_bound_batch* batch) { return batch ? batch->batch.size() : 0; }

const char* gai_bound_batch_error(const gai_bound_batch* batch, size_t index) {
  if (!batch) return "null batch";
  if (batch->batch.ok(index)) return nullptr;
  return batch->batch.error(index).c_str();
}

size_t gai_session_verdicts_batch(gai_session* session, const gai_bound_batch* batch, size_t first, size_t count,
                                  const gai_eval_options* options, gai_verdict* out) {
  if (!out) return 0;
  if (!session || !batch) {
    for (size_t i = 0; i < count; ++i) noVerdict(&out[i]);
    return 0;
  }
  size_t ok = 0, done = 0;
  gai::EvalOptions evalOptions = verdictOptions(options);
  try {
    thread_local std::vector<gai::Verdict> verdicts(256);  // reused: no allocation once grown
    for (; done < count; done += verdicts.size()) {
      size_t n = std::min(verdicts.size(), count - done);
      if (first + done < first) break;  // past SIZE_MAX: out of range
      session->session.verdicts(batch->batch, first + done, n, evalOptions, verdicts.data());
      for (size_t i = 0; i < n; ++i) {
        if (verdicts[i].ok()) toCVerdict(verdicts[i], &out[done + i]);
        else noVerdict(&out[done + i]);
        ok += verdicts[i].ok();
      }
    }
  } catch (...) {
  }
  for (size_t i = done; i < count; ++i) noVerdict(&out[i]);
  return ok;
}

}  // extern "C"
