// Limits (docs/reliability.md): each one's error, with its place, and that raising the limit
// accepts the same source or input.
#include "api_fixture.h"

namespace gai::testing {
namespace {

const char* kPolicy =
    "package lim\n"
    "record C {\n  id: string\n}\n"
    "record O {\n  c: C\n  items: list<string> = []\n}\n"
    "rule r(o: O) {\n  cites \"x\"\n  when size(o.items) > ((((1))))\n  then deny\n}\n";

const CompileDiagnostic* firstError(const CompileResult& r) {
  for (const CompileDiagnostic& d : r.diagnostics)
    if (d.isError) return &d;
  return nullptr;
}

// Compiles kPolicy with `tighten` applied: must fail with `code` at `line` in a.gai; with the
// defaults it compiles.
template <typename Tighten>
void expectCompileLimit(Tighten tighten, const std::string& code, uint32_t line, const std::string& text) {
  CompileOptions options;
  options.engine = Engine::Interp;
  tighten(options);
  CompileResult tight = compileSources({{"a.gai", kPolicy}}, options);
  ASSERT_FALSE(tight.ok());
  const CompileDiagnostic* d = firstError(tight);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->code, code) << tight.diagnosticsText;
  EXPECT_EQ(d->file, "a.gai");
  EXPECT_EQ(d->line, line) << tight.diagnosticsText;
  EXPECT_NE(d->message.find(text), std::string::npos) << d->message;
  CompileOptions raised;
  raised.engine = Engine::Interp;
  CompileResult ok = compileSources({{"a.gai", kPolicy}}, raised);
  EXPECT_TRUE(ok.ok()) << ok.diagnosticsText;
}

TEST(Limits, SourceBytes) {
  expectCompileLimit([](CompileOptions& o) { o.maxSourceBytes = 64; }, "E0902", 1, "the limit is 64");
}

TEST(Limits, BundleBytes) {
  expectCompileLimit([](CompileOptions& o) { o.maxBundleBytes = 64; }, "E0904", 1, "more than 64 bytes");
  // Two files, each under the limit, together over it: the second is the one refused.
  CompileOptions options;
  options.engine = Engine::Interp;
  options.maxBundleBytes = 150;
  std::string half = "package lim\n// " + std::string(90, 'x') + "\n";
  CompileResult r = compileSources({{"a.gai", half}, {"b.gai", half}}, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(firstError(r)->code, "E0904");
  EXPECT_EQ(firstError(r)->file, "b.gai");
}

TEST(Limits, Nesting) {
  expectCompileLimit([](CompileOptions& o) { o.maxNesting = 3; }, "E0901", 11, "deeper than 3");
}

TEST(Limits, Declarations) {
  expectCompileLimit([](CompileOptions& o) { o.maxDeclarations = 2; }, "E0903", 9, "more than 2");
}

// Evaluates `json` with `tighten` applied: an input error equal to `error`; with the
// defaults a decision.
template <typename Tighten>
void expectInputLimit(const std::string& json, Tighten tighten, const std::string& error) {
  CompileOptions compile;
  compile.engine = Engine::Interp;
  CompileResult r = compileSources({{"a.gai", kPolicy}}, compile);
  ASSERT_TRUE(r.ok()) << r.diagnosticsText;
  Session session(r.policy);
  EntryType entry = *r.policy->entry("O");
  EvalOptions options;
  tighten(options);
  EvalResult tight = session.evaluateJson(entry, json, options);
  EXPECT_EQ(tight.error, error);
  EvalResult ok = session.evaluateJson(entry, json, EvalOptions());  // the same session, limits back
  EXPECT_TRUE(ok.ok()) << ok.error;
}

TEST(Limits, JsonDepth) {
  expectInputLimit(R"({"c":{"id":"a"},"items":["x"]})", [](EvalOptions& o) { o.maxJsonDepth = 1; },
                   "JSON nested deeper than 1 levels");
}

TEST(Limits, StringBytes) {
  std::string json = R"({"c":{"id":")" + std::string(100, 'a') + R"("}})";
  expectInputLimit(json, [](EvalOptions& o) { o.maxStringBytes = 50; }, "$.c.id: string longer than 50 bytes");
}

TEST(Limits, ArrayElements) {
  expectInputLimit(R"({"c":{"id":"a"},"items":["1","2","3","4","5","6"]})",
                   [](EvalOptions& o) { o.maxArrayElements = 5; }, "$.items: array longer than 5 elements");
}

TEST(Limits, InputBytes) {
  expectInputLimit(R"({"c":{"id":"a"},"items":["1","2","3","4","5","6"]})",
                   [](EvalOptions& o) { o.maxInputBytes = 20; }, "input longer than 20 bytes");
}

}  // namespace
}  // namespace gai::testing
