// Hostile inputs: deep nesting, huge literals, bad bytes, big files. None may crash.
#include <random>

#include "test_util.h"

namespace gai::syntax::test {
namespace {

TEST(Hostile, TenThousandNestedParens) {
  std::string text = "package t\nconst c: int = " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\n";
  auto p = parse(text);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0901"});
}

TEST(Hostile, DeepNestingOfEveryKind) {
  for (std::string open : {"[", "{", "not ", "-", "if a then 1 else ", "let x = 1 in ", "a implies ", "a ?? "}) {
    std::string text = "package t\nconst c: int = ";
    for (int i = 0; i < 20000; ++i) text += open;
    text += "1";
    auto p = parse(text);
    EXPECT_TRUE(p->has("E0901")) << open;
  }
}

TEST(Hostile, LongOperatorChainIsLimitedNotCrashing) {
  std::string text = "package t\nconst c: int = 1";
  for (int i = 0; i < 200000; ++i) text += " + 1";
  auto p = parse(text);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0901"});
}

TEST(Hostile, NestingWithinTheLimitParses) {
  std::string text = "package t\nconst c: int = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n";
  EXPECT_TRUE(parse(text)->codes().empty());
}

TEST(Hostile, OneMegabyteStringLiteral) {
  std::string body(1 << 20, 'x');
  auto p = parse("package t\nconst c: string = \"" + body + "\"\n");
  EXPECT_TRUE(p->codes().empty());
  auto* value = constValue(*p);
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->as<ast::StringLit>()->value.size(), body.size());
}

TEST(Hostile, InvalidUtf8Everywhere) {
  std::string text = "package t\n\xC0\x80 const c: string = \"\xED\xA0\x80\" \xF8\n// \xFF\n";
  auto p = parse(text);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"E0006"});
  EXPECT_EQ(p->first("E0006")->loc.offset, 10u);
}

TEST(Hostile, BomIsSkipped) {
  auto p = parse("\xEF\xBB\xBFpackage t\nconst c: int = 1\n");
  EXPECT_TRUE(p->codes().empty());
  EXPECT_EQ(p->file->package.loc.offset, 11u);
}

TEST(Hostile, NulBytesAndUnterminatedComment) {
  std::string text("package t\n\0\0/* never closed", 27);
  auto p = parse(text);
  EXPECT_EQ(p->codes(), (std::vector<std::string>{"E0007", "E0004"}));
}

TEST(Hostile, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::string text = "package t\n";
    size_t n = rng() % 300;
    static const char* const pieces[] = {"rule", " r(", "e: E", ") {", "when", " then ", "deny", "\"{x}\"", "}",
                                         "(", ")", "[", "{", ",", ".", "?.", "??", "let", " in ", "if", "1d",
                                         "2023-01-01", "08", "\"", "/*", "\xff", "\\", "message", "with"};
    for (size_t i = 0; i < n; ++i) {
      if (rng() % 5 == 0) text += static_cast<char>(rng() % 256);
      else text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    }
    auto p = parse(text);
    ASSERT_NE(p->file, nullptr);
    (void)dumpAst(*p->file, true);
  }
}

std::string generatedRules(size_t bytes) {
  std::string out = "package gen.rules\nimport std.text\n";
  for (size_t i = 0; out.size() < bytes; ++i) {
    std::string n = std::to_string(i);
    out += "/// Rule " + n + ".\nrule r" + n + "(e: GenerationEvent) {\n"
           "  title en \"Rule number " + n + "\" zh \"规则" + n + "\"\n"
           "  cites gai_measures art " + std::to_string(i % 20 + 1) + " para 2, \"Free text " + n + "\"\n"
           "  severity high\n  effective 2023-08-15 until 2030-01-01\n"
           "  when e.output.modality != text and not e.output.explicit_label and (e.user.age ?? 18) < " + n + "\n"
           "       and any(t in e.output.risk_tags: t in {subversion, terror_extremism})\n"
           "       or count(x in e.service.modalities: x == image) > 2\n"
           "       and text.contains(e.prompt.text, \"kw" + n + "\")\n"
           "       implies (let k = size(e.output.risk_tags) in k * 2 + 1 >= " + n + ")\n"
           "  then deny, require report(cac)\n"
           "  message en \"AI-generated {e.output.modality} number " + n + " lacks a label\" zh \"生成的{e.output.modality}内容\"\n"
           "}\n";
  }
  return out;
}

TEST(Hostile, FiveMegabytesOfGeneratedRules) {
  std::string text = generatedRules(5u << 20);
  auto p = parse(text);
  EXPECT_EQ(p->messages(), "");
  EXPECT_GT(p->file->decls.size(), 7000u);
  auto* last = p->file->decls.back()->as<ast::RuleDecl>();
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->doc, "Rule " + std::to_string(p->file->decls.size() - 1) + ".");
}

}  // namespace
}  // namespace gai::syntax::test
