/* gai: the C ABI. Compile a bundle of .gai files into a policy, list its entry types, and
 * evaluate JSON input into decision JSON (LANGUAGE.md §5). Usable from C and any FFI.
 *
 *   char* diagnostics = NULL;
 *   const char* paths[] = {"policies/"};
 *   gai_policy* policy = gai_compile(paths, 1, &diagnostics);
 *   if (!policy) { fputs(diagnostics, stderr); gai_free(diagnostics); return 1; }
 *   gai_free(diagnostics);
 *   gai_eval_options options = gai_default_options();   // now = current time
 *   char* out = NULL;
 *   int rc = gai_evaluate_json(policy, "GenerationEvent", line, strlen(line), &options, &out);
 *   if (rc == GAI_OK) puts(out);                         // {"effect":"deny",...}
 *   else if (rc == GAI_INPUT_ERROR) printf("input error: %s\n", out);
 *   gai_free(out);
 *   gai_policy_free(policy);
 *
 * Every string returned through a `char**` is malloc'd, NUL-terminated and freed with
 * gai_free(). No function aborts or lets a C++ exception cross into the caller. A policy is
 * immutable: any number of threads may evaluate with it at once. A gai_session (optional,
 * for speed: it reuses its memory) belongs to one thread at a time. */
#ifndef GAI_GAI_H
#define GAI_GAI_H

#include <stddef.h>
#include <stdint.h>

#include "gai/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gai_policy gai_policy;
typedef struct gai_session gai_session;

/* Result codes of gai_evaluate_json / gai_session_evaluate_json. */
enum {
  GAI_OK = 0,           /* *out: the decision JSON */
  GAI_INPUT_ERROR = 1,  /* *out: the input error, "$.path: what" (no decision) */
  GAI_BAD_ARGUMENT = 2, /* *out: why (null pointer, unknown entry type, ...) */
  GAI_INTERNAL = 3      /* *out: why (out of memory, engine failure) */
};

enum { GAI_LANG_EN = 0, GAI_LANG_ZH = 1 };
/* GAI_ENGINE_JIT: LLVM native code (the default); GAI_ENGINE_INTERP: the reference
 * interpreter. Identical decisions; a host where the JIT cannot be set up gets a compile
 * error (never a silent switch). */
enum { GAI_ENGINE_INTERP = 0, GAI_ENGINE_JIT = 1 };

typedef struct gai_eval_options {
  int64_t now_micros; /* the instant of evaluation, microseconds since the Unix epoch (UTC) */
  int lang;           /* GAI_LANG_EN or GAI_LANG_ZH */
  int fail_open;      /* 0: fail closed (an errored rule with deny denies), 1: fail open */
  int strict_input;   /* 1: unknown input fields are errors */
  /* Limits on one JSON document (gai::EvalOptions; docs/reliability.md); exceeding one is an
   * input error naming the JSON path. 0: the default (16 MiB, depth 128, 1 MiB, 1 Mi). */
  uint64_t max_input_bytes;
  uint32_t max_json_depth;
  uint64_t max_string_bytes;
  uint64_t max_array_elements;
} gai_eval_options;

/* now_micros = gai_now_micros(), English, fail closed, lenient input, default limits. */
GAI_API gai_eval_options gai_default_options(void);
GAI_API int64_t gai_now_micros(void);
/* RFC 3339 ("2025-10-01T12:00:00+08:00") to microseconds; 0 on success, -1 if malformed. */
GAI_API int gai_parse_timestamp(const char* text, int64_t* micros);

/* Compiles every .gai file under the paths (directories recursively) as one program.
 * Returns the policy, or NULL on errors. If `diagnostics` is not NULL it receives the
 * rendered diagnostics (also warnings on success; an empty string when there are none). */
GAI_API gai_policy* gai_compile(const char* const* paths, size_t path_count, char** diagnostics);
/* The same with an engine choice (GAI_ENGINE_*) and strict checking (0/1). */
GAI_API gai_policy* gai_compile_ex(const char* const* paths, size_t path_count, int engine, int strict,
                                   char** diagnostics);

typedef struct gai_compile_options {
  int engine;            /* GAI_ENGINE_JIT (default) or GAI_ENGINE_INTERP */
  int strict;            /* 0/1, as `gaic check --strict` */
  /* The JIT's object cache directory (gai::CompileOptions::cacheDir). NULL: the default
   * ($GAI_CACHE_DIR, else $XDG_CACHE_HOME/gai, else $HOME/.cache/gai); "": no cache. */
  const char* cache_dir;
  /* Limits on the source (gai::CompileOptions); exceeding one is a compile error at the file
   * that crossed it. 0: the default (64 MiB a file, 256 MiB in all, nesting 256, 100,000
   * declarations a file). */
  uint64_t max_source_bytes;
  uint64_t max_bundle_bytes;
  uint32_t max_nesting;
  uint32_t max_declarations;
} gai_compile_options;

/* engine: $GAI_ENGINE when "interp" or "jit", else JIT; not strict; cache_dir NULL; default
 * limits. */
GAI_API gai_compile_options gai_default_compile_options(void);
/* gai_compile with options (NULL: the defaults). */
GAI_API gai_policy* gai_compile_with(const char* const* paths, size_t path_count,
                                     const gai_compile_options* options, char** diagnostics);
/* Compiles in-memory sources: `names[i]` is the path shown in diagnostics of `texts[i]`.
 * `lines()` is a compile error (no root directory). */
GAI_API gai_policy* gai_compile_sources(const char* const* names, const char* const* texts, size_t count,
                                        char** diagnostics);
GAI_API void gai_policy_free(gai_policy* policy);
/* Blocks until the JIT's background compile of optimised code for `policy` has ended (see
 * gai::Policy::waitOptimized); 1 when optimised code is live (always for the interpreter
 * and for a policy found in the object cache), else 0. */
GAI_API int gai_policy_wait_optimized(const gai_policy* policy);

/* Entry types (records some rule takes), in order of first use. The names are owned by
 * the policy. gai_entry_name returns NULL past the end. */
GAI_API size_t gai_entry_count(const gai_policy* policy);
GAI_API const char* gai_entry_name(const gai_policy* policy, size_t index);           /* GenerationEvent */
GAI_API const char* gai_entry_qualified_name(const gai_policy* policy, size_t index); /* pkg.GenerationEvent */

/* Evaluates one JSON document (`json_len` bytes, need not be NUL-terminated) of the entry
 * type named `entry` (record name, package-qualified when ambiguous). `options` may be NULL
 * (defaults). Returns a GAI_* code; `*out` receives the decision JSON or the error text. */
GAI_API int gai_evaluate_json(const gai_policy* policy, const char* entry, const char* json, size_t json_len,
                              const gai_eval_options* options, char** out);

/* A reusable evaluation context for one thread; keeps its policy alive. */
GAI_API gai_session* gai_session_new(const gai_policy* policy);
GAI_API void gai_session_free(gai_session* session);
GAI_API int gai_session_evaluate_json(gai_session* session, const char* entry, const char* json,
                                      size_t json_len, const gai_eval_options* options, char** out);

/* Hot replacement (gai::PolicyStore / gai::StoreSession in gai.hpp). A store holds the
 * current policy and its version (1, 2, ...; 0 while empty); replacing it while other
 * threads evaluate is safe: each evaluation runs wholly on one version, and a policy lives
 * until the store and every session using it let go (the caller may free its own handle
 * right after gai_policy_store_replace). A gai_store_session belongs to one thread at a
 * time and moves to the newest version at the start of each evaluation; its store must
 * outlive it. */
typedef struct gai_policy_store gai_policy_store;
typedef struct gai_store_session gai_store_session;

GAI_API gai_policy_store* gai_policy_store_new(const gai_policy* initial /* may be NULL */);
GAI_API void gai_policy_store_free(gai_policy_store* store);
/* Publishes `next` (NULL empties the store); returns the new version, 0 on failure. */
GAI_API uint64_t gai_policy_store_replace(gai_policy_store* store, const gai_policy* next);
GAI_API uint64_t gai_policy_store_version(const gai_policy_store* store);
/* A new handle on the current policy (free it with gai_policy_free); NULL when empty. */
GAI_API gai_policy* gai_policy_store_current(const gai_policy_store* store);

GAI_API gai_store_session* gai_store_session_new(const gai_policy_store* store);
GAI_API void gai_store_session_free(gai_store_session* session);
/* As gai_session_evaluate_json, on the store's newest version. */
GAI_API int gai_store_session_evaluate_json(gai_store_session* session, const char* entry, const char* json,
                                            size_t json_len, const gai_eval_options* options, char** out);
/* The version the session's last evaluation used (0: none). */
GAI_API uint64_t gai_store_session_version(const gai_store_session* session);

/* ---- Bind once, decide many times (gai::BoundInput / gai::Verdict in gai.hpp).
 * A gai_bound is one entry value bound from JSON that owns its memory: decide it any
 * number of times, with any session of the same policy, from any thread (immutable). A
 * verdict is the effect and the fired rules without messages or JSON: no allocation. */
typedef struct gai_bound gai_bound;

enum { GAI_NO_VERDICT = -1, GAI_ALLOW = 0, GAI_DENY = 1 };
#define GAI_VERDICT_MAX_FIRED 64

typedef struct gai_verdict {
  int effect;           /* GAI_ALLOW, GAI_DENY, or GAI_NO_VERDICT (this input had an error) */
  uint32_t excepted;    /* rules whose `when` held but an exception in force defeated */
  uint32_t errors;      /* rules and exceptions whose `when` had a runtime error */
  uint32_t fired_count; /* fired rules (all, even beyond GAI_VERDICT_MAX_FIRED) */
  uint32_t fired[GAI_VERDICT_MAX_FIRED]; /* the first fired rules (gai_rule_name), ascending */
} gai_verdict;

/* Rules in declaration order (the indices of gai_verdict.fired); names owned by the policy. */
GAI_API size_t gai_rule_count(const gai_policy* policy);
GAI_API const char* gai_rule_name(const gai_policy* policy, size_t index);

/* Binds `json` as a value of `entry`: GAI_OK with *out a new gai_bound (gai_bound_free), or
 * GAI_INPUT_ERROR / GAI_BAD_ARGUMENT / GAI_INTERNAL with *out NULL and, when `error` is not
 * NULL, *error the message (gai_free). */
GAI_API int gai_session_bind_json(gai_session* session, const char* entry, const char* json, size_t json_len,
                                  int strict_input, gai_bound** out, char** error);
GAI_API void gai_bound_free(gai_bound* input);
/* The verdict of one bound input: GAI_OK, or GAI_BAD_ARGUMENT / GAI_INTERNAL with
 * out->effect GAI_NO_VERDICT. `options` may be NULL (defaults). */
GAI_API int gai_session_verdict(gai_session* session, const gai_bound* input, const gai_eval_options* options,
                                gai_verdict* out);
/* A batch: out[i] for inputs[i]; returns how many verdicts are ok. */
GAI_API size_t gai_session_verdicts(gai_session* session, const gai_bound* const* inputs, size_t count,
                                    const gai_eval_options* options, gai_verdict* out);
/* Bytes readable after a JSON document for it to be read in place (gai::kJsonPadding). */
#define GAI_JSON_PADDING 64
/* Binds and decides one JSON document of `entry` in one call, without a gai_bound
 * (gai::Session::verdictJson): GAI_OK with *out the verdict, or GAI_INPUT_ERROR /
 * GAI_BAD_ARGUMENT / GAI_INTERNAL with out->effect GAI_NO_VERDICT and, when `error` is not
 * NULL, *error the message (gai_free). `capacity`: bytes readable from `json` (a value
 * below json_len counts as json_len); with json_len + GAI_JSON_PADDING or more, the
 * document is read where it is instead of copied. `options` may be NULL (defaults). */
GAI_API int gai_session_verdict_json(gai_session* session, const char* entry, const char* json, size_t json_len,
                                     size_t capacity, const gai_eval_options* options, gai_verdict* out,
                                     char** error);
/* The full decision JSON of a bound input, as gai_session_evaluate_json. */
GAI_API int gai_session_evaluate_bound(gai_session* session, const gai_bound* input,
                                       const gai_eval_options* options, char** out);

/* ---- Bound batches (gai::BoundBatch): many values of one entry type bound side by side
 * in one allocation, decided in one loop. An input error marks only its record. */
typedef struct gai_bound_batch gai_bound_batch;

/* Binds json[i] (json_len[i] bytes) for i < count: GAI_OK with *out a new batch
 * (gai_bound_batch_free) even when some records have input errors (gai_bound_batch_error),
 * or GAI_BAD_ARGUMENT / GAI_INTERNAL with *out NULL and, when `error` is not NULL, *error
 * the message (gai_free). */
GAI_API int gai_session_bind_batch(gai_session* session, const char* entry, const char* const* json,
                                   const size_t* json_len, size_t count, int strict_input, gai_bound_batch** out,
                                   char** error);
GAI_API void gai_bound_batch_free(gai_bound_batch* batch);
GAI_API size_t gai_bound_batch_size(const gai_bound_batch* batch);
/* NULL when record `index` is bound, else its input error (owned by the batch). */
GAI_API const char* gai_bound_batch_error(const gai_bound_batch* batch, size_t index);
/* out[i] is the verdict of record first + i, for i < count (GAI_NO_VERDICT for a record
 * with an input error or out of range); returns how many verdicts are ok. */
GAI_API size_t gai_session_verdicts_batch(gai_session* session, const gai_bound_batch* batch, size_t first,
                                          size_t count, const gai_eval_options* options, gai_verdict* out);

/* Frees any string returned by this API. NULL is fine. */
GAI_API void gai_free(void* text);

#ifdef __cplusplus
}
#endif

#endif /* GAI_GAI_H */
