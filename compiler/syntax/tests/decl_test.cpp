// Declarations, clauses, messages, docs and comments; the spec's own examples.
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace gai::syntax::test {
namespace {

std::string readData(const std::string& name) {
  std::ifstream in(std::string(GAI_SOURCE_DIR) + "/compiler/syntax/tests/data/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SpecExamples, MeasuresSchemaParsesCleanly) {
  std::string text = readData("measures-schema.gai");
  ASSERT_FALSE(text.empty());
  auto p = parse(text);
  EXPECT_EQ(p->messages(), "");
  EXPECT_EQ(p->file->package.str(), "measures.schema");
  EXPECT_GT(p->file->decls.size(), 25u);
}

TEST(SpecExamples, Section3ParsesCleanly) {
  auto p = parse(readData("language_s3.gai"));
  EXPECT_EQ(p->messages(), "");
  ASSERT_EQ(p->file->decls.size(), 10u);
  EXPECT_EQ(p->file->imports.size(), 1u);
  EXPECT_EQ(p->file->decls[0]->doc, "What the model produced.");
  auto* rule = p->file->decls[8]->as<ast::RuleDecl>();
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->name.name, "unlabeled_media");
  EXPECT_EQ(rule->severity, ast::SeverityLevel::High);
  ASSERT_EQ(rule->cites.size(), 2u);
  EXPECT_EQ(rule->cites[0].kind, ast::Citation::Kind::Structured);
  EXPECT_EQ(rule->cites[0].article, 12);
  EXPECT_EQ(rule->cites[1].text, "Labeling Measures Art. 4");
  ASSERT_EQ(rule->effects.size(), 2u);
  EXPECT_EQ(rule->effects[1].action.str(), "add_explicit_label");
  ASSERT_TRUE(rule->message && rule->message->en && rule->message->zh);
  EXPECT_EQ(rule->message->en->texts, (std::vector<std::string>{"AI-generated ", " lacks an explicit label"}));
  EXPECT_EQ(rule->message->zh->texts, (std::vector<std::string>{"生成的", "内容缺少显式标识"}));
  ASSERT_EQ(rule->message->zh->exprs.size(), 1u);
  EXPECT_EQ(p->textAt(rule->message->zh->exprs[0]->loc), "e.output.modality");
  auto* exc = p->file->decls[9]->as<ast::ExceptionDecl>();
  ASSERT_NE(exc, nullptr);
  EXPECT_EQ(exc->targets[0].str(), "unlabeled_media");
  EXPECT_EQ(exc->cites[0].para, 3);
  auto* law = p->file->decls[7]->as<ast::LawDecl>();
  ASSERT_NE(law, nullptr);
  ASSERT_EQ(law->articles.size(), 3u);
  EXPECT_EQ(law->articles[0].paras, 3);
  EXPECT_EQ(law->articles[1].items, 5);
  EXPECT_EQ(law->title->zh->value, "生成式人工智能服务管理暂行办法");
}

TEST(SpecExamples, Section6ParsesCleanly) {
  auto p = parse(readData("language_s6.gai"));
  EXPECT_EQ(p->messages(), "");
  ASSERT_EQ(p->file->decls.size(), 1u);
  auto* t = p->file->decls[0]->as<ast::TestDecl>();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->name.name, "unlabeled image is denied");
  EXPECT_TRUE(t->nowMicros.has_value());
  EXPECT_EQ(t->given.name.name, "e");
  ASSERT_EQ(t->expectations.size(), 7u);
  std::vector<ast::ExpectKind> kinds;
  for (const auto& x : t->expectations) kinds.push_back(x.kind);
  EXPECT_EQ(kinds, (std::vector<ast::ExpectKind>{ast::ExpectKind::Fires, ast::ExpectKind::NotFires,
                                                  ast::ExpectKind::Excepted, ast::ExpectKind::Error,
                                                  ast::ExpectKind::Deny, ast::ExpectKind::Require,
                                                  ast::ExpectKind::Assert}));
  EXPECT_EQ(t->expectations[2].by->str(), "closed_research");
}

}  // namespace
}  // namespace gai::syntax::test
