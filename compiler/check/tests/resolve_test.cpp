// Name resolution across files, packages and std.
#include "check_fixture.h"

namespace gai::check::testing {
namespace {

TEST(Resolve, SchemaChecksClean) {
  auto c = checkSources({{"schema.gai", ""}});  // replaced below
  std::FILE* f = std::fopen(GAI_SPEC_DIR "/measures-schema.gai", "rb");
  ASSERT_NE(f, nullptr);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  c = checkSources({{"measures-schema.gai", text}});
  EXPECT_EQ(c->diags.diagnostics().size(), 0u) << c->dump();
  EXPECT_NE(c->program->findPackage("measures.schema"), nullptr);
}

TEST(Resolve, AcrossFilesAndPackagesWithAliases) {
  auto c = checkSources({
      {"a/schema.gai", "package p.schema\nenum Kind { x, y }\nrecord Ev { kind: Kind }\nconst lim: int = 3\n"
                       "fn ok(e: Ev): bool = e.kind == y\nlaw L { article 1 \"A\" }\n"},
      {"b/rules.gai", "package p.rules\nimport p.schema\nimport p.schema as s2\nimport std.text as tx\n"
                      "rule r(e: schema.Ev) { cites schema.L art 1\n"
                      "  when e.kind == x and e.kind != s2.Kind.y and schema.ok(e) and schema.lim > 2\n"
                      "    and tx.length(\"a\") == 1\n  then deny }\n"
                      "rule q(e: s2.Ev) { cites s2.L art 1 when r(e) then flag }\n"},
  });
  EXPECT_FALSE(c->diags.hasErrors()) << c->dump();
  EXPECT_EQ(c->diags.diagnostics().size(), 0u) << c->dump();
  EXPECT_EQ(c->program->rules().size(), 2u);
  EXPECT_EQ(c->program->qualifiedName(c->program->rules()[0].decl), "p.rules.r");
}

TEST(Resolve, ForwardReferencesAndLocalsShadow) {
  auto c = checkWithPrelude(R"(
rule r(e: Event) { cites L art 1 when helper(e.output) then deny }
fn helper(o: Output): bool = let text = o.hits > 0 in text and o.modality == image
)");
  EXPECT_FALSE(c->diags.hasErrors()) << c->dump();
  auto* fn = c->decl("helper")->as<ast::FnDecl>();
  auto* let = fn->body->as<ast::LetExpr>();
  ASSERT_NE(let, nullptr);
  EXPECT_EQ(let->var.slot, 1u);
  EXPECT_EQ(c->program->frameSize(fn), 2u);
  auto* and_ = let->body->as<ast::BinaryExpr>();
  auto* name = and_->lhs->as<ast::NameExpr>();
  EXPECT_EQ(name->res.ref, ast::Ref::Local);  // the let, not the enum member `text`
}

TEST(Resolve, BareMemberOnlyWhereExpected) {
  auto c = checkWithPrelude(R"(
const m: Modality = image
const bad: bool = image
const qualified: Modality = Modality.audio
const inset: bool = m in { text, image } and qualified not in [text]
const cmp: bool = text == m
rule r(e: Event) { cites L art 1 when e.output.modality == bad2 and m == qualified and inset and cmp then deny }
)");
  EXPECT_EQ(c->count("E0213"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0101"), 1u) << c->dump();  // bad2
  EXPECT_EQ(c->first("E0101")->message, "unknown name 'bad2'");
}

TEST(Resolve, DuplicatesReportedAtTheLaterWithANote) {
  auto c = checkSources({{"a.gai", "package p\nconst x: int = 1\n"}, {"b.gai", "package p\nfn x(): int = 2\n"}});
  ASSERT_TRUE(c->has("E0120")) << c->dump();
  const Diagnostic* d = c->first("E0120");
  EXPECT_EQ(c->bundle->sources.file(d->loc.file).path(), "b.gai");
  ASSERT_EQ(d->notes.size(), 1u);
  EXPECT_EQ(c->bundle->sources.file(d->notes[0].loc.file).path(), "a.gai");
}

TEST(Resolve, DuplicateMembersFieldsImports) {
  auto c = checkSource("package p\nimport std.text\nimport std.math as text\nenum E { a, b, a }\n"
                       "record R { f: int  f: bool }\n");
  EXPECT_TRUE(c->has("E0122")) << c->dump();
  EXPECT_TRUE(c->has("E0121")) << c->dump();
  EXPECT_TRUE(c->has("E0123")) << c->dump();
}

TEST(Resolve, StdModuleNeedsImport) {
  auto c = checkSource("package p\nconst n: int = text.length(\"a\")\n");
  ASSERT_TRUE(c->has("E0104")) << c->dump();
  EXPECT_EQ(c->first("E0104")->help, "add `import std.text`");
}

TEST(Resolve, ModuleIsNotAValueAndUnknownPackages) {
  auto c = checkSource("package p\nimport std.text\nimport nowhere.pkg\nimport std.net\n"
                       "const x: bool = text\nconst y: int = text.nope(\"a\")\n");
  EXPECT_TRUE(c->has("E0126")) << c->dump();
  EXPECT_EQ(c->count("E0104"), 2u) << c->dump();
  EXPECT_TRUE(c->has("E0112")) << c->dump();
}

TEST(Resolve, ReservedPackageAndUnknownTypes) {
  auto c = checkSource("package std.mine\nrecord R { f: Missing  g: set<R2> }\nrecord R2 { x: int }\n");
  EXPECT_TRUE(c->has("E0128")) << c->dump();
  EXPECT_TRUE(c->has("E0110")) << c->dump();
  EXPECT_TRUE(c->has("E0211")) << c->dump();  // set of a record
}

TEST(Resolve, EnumMembersQualifiedAndUnknown) {
  auto c = checkSources({{"a.gai", "package q\nenum K { x }\n"},
                         {"b.gai", "package p\nimport q\nconst k: q.K = q.K.x\nconst j: q.K = q.K.z\n"
                                   "const i: int = q.missing\n"}});
  EXPECT_TRUE(c->has("E0103")) << c->dump();
  EXPECT_TRUE(c->has("E0101")) << c->dump();
}

}  // namespace
}  // namespace gai::check::testing
