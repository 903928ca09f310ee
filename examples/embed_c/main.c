/* Embedding gai in a C host through the C ABI: compile an inline policy, list its entry
 * types, evaluate JSON events, print the decision JSON, free everything. */
#include <gai/gai.h>

#include <stdio.h>
#include <string.h>

static const char* kPolicy =
    "package demo\n"
    "\n"
    "record Request {\n"
    "  user_age: int\n"
    "  kind: string\n"
    "}\n"
    "\n"
    "rule minor_deep_synthesis(r: Request) {\n"
    "  title    \"Deep synthesis is not offered to minors\"\n"
    "  severity high\n"
    "  when     r.user_age < 18 and r.kind == \"face_swap\"\n"
    "  then     deny\n"
    "  message  \"user aged {r.user_age} asked for {r.kind}\"\n"
    "}\n";

static void evaluate(const gai_policy* policy, const gai_eval_options* options, const char* json) {
  char* out = NULL;
  int rc = gai_evaluate_json(policy, "Request", json, strlen(json), options, &out);
  if (rc == GAI_OK)
    printf("decision: %s\n", out);
  else if (rc == GAI_INPUT_ERROR)
    printf("input error: %s\n", out);
  else
    printf("error %d: %s\n", rc, out ? out : "");
  gai_free(out);
}

int main(void) {
  const char* names[] = {"demo.gai"};
  const char* texts[] = {kPolicy};
  char* diagnostics = NULL;
  gai_policy* policy = gai_compile_sources(names, texts, 1, &diagnostics);
  if (!policy) {
    fprintf(stderr, "%s", diagnostics ? diagnostics : "compile failed\n");
    gai_free(diagnostics);
    return 1;
  }
  gai_free(diagnostics);
  for (size_t i = 0; i < gai_entry_count(policy); ++i)
    printf("entry type: %s\n", gai_entry_qualified_name(policy, i));

  gai_eval_options options = gai_default_options();
  gai_parse_timestamp("2025-10-01T12:00:00+08:00", &options.now_micros);
  evaluate(policy, &options, "{\"user_age\":15,\"kind\":\"face_swap\"}");
  evaluate(policy, &options, "{\"user_age\":35,\"kind\":\"face_swap\"}");
  evaluate(policy, &options, "{\"user_age\":\"15\",\"kind\":\"face_swap\"}");
  gai_policy_free(policy);
  return 0;
}
