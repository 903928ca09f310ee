/* The C ABI of bound inputs, verdicts and batches, from plain C, on both engines.
 * Usage: gai_c_api_verdict_test BENCH_POLICY.gai. Exits non-zero on the first failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gai/gai.h"

static int failures = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                                \
    }                                                                            \
  } while (0)

/* R1 (in scope), R2 (image without explicit label), R6 (not filed), R10 (long prompt). */
static const char* kDeny =
    "{\"service\":{\"public_facing\":true,\"region\":\"CN\",\"filed\":false},"
    "\"content\":{\"kind\":\"image\",\"explicit_label\":false,\"implicit_label\":true,\"risk_tags\":[]},"
    "\"user\":{\"age\":30,\"is_minor_mode\":false},\"request\":{\"prompt_length\":15000}}";
static const char* kDenyJsonStart = "{\"effect\":\"deny\",\"findings\":[{\"rule\":\"bench.r1\",";
/* Out of scope: nothing fires. */
static const char* kAllow =
    "{\"service\":{\"public_facing\":false,\"region\":\"CN\",\"filed\":false},"
    "\"content\":{\"kind\":\"image\",\"explicit_label\":false,\"implicit_label\":true,\"risk_tags\":[\"porn\"]},"
    "\"user\":{\"age\":12,\"is_minor_mode\":false},\"request\":{\"prompt_length\":15000}}";

static int ruleIndex(const gai_policy* policy, const char* name) {
  size_t i;
  for (i = 0; i < gai_rule_count(policy); ++i)
    if (strcmp(gai_rule_name(policy, i), name) == 0) return (int)i;
  return -1;
}

/* A bound batch: the deny record, an input error, the allow record. `deny` is its verdict. */
static void testBatch(gai_session* session, const gai_eval_options* options, const gai_verdict* deny) {
  const char* json[3];
  size_t len[3];
  gai_bound_batch* batch = NULL;
  gai_verdict out[4];
  char* error = NULL;
  json[0] = kDeny;
  json[1] = "{\"service\":1}";
  json[2] = kAllow;
  len[0] = strlen(kDeny);
  len[1] = strlen(json[1]);
  len[2] = strlen(kAllow);
  CHECK(gai_session_bind_batch(session, "Event", json, len, 3, 0, &batch, &error) == GAI_OK);
  CHECK(error == NULL && batch != NULL);
  if (!batch) return;
  CHECK(gai_bound_batch_size(batch) == 3);
  CHECK(gai_bound_batch_error(batch, 0) == NULL && gai_bound_batch_error(batch, 2) == NULL);
  CHECK(gai_bound_batch_error(batch, 1) != NULL && strstr(gai_bound_batch_error(batch, 1), "$.service") != NULL);
  CHECK(gai_bound_batch_error(batch, 3) != NULL);
  CHECK(gai_session_verdicts_batch(session, batch, 0, 4, options, out) == 2);
  CHECK(out[0].effect == GAI_DENY && out[0].fired_count == deny->fired_count);
  CHECK(memcmp(out[0].fired, deny->fired, deny->fired_count * sizeof(uint32_t)) == 0);
  CHECK(out[1].effect == GAI_NO_VERDICT);
  CHECK(out[2].effect == GAI_ALLOW && out[2].fired_count == 0);
  CHECK(out[3].effect == GAI_NO_VERDICT); /* out of range */
  CHECK(gai_session_verdicts_batch(session, batch, 2, 1, options, out) == 1);
  CHECK(out[0].effect == GAI_ALLOW);
  gai_bound_batch_free(batch);
  CHECK(gai_session_bind_batch(session, "Nope", json, len, 3, 0, &batch, &error) == GAI_BAD_ARGUMENT);
  CHECK(batch == NULL && error != NULL);
  gai_free(error);
  CHECK(gai_session_bind_batch(session, "Event", NULL, len, 3, 0, &batch, NULL) == GAI_BAD_ARGUMENT);
  CHECK(batch == NULL);
  gai_bound_batch_free(NULL);
}

static void testEngine(const char* path, int engine) {
  char* diagnostics = NULL;
  const char* paths[1];
  gai_policy* policy;
  gai_session* session;
  gai_bound* inputs[3] = {NULL, NULL, NULL};
  gai_verdict verdicts[3];
  gai_verdict one;
  gai_eval_options options = gai_default_options();
  char* error = NULL;
  char* json = NULL;
  int want[4];
  paths[0] = path;
  policy = gai_compile_ex(paths, 1, engine, 0, &diagnostics);
  gai_free(diagnostics);
  CHECK(policy != NULL);
  if (!policy) return;
  CHECK(gai_rule_count(policy) == 10);
  CHECK(gai_rule_name(policy, 10) == NULL);
  CHECK(gai_parse_timestamp("2025-10-01T12:00:00+08:00", &options.now_micros) == 0);
  want[0] = ruleIndex(policy, "bench.r1");
  want[1] = ruleIndex(policy, "bench.r2");
  want[2] = ruleIndex(policy, "bench.r6");
  want[3] = ruleIndex(policy, "bench.r10");
  CHECK(want[0] == 0 && want[3] == 9);
  session = gai_session_new(policy);
  gai_policy_free(policy); /* the session and the bound inputs keep it alive */

  CHECK(gai_session_bind_json(session, "Event", kDeny, strlen(kDeny), 0, &inputs[0], &error) == GAI_OK);
  CHECK(error == NULL);
  CHECK(gai_session_bind_json(session, "Event", kAllow, strlen(kAllow), 0, &inputs[1], NULL) == GAI_OK);
  CHECK(gai_session_bind_json(session, "Event", "{\"service\":1}", 13, 0, &inputs[2], &error) == GAI_INPUT_ERROR);
  CHECK(inputs[2] == NULL);
  CHECK(error != NULL && strstr(error, "$.service") != NULL);
  gai_free(error);
  error = NULL;
  CHECK(gai_session_bind_json(session, "Nope", kDeny, strlen(kDeny), 0, &inputs[2], &error) == GAI_BAD_ARGUMENT);
  gai_free(error);

  CHECK(gai_session_verdict(session, inputs[0], &options, &one) == GAI_OK);
  CHECK(one.effect == GAI_DENY);
  CHECK(one.fired_count == 4);
  CHECK(one.excepted == 0 && one.errors == 0);
  CHECK((int)one.fired[0] == want[0] && (int)one.fired[1] == want[1] && (int)one.fired[2] == want[2] &&
        (int)one.fired[3] == want[3]);
  CHECK(gai_session_verdicts(session, (const gai_bound* const*)inputs, 3, &options, verdicts) == 2);
  CHECK(verdicts[0].effect == GAI_DENY && verdicts[0].fired_count == 4);
  CHECK(memcmp(verdicts[0].fired, one.fired, 4 * sizeof(uint32_t)) == 0);
  CHECK(verdicts[1].effect == GAI_ALLOW && verdicts[1].fired_count == 0);
  CHECK(verdicts[2].effect == GAI_NO_VERDICT); /* a NULL input in the batch */

  CHECK(gai_session_evaluate_bound(session, inputs[0], &options, &json) == GAI_OK);
  CHECK(json != NULL && strncmp(json, kDenyJsonStart, strlen(kDenyJsonStart)) == 0);
  gai_free(json);
  CHECK(gai_session_verdict(session, NULL, &options, &one) == GAI_BAD_ARGUMENT);
  CHECK(one.effect == GAI_NO_VERDICT);
  testBatch(session, &options, &verdicts[0]);

  gai_session_free(session);
  /* A bound input outlives the session that bound it. */
  {
    const char* again[1];
    gai_policy* p2;
    gai_session* s2;
    again[0] = path;
    p2 = gai_compile_ex(again, 1, engine, 0, NULL);
    s2 = gai_session_new(p2);
    CHECK(gai_session_verdict(s2, inputs[0], &options, &one) == GAI_BAD_ARGUMENT); /* another policy */
    gai_session_free(s2);
    gai_policy_free(p2);
  }
  gai_bound_free(inputs[0]);
  gai_bound_free(inputs[1]);
  gai_bound_free(NULL);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s BENCH_POLICY.gai\n", argv[0]);
    return 2;
  }
  testEngine(argv[1], GAI_ENGINE_INTERP);
  testEngine(argv[1], GAI_ENGINE_JIT);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  return failures ? 1 : 0;
}
