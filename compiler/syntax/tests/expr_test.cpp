// Precedence, associativity and the expression forms, checked through dumpExpr.
#include "test_util.h"

namespace gai::syntax::test {
namespace {

TEST(Precedence, ArithmeticBindsTighterThanComparison) {
  EXPECT_EQ(dumpOf("1 + 2 * 3 < 4 - 5 % 6"),
            "(< (+ (int 1) (* (int 2) (int 3))) (- (int 4) (% (int 5) (int 6))))");
}

TEST(Precedence, LeftAssociativeArithmetic) {
  EXPECT_EQ(dumpOf("1 - 2 - 3"), "(- (- (int 1) (int 2)) (int 3))");
  EXPECT_EQ(dumpOf("8 / 4 / 2"), "(/ (/ (int 8) (int 4)) (int 2))");
}

TEST(Precedence, ImpliesIsRightAssociativeAndLoosest) {
  EXPECT_EQ(dumpOf("a implies b implies c or d"),
            "(implies (name a) (implies (name b) (or (name c) (name d))))");
}

TEST(Precedence, OrAndNot) {
  EXPECT_EQ(dumpOf("a or b and not c"), "(or (name a) (and (name b) (not (name c))))");
  EXPECT_EQ(dumpOf("not a == b"), "(not (== (name a) (name b)))");
}

TEST(Precedence, CoalesceRightAssociativeBetweenComparisonAndAdd) {
  EXPECT_EQ(dumpOf("a ?? b ?? c + 1 == d"),
            "(== (?? (name a) (?? (name b) (+ (name c) (int 1)))) (name d))");
}

TEST(Precedence, UnaryMinusAndPostfix) {
  EXPECT_EQ(dumpOf("-a.b * 2"), "(* (neg (. (name a) b)) (int 2))");
  EXPECT_EQ(dumpOf("- -1"), "(neg (neg (int 1)))");
}

TEST(Precedence, MembershipAndNotIn) {
  EXPECT_EQ(dumpOf("x in s and y not in {a, b}"),
            "(and (in (name x) (name s)) (not-in (name y) (set (name a) (name b))))");
}

TEST(Precedence, ChainedComparisonIsAnError) {
  auto p = parseExpr("a < b < c");
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0013"});
  EXPECT_EQ(p->textAt(p->first("E0013")->loc), "<");
  EXPECT_TRUE(parseExpr("a == b in s")->has("E0013"));
  EXPECT_FALSE(parseExpr("(a < b) == c")->diags.hasErrors());
}

TEST(Precedence, IfAndLetExtendRight) {
  EXPECT_EQ(dumpOf("if a then 1 else 2 + 3"), "(if (name a) (int 1) (+ (int 2) (int 3)))");
  EXPECT_EQ(dumpOf("(if a then 1 else 2) + 3"), "(+ (if (name a) (int 1) (int 2)) (int 3))");
  EXPECT_EQ(dumpOf("let n = 1 in n + 1"), "(let n (int 1) (+ (name n) (int 1)))");
}

TEST(LetIn, InitialiserEndsAtFirstTopLevelIn) {
  // The trap: `let b = x in s in b` must not read as `b = (x in s)`.
  EXPECT_EQ(dumpOf("let b = x in s in b"), "(let b (name x) (in (name s) (name b)))");
  EXPECT_EQ(dumpOf("let b = (x in s) in b"), "(let b (in (name x) (name s)) (name b))");
  EXPECT_EQ(dumpOf("let b = x not in s in b"), "<error: E0001 2:26 syntax error: expected 'in', found 'not'\n>");
  EXPECT_EQ(dumpOf("let a = let b = 1 in b in a"), "(let a (let b (int 1) (name b)) (name a))");
  EXPECT_EQ(dumpOf("let a = if c then x in s else y in a"),
            "(let a (if (name c) (in (name x) (name s)) (name y)) (name a))");
}

TEST(Postfix, FieldsCallsOptionalChainsAndWith) {
  EXPECT_EQ(dumpOf("text.length(e.output?.text)"),
            "(call (. (name text) length) (?. (. (name e) output) text))");
  EXPECT_EQ(dumpOf("f(a, b,)"), "(call (name f) (name a) (name b))");
  EXPECT_EQ(dumpOf("base with { output.modality: image, x: 1 }.output"),
            "(. (with (name base) (output.modality (name image)) (x (int 1))) output)");
  EXPECT_EQ(dumpOf("r(x) with {}"), "(with (call (name r) (name x)))");
}

TEST(Postfix, OnlyNamesCanBeCalled) {
  EXPECT_TRUE(parseExpr("(a)(b)")->diags.hasErrors() == false);  // parens vanish: a(b)
  EXPECT_TRUE(parseExpr("f(a)(b)")->has("E0001"));
}

TEST(Collections, QuantifiersSizePresent) {
  EXPECT_EQ(dumpOf("any(x in xs: x > 1)"), "(any x (name xs) (> (name x) (int 1)))");
  EXPECT_EQ(dumpOf("all(t in e.tags: t in allowed)"), "(all t (. (name e) tags) (in (name t) (name allowed)))");
  EXPECT_EQ(dumpOf("count(x in xs: true) + sum(x in xs: x.n)"),
            "(+ (count x (name xs) (bool true)) (sum x (name xs) (. (name x) n)))");
  EXPECT_EQ(dumpOf("size(xs) > 0 and present(y)"),
            "(and (> (call (name size) (name xs)) (int 0)) (call (name present) (name y)))");
}

TEST(Collections, Literals) {
  EXPECT_EQ(dumpOf("{}"), "(set)");
  EXPECT_EQ(dumpOf("[1, 2,]"), "(list (int 1) (int 2))");
  EXPECT_EQ(dumpOf("Output { modality: image, explicit_label: false }"),
            "(record Output (modality (name image)) (explicit_label (bool false)))");
  EXPECT_EQ(dumpOf("schema.Prompt {}"), "(record schema.Prompt)");
  EXPECT_EQ(dumpOf("{ {1}, [2] }"), "(set (set (int 1)) (list (int 2)))");
}

TEST(Names, ContextualKeywordsAreNames) {
  EXPECT_EQ(dumpOf("title + size + lines + error + by + en"),
            "(+ (+ (+ (+ (+ (name title) (name size)) (name lines)) (name error)) (name by)) (name en))");
  EXPECT_EQ(dumpOf("x.item.art"), "(. (. (name x) item) art)");
}

TEST(Names, HardKeywordsAreNot) {
  EXPECT_TRUE(parseExpr("deny + 1")->has("E0001"));
  EXPECT_TRUE(parseExpr("x.when")->has("E0001"));
}

TEST(Literals, EveryKind) {
  EXPECT_EQ(dumpOf("none"), "(none)");
  EXPECT_EQ(dumpOf("now"), "(now)");
  EXPECT_EQ(dumpOf("2023-08-15"), "(date 2023-08-15)");
  EXPECT_EQ(dumpOf("2024-03-01T08:00:00+08:00"), "(timestamp 2024-03-01T00:00:00Z)");
  EXPECT_EQ(dumpOf("2024-03-01T00:00:00.5Z"), "(timestamp 2024-03-01T00:00:00.5Z)");
  EXPECT_EQ(dumpOf("1d12h"), "(duration 1d12h)");
  EXPECT_EQ(dumpOf("90m"), "(duration 1h30m)");
  EXPECT_EQ(dumpOf("1.5e3"), "(float 1500)");
  EXPECT_EQ(dumpOf("2E-1"), "(float 0.2)");
  EXPECT_EQ(dumpOf("\"a\\\"b\\\\c\\n\\t\\u{4E2D}\""), "(str \"a\\\"b\\\\c\\n\\t中\")");
  EXPECT_EQ(dumpOf("-9223372036854775808"), "(neg (int 9223372036854775808))");
}

TEST(Locations, ByteOffsetsOnEveryNode) {
  auto p = parseExpr("\"中文\" == a.b");
  const ast::Expr* e = constValue(*p);
  ASSERT_NE(e, nullptr);
  auto* bin = e->as<ast::BinaryExpr>();
  ASSERT_NE(bin, nullptr);
  EXPECT_EQ(p->textAt(bin->lhs->loc), "\"中文\"");
  EXPECT_EQ(p->textAt(bin->opLoc), "==");
  EXPECT_EQ(p->textAt(bin->rhs->loc), "a.b");
  EXPECT_EQ(p->textAt(bin->loc), "\"中文\" == a.b");
  auto* field = bin->rhs->as<ast::FieldExpr>();
  EXPECT_EQ(p->textAt(field->field.loc), "b");
}

}  // namespace
}  // namespace gai::syntax::test
