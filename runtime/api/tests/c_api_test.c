/* The C ABI from plain C: compile, entry types, evaluate, errors, sessions, free.
 * Usage: gai_c_api_test SHOP_POLICY_DIR. Exits non-zero on the first failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gai/gai.h"

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static const char* kPolicy =
    "package mini\n"
    "record Event { user: string\n age: int\n}\n"
    "rule minor(e: Event) {\n"
    "  title en \"Minor\" zh \"未成年\"\n"
    "  severity high\n"
    "  when e.age < 18\n"
    "  then deny\n"
    "  message en \"{e.user} is {e.age}\"\n"
    "}\n";

static void testCompileErrors(const char* dir) {
  char* diagnostics = NULL;
  const char* missing[] = {"/nonexistent/gai"};
  CHECK(gai_compile(missing, 1, &diagnostics) == NULL);
  CHECK(diagnostics != NULL && strstr(diagnostics, "/nonexistent/gai") != NULL);
  gai_free(diagnostics);

  const char* names[] = {"bad.gai"};
  const char* texts[] = {"package bad\nrule r(e: Nope) {\n  when true\n  then deny\n}\n"};
  CHECK(gai_compile_sources(names, texts, 1, &diagnostics) == NULL);
  CHECK(diagnostics != NULL && strstr(diagnostics, "bad.gai:2:") != NULL);
  gai_free(diagnostics);

  const char* paths[] = {dir};
  gai_policy* jit = gai_compile_ex(paths, 1, GAI_ENGINE_JIT, 0, &diagnostics);
  CHECK(jit != NULL);
  gai_free(diagnostics);
  gai_policy_free(jit);
}

static void testEvaluate(void) {
  const char* names[] = {"mini.gai"};
  const char* texts[] = {kPolicy};
  char* diagnostics = NULL;
  gai_policy* policy = gai_compile_sources(names, texts, 1, &diagnostics);
  CHECK(policy != NULL);
  if (!policy) {
    fprintf(stderr, "%s", diagnostics ? diagnostics : "");
    gai_free(diagnostics);
    return;
  }
  /* Warnings only (the rule has no cites). */
  CHECK(diagnostics != NULL && strstr(diagnostics, "warning") != NULL && strstr(diagnostics, "error") == NULL);
  gai_free(diagnostics);
  CHECK(gai_entry_count(policy) == 1);
  CHECK(strcmp(gai_entry_name(policy, 0), "Event") == 0);
  CHECK(strcmp(gai_entry_qualified_name(policy, 0), "mini.Event") == 0);
  CHECK(gai_entry_name(policy, 1) == NULL);

  gai_eval_options options = gai_default_options();
  CHECK(gai_parse_timestamp("2024-01-01T08:00:00+08:00", &options.now_micros) == 0);
  CHECK(options.now_micros == 1704067200000000LL);
  CHECK(gai_parse_timestamp("yesterday", &options.now_micros) == -1);

  const char* minor = "{\"user\":\"u1\",\"age\":12}";
  char* out = NULL;
  CHECK(gai_evaluate_json(policy, "Event", minor, strlen(minor), &options, &out) == GAI_OK);
  CHECK(out != NULL && strcmp(out,
      "{\"effect\":\"deny\",\"findings\":[{\"rule\":\"mini.minor\",\"title\":\"Minor\",\"severity\":\"high\","
      "\"cites\":[],\"effects\":[\"deny\"],\"message\":\"u1 is 12\"}],\"excepted\":[],\"errors\":[]}") == 0);
  if (out) printf("%s\n", out);

  gai_session* session = gai_session_new(policy);
  char* again = NULL;
  CHECK(gai_session_evaluate_json(session, "mini.Event", minor, strlen(minor), &options, &again) == GAI_OK);
  CHECK(out && again && strcmp(out, again) == 0);
  gai_free(out);
  gai_free(again);

  options.lang = GAI_LANG_ZH;
  CHECK(gai_session_evaluate_json(session, "Event", minor, strlen(minor), &options, &out) == GAI_OK);
  CHECK(out && strstr(out, "\"title\":\"未成年\"") != NULL);
  gai_free(out);

  const char* adult = "{\"user\":\"u2\",\"age\":40}  trailing";
  CHECK(gai_session_evaluate_json(session, "Event", adult, (size_t)(strstr(adult, "  trailing") - adult), NULL, &out) == GAI_OK);
  CHECK(out && strcmp(out, "{\"effect\":\"allow\",\"findings\":[],\"excepted\":[],\"errors\":[]}") == 0);
  gai_free(out);

  const char* bad = "{\"user\":\"u3\",\"age\":\"old\"}";
  CHECK(gai_session_evaluate_json(session, "Event", bad, strlen(bad), NULL, &out) == GAI_INPUT_ERROR);
  CHECK(out && strcmp(out, "$.age: expected int, got string") == 0);
  gai_free(out);
  CHECK(gai_session_evaluate_json(session, "Event", "", 0, NULL, &out) == GAI_INPUT_ERROR);
  CHECK(out && strcmp(out, "blank line") == 0);
  gai_free(out);

  CHECK(gai_evaluate_json(policy, "Nope", minor, strlen(minor), NULL, &out) == GAI_BAD_ARGUMENT);
  CHECK(out && strstr(out, "no entry type 'Nope'") != NULL);
  gai_free(out);
  CHECK(gai_evaluate_json(NULL, "Event", minor, strlen(minor), NULL, &out) == GAI_BAD_ARGUMENT);
  gai_free(out);
  CHECK(gai_evaluate_json(policy, NULL, minor, strlen(minor), NULL, &out) == GAI_BAD_ARGUMENT);
  gai_free(out);

  /* The session keeps the policy alive after the policy handle is freed. */
  gai_policy_free(policy);
  CHECK(gai_session_evaluate_json(session, "Event", minor, strlen(minor), NULL, &out) == GAI_OK);
  gai_free(out);
  gai_session_free(session);
  gai_free(NULL);
}

/* The limits of gai_compile_options and gai_eval_options reach the compiler and the binder;
 * 0 keeps the default. */
static void testLimits(const char* dir) {
  char* diagnostics = NULL;
  gai_compile_options copts = gai_default_compile_options();
  CHECK(copts.max_source_bytes == 0 && copts.max_nesting == 0);
  copts.max_source_bytes = 10;
  CHECK(gai_compile_with(&dir, 1, &copts, &diagnostics) == NULL);
  CHECK(diagnostics != NULL && strstr(diagnostics, "E0902") != NULL);
  gai_free(diagnostics);
  copts.max_source_bytes = 0;
  gai_policy* defaults = gai_compile_with(&dir, 1, &copts, &diagnostics);
  CHECK(defaults != NULL);
  gai_free(diagnostics);
  gai_policy_free(defaults);

  const char* names[] = {"mini.gai"};
  const char* texts[] = {kPolicy};
  gai_policy* policy = gai_compile_sources(names, texts, 1, &diagnostics);
  CHECK(policy != NULL);
  gai_free(diagnostics);
  gai_eval_options options = gai_default_options();
  CHECK(options.max_input_bytes == 0 && options.max_string_bytes == 0);
  const char* event = "{\"user\":\"abcdef\",\"age\":30}";
  char* out = NULL;
  CHECK(gai_evaluate_json(policy, "Event", event, strlen(event), &options, &out) == GAI_OK);
  gai_free(out);
  options.max_string_bytes = 3;
  CHECK(gai_evaluate_json(policy, "Event", event, strlen(event), &options, &out) == GAI_INPUT_ERROR);
  CHECK(out && strstr(out, "$.user") != NULL && strstr(out, "longer than 3 bytes") != NULL);
  gai_free(out);
  options.max_string_bytes = 0;
  options.max_input_bytes = 8;
  CHECK(gai_evaluate_json(policy, "Event", event, strlen(event), &options, &out) == GAI_INPUT_ERROR);
  gai_free(out);
  gai_policy_free(policy);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: gai_c_api_test POLICY_DIR\n");
    return 2;
  }
  testCompileErrors(argv[1]);
  testEvaluate();
  testLimits(argv[1]);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  return failures ? 1 : 0;
}
