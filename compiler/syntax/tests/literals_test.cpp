// Literal decoding, message templates, doc comments and comments.
#include "syntax/literals.h"
#include "test_util.h"

namespace gai::syntax::test {
namespace {

using detail::decodeEscapes;
using detail::decodeInt;
using detail::LiteralProblem;
using detail::splitTemplate;
using detail::TemplateProblems;

TEST(Escapes, ValidOnes) {
  std::vector<LiteralProblem> problems;
  EXPECT_EQ(decodeEscapes(R"(a\"b\\c\nd\te\u{41}\u{4E2D}\u{1F600})", problems), "a\"b\\c\nd\teA中😀");
  EXPECT_TRUE(problems.empty());
}

TEST(Escapes, InvalidOnesAreReportedWithOffsets) {
  std::vector<LiteralProblem> problems;
  EXPECT_EQ(decodeEscapes(R"(x\q\u{}\u{110000}\u{D800}\u41)", problems), R"(x\q\u{}\u{110000}\u{D800}\u41)");
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].offset, 1u);
  EXPECT_EQ(problems[0].text, "\\q");
  EXPECT_EQ(problems[1].text, "\\u{}");
  EXPECT_EQ(problems[2].text, "\\u{110000}");
  EXPECT_EQ(problems[3].text, "\\u{D800}");
  EXPECT_EQ(problems[4].text, "\\u");
}

TEST(Integers, MagnitudeAndOverflow) {
  EXPECT_EQ(decodeInt("0").magnitude, 0u);
  EXPECT_EQ(decodeInt("9223372036854775808").magnitude, 9223372036854775808ull);
  EXPECT_FALSE(decodeInt("18446744073709551615").overflow);
  EXPECT_TRUE(decodeInt("18446744073709551616").overflow);
}

TEST(Integers, ThroughTheParser) {
  auto p = parseExpr("-9223372036854775808");
  auto* neg = constValue(*p)->as<ast::UnaryExpr>();
  ASSERT_NE(neg, nullptr);
  auto* lit = neg->operand->as<ast::IntLit>();
  ASSERT_NE(lit, nullptr);
  EXPECT_EQ(lit->magnitude, 9223372036854775808ull);
  EXPECT_FALSE(lit->overflow);
  EXPECT_EQ(lit->text, "9223372036854775808");
}

TEST(Floats, Values) {
  auto p = parseExpr("6.02e23");
  EXPECT_DOUBLE_EQ(constValue(*p)->as<ast::FloatLit>()->value, 6.02e23);
  EXPECT_EQ(constValue(*p)->as<ast::FloatLit>()->text, "6.02e23");
}

TEST(TimeLiterals, Values) {
  auto d = parseExpr("1970-01-02");
  EXPECT_EQ(constValue(*d)->as<ast::DateLit>()->days, 1);
  auto t = parseExpr("1970-01-01T08:00:01.1234567+08:00");
  EXPECT_EQ(constValue(*t)->as<ast::TimestampLit>()->micros, 1123456) << "offset applied, fraction truncated";
  auto s = parseExpr("1d2h3m4s");
  EXPECT_EQ(constValue(*s)->as<ast::DurationLit>()->seconds, 86400 + 7200 + 180 + 4);
}

TEST(Templates, SplitsTextAndInterpolations) {
  TemplateProblems problems;
  auto pieces = splitTemplate("a {x.y} b {{lit}} {f(1)}", problems);
  ASSERT_EQ(pieces.size(), 5u);
  EXPECT_EQ(pieces[0].text, "a ");
  EXPECT_TRUE(pieces[1].isExpr);
  EXPECT_EQ(pieces[1].text, "x.y");
  EXPECT_EQ(pieces[1].offset, 3u);
  EXPECT_EQ(pieces[2].text, " b {lit} ");
  EXPECT_EQ(pieces[3].text, "f(1)");
  EXPECT_EQ(pieces[4].text, "");
  EXPECT_TRUE(problems.escapes.empty() && problems.loneBraces.empty() && problems.interpolations.empty());
}

TEST(Templates, EscapedBraceInUnicodeEscapeIsNotLone) {
  TemplateProblems problems;
  auto pieces = splitTemplate(R"(\u{7B}x\u{7D} \"q\")", problems);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].text, "{x} \"q\"");
  EXPECT_TRUE(problems.loneBraces.empty());
}

TEST(Templates, InMessagesWithLocations) {
  auto p = parse("package t\nrule r(e: E) { when true then deny\n"
                 "  message zh \"值 {e.a + 1} 与 {{e}}\" en \"v {if e.b then 1 else 2}\" }\n");
  ASSERT_EQ(p->messages(), "");
  auto* rule = p->file->decls[0]->as<ast::RuleDecl>();
  ASSERT_TRUE(rule->message);
  EXPECT_FALSE(rule->message->enFirst);
  const ast::Template& zh = *rule->message->zh;
  EXPECT_EQ(zh.texts, (std::vector<std::string>{"值 ", " 与 {e}"}));
  ASSERT_EQ(zh.exprs.size(), 1u);
  EXPECT_EQ(p->textAt(zh.exprs[0]->loc), "e.a + 1");
  EXPECT_EQ(dumpExpr(*zh.exprs[0]), "(+ (. (name e) a) (int 1))");
  EXPECT_EQ(zh.source, "\"值 {e.a + 1} 与 {{e}}\"");
  EXPECT_EQ(p->textAt(rule->message->en->exprs[0]->loc), "if e.b then 1 else 2");
}

TEST(Templates, SimplePathsMatchTheFullParser) {
  // `{ e.a.b }` is built without ANTLR; `{(e.a.b)}` goes through it: same tree, same places.
  auto p = parse("package t\nrule r(e: E) { when true then deny message \"{ e.a.b }|{(e.a.b)}\" }\n");
  ASSERT_EQ(p->messages(), "");
  auto* rule = p->file->decls[0]->as<ast::RuleDecl>();
  const ast::Template& t = *rule->message->plain;
  ASSERT_EQ(t.exprs.size(), 2u);
  EXPECT_EQ(dumpExpr(*t.exprs[0]), dumpExpr(*t.exprs[1]));
  EXPECT_EQ(p->textAt(t.exprs[0]->loc), "e.a.b");
  EXPECT_EQ(p->textAt(t.exprs[1]->loc), "e.a.b");
  auto* f0 = t.exprs[0]->as<ast::FieldExpr>();
  auto* f1 = t.exprs[1]->as<ast::FieldExpr>();
  EXPECT_EQ(p->textAt(f0->base->loc), "e.a");
  EXPECT_EQ(p->textAt(f1->base->loc), "e.a");
}

TEST(Comments, DocCommentsAttachToTheNextDeclaration) {
  auto p = parse("package t\n/// First line.\n///   indented\n// plain\nenum E { a }\n/* block */ action x\n"
                 "//// not a doc\nconst c: int = 1 // trailing\n");
  ASSERT_EQ(p->messages(), "");
  ASSERT_EQ(p->file->decls.size(), 3u);
  EXPECT_EQ(p->file->decls[0]->doc, "First line.\n  indented");
  EXPECT_EQ(p->file->decls[1]->doc, "");
  EXPECT_EQ(p->file->decls[2]->doc, "");
  ASSERT_EQ(p->file->comments.size(), 6u);
  EXPECT_EQ(p->file->comments[0].kind, ast::Comment::Kind::Doc);
  EXPECT_EQ(p->file->comments[2].kind, ast::Comment::Kind::Line);
  EXPECT_EQ(p->file->comments[3].kind, ast::Comment::Kind::Block);
  EXPECT_EQ(p->file->comments[3].text, "/* block */");
  EXPECT_EQ(p->file->comments[4].kind, ast::Comment::Kind::Line);
  EXPECT_EQ(p->textAt(p->file->comments[5].loc), "// trailing");
}

TEST(Dump, SameMeaningDifferentLayoutDumpsEqual) {
  auto a = parse("package t\nrecord R { a: int = 1, b: set<E> = {} }\n"
                 "rule r(e: R) { when e.a > 1 then deny message en \"x\" zh \"y\" severity low }\n");
  auto b = parse("package t\n// comment\nrecord R {\n  a: int = (1)\n  b: set<E> = {}\n}\n"
                 "rule r(e: R) {\n  severity low\n  message zh \"y\" en \"x\"\n  when (e.a) > 1\n  then deny\n}\n");
  ASSERT_EQ(a->messages(), "");
  ASSERT_EQ(b->messages(), "");
  EXPECT_EQ(dumpAst(*a->file), dumpAst(*b->file));
  EXPECT_NE(dumpAst(*a->file, true), dumpAst(*b->file, true));
}

TEST(Dump, DifferentMeaningDumpsDiffer) {
  auto a = parse("package t\nconst c: int = 1 - 2 - 3\n");
  auto b = parse("package t\nconst c: int = 1 - (2 - 3)\n");
  EXPECT_NE(dumpAst(*a->file), dumpAst(*b->file));
}

}  // namespace
}  // namespace gai::syntax::test
