// Every syntax diagnostic, with its location.
#include "test_util.h"

namespace gai::syntax::test {
namespace {

std::string rule(const std::string& body) { return "package t\nrule r(e: E) {\n" + body + "\n}\n"; }

TEST(SyntaxErrors, ReadableExpectedFound) {
  auto p = parse("package t\nfn f(x: int): int = (x + 1\nconst c: int = 1\n");
  ASSERT_TRUE(p->has("E0001"));
  EXPECT_EQ(p->first("E0001")->message, "syntax error: expected ')', found 'const'");
}

TEST(SyntaxErrors, ExpectedExpression) {
  auto p = parse("package t\nconst c: int = \n");
  ASSERT_TRUE(p->has("E0001"));
  EXPECT_EQ(p->first("E0001")->message, "syntax error: expected an expression, found end of file");
}

TEST(SyntaxErrors, SeveralPerFileWithRecovery) {
  auto p = parse(
      "package t\n"
      "enum A { a b }\n"
      "const c: int = 1 +\n"
      "record R { x: int }\n"
      "fn f(: int): int = 1\n");
  size_t n = 0;
  for (const auto& code : p->codes()) n += code == "E0001";
  EXPECT_GE(n, 2u) << p->messages();
  bool sawRecord = false;
  for (const auto& d : p->file->decls) sawRecord |= d->name.name == "R";
  EXPECT_TRUE(sawRecord) << "recovery should still build later declarations";
}

TEST(SyntaxErrors, HardKeywordAsName) {
  auto p = parse("package t\nconst when: int = 1\n");
  ASSERT_TRUE(p->has("E0001"));
  EXPECT_EQ(p->first("E0001")->message, "syntax error: expected identifier, found 'when'");
}

TEST(LexicalErrors, UnexpectedCharacter) {
  auto p = parse("package t\nconst c: int = 1 # 2\n");
  ASSERT_TRUE(p->has("E0002"));
  EXPECT_EQ(p->textAt(p->first("E0002")->loc), "#");
}

TEST(LexicalErrors, UnterminatedString) {
  auto p = parse("package t\nconst c: string = \"abc\nconst d: int = 1\n");
  ASSERT_TRUE(p->has("E0003")) << p->messages();
  EXPECT_EQ(p->sources.lineCol(p->first("E0003")->loc).line, 2u);
  EXPECT_FALSE(p->has("E0001")) << p->messages();
}

TEST(LexicalErrors, UnterminatedBlockComment) {
  auto p = parse("package t\nconst c: int = 1 /* no end\n const d: int = 2\n");
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0004"});
  EXPECT_EQ(p->textAt(p->first("E0004")->loc), "/*");
}

TEST(LexicalErrors, InvalidEscape) {
  auto p = parse("package t\nconst c: string = \"a\\qb \\u{D800} \\u{41}\"\n");
  EXPECT_EQ(p->codes(), (std::vector<std::string>{"E0005", "E0005"}));
  EXPECT_EQ(p->textAt(p->first("E0005")->loc), "\\q");
}

TEST(LexicalErrors, InvalidUtf8ReportsFirstBadByteAndContinues) {
  auto p = parse("package t\nconst c: string = \"a\xff\xfe\"\nconst d: int = (1\n");
  ASSERT_TRUE(p->has("E0006"));
  EXPECT_EQ(p->first("E0006")->loc.offset, 30u);
  EXPECT_TRUE(p->has("E0001")) << "the rest of the file is still parsed";
  size_t n = 0;
  for (const auto& code : p->codes()) n += code == "E0006";
  EXPECT_EQ(n, 1u);
}

TEST(LexicalErrors, NulByte) {
  std::string text = "package t\nconst c: int = 1";
  text += '\0';
  text += "\n";
  auto p = parse(text);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0007"});
  EXPECT_EQ(p->first("E0007")->loc.offset, 26u);
}

TEST(LexicalErrors, MalformedNumbers) {
  auto p = parse("package t\nconst a: int = 08\nconst b: duration = 15days\nconst c: float = 2e\n");
  EXPECT_EQ(p->codes(), (std::vector<std::string>{"E0008", "E0017", "E0017"})) << p->messages();
  EXPECT_EQ(p->textAt(p->first("E0008")->loc), "08");
  EXPECT_EQ(p->textAt(p->first("E0017")->loc), "15days");
}

TEST(LiteralErrors, DatesTimestampsDurations) {
  EXPECT_EQ(parseExpr("2023-02-30")->codes(), std::vector<std::string>{"E0009"});
  EXPECT_EQ(parseExpr("2023-02-28T24:00:00Z")->codes(), std::vector<std::string>{"E0010"});
  EXPECT_EQ(parseExpr("01d")->codes(), std::vector<std::string>{"E0011"});
  EXPECT_EQ(parseExpr("99999999999999999d")->codes(), std::vector<std::string>{"E0011"});
  EXPECT_TRUE(parse(rule("when true then deny effective 2023-13-01"))->has("E0009"));
}

TEST(LiteralErrors, IntegerRangeIsLeftToTheChecker) {
  // The parser records magnitude and overflow; E0012 comes from the checker, which knows
  // whether the literal is negated. Numbers in citations and articles are checked here.
  auto big = parseExpr("9223372036854775808");
  EXPECT_TRUE(big->codes().empty());
  EXPECT_EQ(constValue(*big)->as<ast::IntLit>()->magnitude, 9223372036854775808ull);
  auto huge = parseExpr("123456789012345678901234");
  EXPECT_TRUE(huge->codes().empty());
  EXPECT_TRUE(constValue(*huge)->as<ast::IntLit>()->overflow);
  EXPECT_EQ(parse("package t\nlaw l { article 99999999999999999999 }\n")->codes(), std::vector<std::string>{"E0012"});
  EXPECT_EQ(parseExpr("1e999")->codes(), std::vector<std::string>{"E0022"});
}

TEST(ClauseErrors, DuplicateClauseWithNote) {
  auto p = parse(rule("when true then deny\n  when false"));
  ASSERT_EQ(p->codes(), std::vector<std::string>{"E0014"});
  const Diagnostic* d = p->first("E0014");
  EXPECT_EQ(d->message, "duplicate 'when' clause");
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(p->sources.lineCol(d->notes[0].loc).line, 3u);
  EXPECT_EQ(p->sources.lineCol(d->loc).line, 4u);
}

TEST(ClauseErrors, MissingWhenAndThen) {
  auto p = parse(rule("severity low"));
  EXPECT_EQ(p->codes(), (std::vector<std::string>{"E0015", "E0015"}));
  EXPECT_EQ(p->diags.diagnostics()[0].message, "rule 'r' has no 'when' clause");
  EXPECT_EQ(p->diags.diagnostics()[1].message, "rule 'r' has no 'then' clause");
  auto q = parse("package t\nexception x(e: E) for r { cites \"a\" }\n");
  EXPECT_EQ(q->codes(), std::vector<std::string>{"E0015"});
}

TEST(ClauseErrors, ExceptionClausesRestricted) {
  auto p = parse("package t\nexception x(e: E) for r { when true then deny }\n");
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0001"});
}

TEST(ClauseErrors, UnknownSeverity) {
  auto p = parse(rule("when true then deny severity huge"));
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0001"});
}

TEST(ClauseErrors, RuleNamedAfterEffectWord) {
  for (std::string word : {"deny", "allow", "flag", "require", "excepted"}) {
    auto p = parse("package t\nrule " + word + "(e: E) { when true then deny }\n");
    EXPECT_EQ(p->codes(), std::vector<std::string>{"E0016"}) << word;
  }
}

TEST(MessageErrors, LoneBraceAndBadInterpolations) {
  EXPECT_EQ(parse(rule("when true then deny message \"a } b\""))->codes(), std::vector<std::string>{"E0018"});
  EXPECT_EQ(parse(rule("when true then deny message \"a {} b\""))->codes(), std::vector<std::string>{"E0019"});
  EXPECT_EQ(parse(rule("when true then deny message \"a {f(\\\"x\\\")} b\""))->codes(),
            std::vector<std::string>{"E0019"});
  EXPECT_EQ(parse(rule("when true then deny message \"a {x\""))->codes(), std::vector<std::string>{"E0019"});
  auto p = parse(rule("when true then deny message \"a {x +} b\""));
  ASSERT_EQ(p->codes(), std::vector<std::string>{"E0001"});
  EXPECT_EQ(p->textAt(p->first("E0001")->loc), "}") << "locations inside interpolations map back to the file";
}

TEST(MessageErrors, TitlesDoNotInterpolate) {
  auto p = parse(rule("when true then deny title \"a } {b}\""));
  EXPECT_TRUE(p->codes().empty());
}

TEST(PackageErrors, MissingInvalidReserved) {
  EXPECT_EQ(parse("const c: int = 1\n")->codes(), std::vector<std::string>{"E0021"});
  EXPECT_EQ(parse("")->codes(), std::vector<std::string>{"E0021"});
  EXPECT_EQ(parse("package Measures.x\n")->codes(), std::vector<std::string>{"E0020"});
  EXPECT_EQ(parse("package std.mine\n")->codes(), std::vector<std::string>{"E0128"});
  EXPECT_EQ(parse("package std\n")->codes(), std::vector<std::string>{"E0128"});
  EXPECT_TRUE(parse("package stdx.a_1\n")->codes().empty());
}

TEST(Limits, TooManyDecls) {
  ParseLimits limits;
  limits.maxDecls = 2;
  auto p = parse("package t\naction a\naction b\naction c\n", limits);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0903"});
  EXPECT_EQ(p->file->decls.size(), 2u);
}

TEST(Limits, SourceTooLarge) {
  ParseLimits limits;
  limits.maxSourceBytes = 10;
  auto p = parse("package toolong\n", limits);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0902"});
}

}  // namespace
}  // namespace gai::syntax::test
