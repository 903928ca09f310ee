// Type rules of LANGUAGE.md §2 and §4.
#include "check_fixture.h"

namespace gai::check::testing {
namespace {

// Checks `expr` as the `when` of a rule over Event `e`.
std::unique_ptr<Checked> when(const std::string& expr) {
  return checkWithPrelude("rule r(e: Event) { cites L art 1 when " + expr + " then deny }\n");
}

TEST(Typing, WellTypedExpressions) {
  const char* ok[] = {
      "e.output.score > 1",                      // int literal as float
      "e.output.score > -1",                     // negated literal too
      "1 < e.output.score",
      "e.output.mark == \"x\"",                  // T? == T
      "e.output.mark == none",
      "e.output.mark != none and present(e.output.mark)",
      "(e.output.mark ?? \"\") == \"\"",
      "e.at - 2h < e.at and e.at - e.at == 0s and 2 * 1h == 2h and 1h * 2 > 0s",
      "2023-01-02 - 2023-01-01 == 1d and 2023-01-01 + 36h == 2023-01-02",
      "a in e.output.tags and b not in e.output.tags and e.output.modality in { image, audio }",
      "e.output.tags == { a, b } and size(e.output.tags) >= 0",
      "any(t in e.output.tags: t == a) and all(t in e.output.tags: t != c)",
      "count(t in e.output.tags: t == a) + sum(t in e.output.tags: 1) > 0",
      "sum(t in [1.5, 2]: t) > 0.0",
      "int(e.output.score) == 0 and float(e.output.hits) < 2.5",
      "(if e.service.offered then 1 else 2) > 0",
      "let n = e.output.hits in n % 2 == 0 and n / 2 > -9223372036854775808",
      "(e with { output.labeled: true, service.name: \"x\" }).output.labeled",
      "Output { modality: image }.labeled == false",
      "e.output.modality == Modality.image implies e.output.labeled",
      "(if e.service.offered then e.output.mark else none) == none",
  };
  for (const char* expr : ok) {
    auto c = when(expr);
    EXPECT_FALSE(c->diags.hasErrors()) << expr << "\n" << c->dump();
  }
}

TEST(Typing, AnnotatesTypesAndResolutions) {
  auto c = when("e.output.score > 1");
  auto* rule = c->decl("r")->as<ast::RuleDecl>();
  auto* cmp = rule->when->as<ast::BinaryExpr>();
  ASSERT_NE(cmp, nullptr);
  EXPECT_EQ(cmp->rhs->type->name(), "float");  // the literal becomes a float
  auto* field = cmp->lhs->as<ast::FieldExpr>();
  EXPECT_EQ(field->res.ref, ast::Ref::RecordField);
  EXPECT_EQ(field->res.index, 3u);
  EXPECT_EQ(rule->param.binder.type->name(), "Event");
  EXPECT_EQ(c->program->rules()[0].entry->name(), "Event");
}

struct BadCase {
  const char* expr;
  const char* code;
};

TEST(Typing, Errors) {
  const BadCase bad[] = {
      {"e.output.hits == 1.5", "E0202"},             // no implicit int->float for values
      {"e.output.hits + e.output.score > 0.0", "E0202"},
      {"e.output.mark == 3", "E0202"},
      {"text.length(e.output.mark) > 0", "E0207"},
      {"e.output.mark > \"a\"", "E0207"},             // optional used as non-optional
      {"e.output.labeled < true", "E0214"},           // bools are not ordered
      {"e.output.hits", "E0205"},                     // when not bool
      {"e.output.missing", "E0102"},
      {"e.output.hits.x", "E0210"},
      {"e.output.hits in e.output.hits", "E0215"},
      {"not e.output.hits", "E0201"},
      {"-e.service.offered", "E0204"},
      {"e.output.hits ?? 1 > 0", "E0204"},
      {"e.at + e.at > e.at", "E0202"},
      {"e.window * 1.5 > 0s", "E0202"},
      {"size(e.output.hits) > 0", "E0215"},
      {"present(e.output.hits)", "E0201"},
      {"Output { labeled: true }.labeled", "E0208"},
      {"Output { modality: image, nope: 1 }.labeled", "E0102"},
      {"Output { modality: image, modality: text }.labeled", "E0121"},
      {"Nope { }.labeled", "E0110"},
      {"(e with { output.nope: 1 }).output.labeled", "E0102"},
      {"(e with { output.hits.x: 1 }).output.labeled", "E0502"},
      {"(e with { output.hits: true }).output.labeled", "E0201"},
      {"r(e.output)", "E0306"},
      {"r(e, e)", "E0203"},
      {"e(1)", "E0209"},
      {"nope(1)", "E0112"},
      {"{} == {}", "E0222"},
      {"e.output.hits > 9223372036854775808", "E0012"},
      {"[e.output] == [e.output]", "E0202"},         // lists are not comparable with ==
      {"(if e.service.offered then 1 else \"a\") == 1", "E0201"},
      {"let x = none in true", "E0212"},
      {"{e.output} == {e.output}", "E0211"},
  };
  for (const BadCase& b : bad) {
    auto c = when(b.expr);
    EXPECT_TRUE(c->has(b.code)) << b.expr << " expected " << b.code << "\n" << c->dump();
  }
}

TEST(Typing, OptionalAsValueHasHelp) {
  auto c = when("e.output.mark.x == 1");
  c = when("(e.output.mark + \"a\") == \"b\"");
  const Diagnostic* d = c->first("E0207");
  ASSERT_NE(d, nullptr) << c->dump();
  EXPECT_NE(d->help.find("??"), std::string::npos);
  EXPECT_NE(d->help.find("present"), std::string::npos);
}

TEST(Typing, StdCallsAndRegexes) {
  auto ok = checkWithPrelude(R"(rule r(e: Event) { cites L art 1
  when text.matches(e.service.name, "^a+[0-9]{2}$") and text.contains_any(e.service.name, {"x", "y"})
   and math.max(1, e.output.score) > 0.0 and math.abs(-3) == 3 and time.days(e.window) == 1
   and time.date_of(e.at, 8) == 2024-01-01
  then deny }
)");
  EXPECT_FALSE(ok->diags.hasErrors()) << ok->dump();
  auto* rule = ok->decl("r")->as<ast::RuleDecl>();
  // The first conjunct's call carries its compiled pattern.
  const ast::Expr* e = rule->when.get();
  while (auto* b = e->as<ast::BinaryExpr>()) e = b->lhs.get();
  ASSERT_NE(ok->program->regexPattern(e), nullptr);
  EXPECT_EQ(*ok->program->regexPattern(e), "^a+[0-9]{2}$");

  auto bad = checkWithPrelude(R"(const pat: string = "a"
rule r(e: Event) { cites L art 1
  when text.matches(e.service.name, "a(") and text.matches(e.service.name, pat)
   and text.length(1) > 0 and math.min(1) > 0 and text.nope() then deny }
)");
  EXPECT_TRUE(bad->has("E0405")) << bad->dump();
  EXPECT_TRUE(bad->has("E0406")) << bad->dump();
  EXPECT_TRUE(bad->has("E0201")) << bad->dump();
  EXPECT_TRUE(bad->has("E0203")) << bad->dump();
  EXPECT_TRUE(bad->has("E0112")) << bad->dump();
}

TEST(Typing, EffectsAndMessages) {
  auto c = checkWithPrelude(R"(action report(to: string, level: int)
action label
const k: int = 1
rule r(e: Event) { cites L art 1 when true then deny, require report("cac", e.output.hits), require label
  message en "level {e.output.hits + 1} {e.output.mark}" }
rule q(e: Event) { cites L art 1 when e.service.offered then flag, require report("x"), require nope,
  require k, require label(1)
  message "bad {e.output.hits + e.output.labeled}" }
)");
  EXPECT_EQ(c->count("E0203"), 2u) << c->dump();
  EXPECT_TRUE(c->has("E0105")) << c->dump();
  EXPECT_TRUE(c->has("E0127")) << c->dump();
  EXPECT_TRUE(c->has("E0202")) << c->dump();
  auto* r = c->decl("r")->as<ast::RuleDecl>();
  EXPECT_EQ(r->effects[1].actionDecl, c->decl("report"));
}

TEST(Typing, FnBodiesAndConstsAgainstDeclaredTypes) {
  auto c = checkWithPrelude(R"(fn f(x: int): float = x
fn g(x: int, x: int): int = x
const s: set<Tag> = { a, 1 }
const l: list<float> = [1, 2.5, -3]
rule r(e: Event) { cites L art 1 when f(1) > 0.0 and g(1, 2) > 0 and size(s) + size(l) > 0 then deny }
)");
  EXPECT_EQ(c->count("E0201"), 2u) << c->dump();  // f's body, the 1 in a set<Tag>
  EXPECT_TRUE(c->has("E0120")) << c->dump();      // duplicate parameter
}

}  // namespace
}  // namespace gai::check::testing
