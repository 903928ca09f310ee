// The C++ API: compiling (errors as diagnostics), entry types, JSON evaluation, decisions.
#include "api_fixture.h"

namespace gai::testing {
namespace {

const char* kOrder =
    R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c2","age":16},"channel":"app","amount":1500,)"
    R"("items":["a","b","c","d"],"ship_by":"2024-06-02"})";

TEST(Compile, TypeErrorIsADiagnosticNotAnException) {
  CompileResult r = compileSources({{"bad.gai", "package bad\nrecord R { x: int }\n"
                                                "rule r(v: R) {\n  when v.x > \"s\"\n  then deny\n}\n"}});
  ASSERT_FALSE(r.ok());
  const CompileDiagnostic* error = nullptr;
  for (const CompileDiagnostic& d : r.diagnostics)
    if (d.isError && !error) error = &d;
  ASSERT_NE(error, nullptr) << r.diagnosticsText;
  const CompileDiagnostic& d = *error;
  EXPECT_EQ(d.file, "bad.gai");
  EXPECT_EQ(d.line, 4u);
  EXPECT_EQ(d.code.substr(0, 1), "E");
  EXPECT_NE(r.diagnosticsText.find("bad.gai:4:"), std::string::npos) << r.diagnosticsText;
}

TEST(Compile, SyntaxErrorAndMissingPath) {
  CompileResult syntax = compileSources({{"s.gai", "package p\nrule {{{"}}, testOptions());
  EXPECT_FALSE(syntax.ok());
  EXPECT_FALSE(syntax.diagnostics.empty());
  CompileResult missing = compile({"/nonexistent/gai/policy"}, testOptions());
  EXPECT_FALSE(missing.ok());
  ASSERT_FALSE(missing.diagnostics.empty());
  EXPECT_NE(missing.diagnosticsText.find("/nonexistent/gai/policy"), std::string::npos);
}

TEST(Compile, JitGivesTheInterpretersDecisions) {
  CompileOptions options;
  options.engine = Engine::Jit;
  CompileResult r = compile({shopDir()}, options);
  ASSERT_TRUE(r.ok()) << r.diagnosticsText;
  EXPECT_EQ(r.policy->engine(), Engine::Jit);
  EXPECT_EQ(shopPolicy()->engine(), testEngine());
  options.engine = Engine::Interp;
  CompileResult ri = compile({shopDir()}, options);
  ASSERT_TRUE(ri.ok()) << ri.diagnosticsText;
  EXPECT_EQ(ri.policy->engine(), Engine::Interp);
  Session jit(r.policy), interp(ri.policy);
  EvalResult a = jit.evaluateJson(*r.policy->entry("Order"), kOrder, at("2024-06-01T12:00:00Z"));
  EvalResult b = interp.evaluateJson(*ri.policy->entry("Order"), kOrder, at("2024-06-01T12:00:00Z"));
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a.decision.json, b.decision.json);
  EXPECT_EQ(a.decision.effect, Effect::Deny);
}

TEST(Entry, ByNameQualifiedNameAndErrors) {
  auto policy = shopPolicy();
  ASSERT_EQ(policy->entryTypes().size(), 1u);
  EXPECT_EQ(policy->entryTypes()[0].qualifiedName(), "shop.Order");
  EXPECT_TRUE(policy->entry("Order"));
  EXPECT_TRUE(policy->entry("shop.Order"));
  std::string error;
  EXPECT_FALSE(policy->entry("Customer", &error));
  EXPECT_EQ(error, "record 'Customer' is not the entry type of any rule; entry types: shop.Order");
  EXPECT_FALSE(policy->entry("Nope", &error));
  EXPECT_EQ(error, "no entry type 'Nope'; entry types: shop.Order");
  EXPECT_EQ(policy->ruleNames().front(), "shop.minor_purchase");
}

TEST(Entry, AmbiguousNameNeedsAPackage) {
  const char* a = "package a\nrecord E { x: int }\nrule r(e: E) {\n  when e.x > 1\n  then deny\n}\n";
  const char* b = "package b\nrecord E { y: int }\nrule r(e: E) {\n  when e.y > 1\n  then flag\n}\n";
  CompileResult r = compileSources({{"a.gai", a}, {"b.gai", b}}, testOptions());
  ASSERT_TRUE(r.ok()) << r.diagnosticsText;
  std::string error;
  EXPECT_FALSE(r.policy->entry("E", &error));
  EXPECT_EQ(error, "entry type 'E' is ambiguous; qualify it: a.E, b.E");
  auto entry = r.policy->entry("b.E");
  ASSERT_TRUE(entry);
  Session session(r.policy);
  EvalResult result = session.evaluateJson(*entry, R"({"y":2})", at("2024-01-01T00:00:00Z"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.decision.json,
            R"({"effect":"allow","findings":[{"rule":"b.r","severity":"medium","cites":[],"effects":["flag"],)"
            R"("message":"b.r"}],"excepted":[],"errors":[]})");
}

TEST(Evaluate, FindingsCarryEverything) {
  Session session(shopPolicy());
  EvalResult r = session.evaluateJson(*shopPolicy()->entry("Order"), kOrder, at("2024-06-01T12:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.error;
  const Decision& d = r.decision;
  EXPECT_EQ(d.effect, Effect::Deny);
  ASSERT_EQ(d.findings.size(), 3u) << d.json;
  EXPECT_EQ(d.findings[0].rule, "shop.minor_purchase");
  EXPECT_EQ(d.findings[0].title.value_or(""), "Minors may not buy");
  EXPECT_EQ(d.findings[0].severity, RuleSeverity::High);
  EXPECT_EQ(d.findings[0].cites, std::vector<std::string>{"shop_rules art 1"});
  EXPECT_EQ(d.findings[0].effects, std::vector<std::string>{"deny"});
  EXPECT_EQ(d.findings[0].message, "customer c2 is 16");
  EXPECT_EQ(d.findings[1].rule, "shop.large_order");
  EXPECT_FALSE(d.findings[1].title);
  EXPECT_EQ(d.findings[1].effects, (std::vector<std::string>{"flag", "require review(\"large\")"}));
  EXPECT_EQ(d.findings[1].message, "order of 1500 via app");
  EXPECT_EQ(d.findings[2].rule, "shop.many_items");
  EXPECT_TRUE(d.excepted.empty());
  EXPECT_TRUE(d.errors.empty());
  EXPECT_EQ(d.json.substr(0, 17), R"({"effect":"deny",)");
}

TEST(Evaluate, ExceptedAndErroredRules) {
  Session session(shopPolicy());
  auto entry = *shopPolicy()->entry("Order");
  EvalResult verified = session.evaluateJson(
      entry, R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c3","age":45,"verified":true},)"
             R"("channel":"store","amount":2500,"ship_by":"2024-06-02"})",
      at("2024-06-01T12:00:00Z"));
  ASSERT_TRUE(verified.ok()) << verified.error;
  ASSERT_EQ(verified.decision.excepted.size(), 1u);
  EXPECT_EQ(verified.decision.excepted[0].rule, "shop.large_order");
  EXPECT_EQ(verified.decision.excepted[0].by, "shop.verified_customer");
  EXPECT_EQ(verified.decision.effect, Effect::Allow);

  std::string thirty = R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c4","age":30},"channel":"web",)"
                       R"("amount":1,"ship_by":"2024-06-02"})";
  EvalResult closed = session.evaluateJson(entry, thirty, at("2024-06-01T12:00:00Z"));
  ASSERT_TRUE(closed.ok()) << closed.error;
  ASSERT_EQ(closed.decision.errors.size(), 1u);
  EXPECT_EQ(closed.decision.errors[0].rule, "shop.per_item_price");
  EXPECT_EQ(closed.decision.effect, Effect::Deny);
  EvalOptions open = at("2024-06-01T12:00:00Z");
  open.failOpen = true;
  EXPECT_EQ(session.evaluateJson(entry, thirty, open).decision.effect, Effect::Allow);
}

TEST(Evaluate, InputErrorsAreValues) {
  Session session(shopPolicy());
  auto entry = *shopPolicy()->entry("Order");
  std::string bad = kOrder;
  bad.replace(bad.find("\"app\""), 5, "\"fax\"");
  EvalResult r = session.evaluateJson(entry, bad, at("2024-06-01T12:00:00Z"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "$.channel: unknown Channel \"fax\"; expected one of web, app, store");
  EXPECT_EQ(session.evaluateJson(entry, "", at("2024-06-01T12:00:00Z")).error, "blank line");
  EXPECT_EQ(session.evaluateJson(entry, "{\"at\":\"x\xff\"}", at("2024-06-01T12:00:00Z")).error, "invalid UTF-8");
  EvalOptions strict = at("2024-06-01T12:00:00Z");
  strict.strictInput = true;
  std::string extra = std::string(kOrder).insert(1, "\"colour\":1,");
  EXPECT_TRUE(session.evaluateJson(entry, extra, at("2024-06-01T12:00:00Z")).ok());
  EXPECT_EQ(session.evaluateJson(entry, extra, strict).error, "$.colour: unknown field of Order");
  // A session keeps working after errors.
  EXPECT_TRUE(session.evaluateJson(entry, kOrder, at("2024-06-01T12:00:00Z")).ok());
}

TEST(Evaluate, LanguageAndNow) {
  Session session(shopPolicy());
  auto entry = *shopPolicy()->entry("Order");
  EvalResult zh = session.evaluateJson(entry, kOrder, at("2024-06-01T12:00:00Z", Lang::Zh));
  ASSERT_TRUE(zh.ok());
  EXPECT_EQ(zh.decision.findings[0].title.value_or(""), "未成年人不得购买");
  EXPECT_EQ(zh.decision.findings[0].message, "顾客c2年龄为16");
  EvalResult later = session.evaluateJson(entry, kOrder, at("2030-01-01T00:00:00+08:00"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later.decision.findings.back().rule, "shop.from_2030");
  EvalResult before = session.evaluateJson(entry, kOrder, at("2029-12-31T15:59:59Z"));
  EXPECT_NE(before.decision.findings.back().rule, "shop.from_2030");
}

TEST(Evaluate, DeterministicAcrossSessionsAndCompiles) {
  std::vector<std::string> lines = readLines(shopDir() + "/input.jsonl");
  ASSERT_GE(lines.size(), 5u);
  auto run = [&](std::shared_ptr<const Policy> policy) {
    Session session(policy);
    std::string all, error;
    auto entry = *policy->entry("Order");
    for (const std::string& line : lines) {
      EXPECT_TRUE(session.evaluateJsonTo(entry, line, at("2024-06-01T12:00:00Z"), all, error)) << error;
      all += '\n';
    }
    return all;
  };
  std::string first = run(shopPolicy());
  EXPECT_EQ(first, run(shopPolicy()));
  EXPECT_EQ(first, run(compile({shopDir()}, testOptions()).policy));
}

TEST(Evaluate, ForeignEntryTypeIsRejected) {
  const char* src = "package o\nrecord Order { n: int }\nrule r(e: Order) {\n  when e.n > 1\n  then deny\n}\n";
  CompileResult other = compileSources({{"o.gai", src}}, testOptions());
  ASSERT_TRUE(other.ok()) << other.diagnosticsText;
  Session session(shopPolicy());
  EvalResult r = session.evaluateJson(*other.policy->entry("Order"), R"({"n":2})", at("2024-06-01T12:00:00Z"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "entry type o.Order does not belong to this policy");
  Session empty(nullptr);
  EXPECT_FALSE(empty.evaluateJson(*other.policy->entry("Order"), "{}", {}).ok());
}

}  // namespace
}  // namespace gai::testing
