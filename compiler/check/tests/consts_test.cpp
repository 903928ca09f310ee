// Constant evaluation and lines().
#include <filesystem>
#include <fstream>

#include "check/lines.h"
#include "core/civil_time.h"
#include "check_fixture.h"

namespace gai::check::testing {
namespace {

namespace fs = std::filesystem;

TEST(Consts, EvaluatesConstsAndDefaults) {
  auto c = checkWithPrelude(R"(
const n: int = base * 2 + -3
const base: int = 10
fn twice(x: int): int = x * 2
const t: int = twice(n) % 7
const tags: set<Tag> = { c, a, c }
const d: date = 2024-01-31 + 1d
const o: Output = Output { modality: image }
const lbl: bool = (o with { labeled: true }).labeled
rule r(e: Event) { cites L art 1 when e.output.hits > t and e.output.tags == tags and d > 2000-01-01 and lbl then deny }
)");
  ASSERT_FALSE(c->diags.hasErrors()) << c->dump();
  const Program& p = *c->program;
  EXPECT_EQ(p.constValue(c->decl("n"))->i, 17);
  EXPECT_EQ(p.constValue(c->decl("t"))->i, 34 % 7);
  const Value* tags = p.constValue(c->decl("tags"));
  ASSERT_EQ(tags->elems.size(), 2u);
  EXPECT_EQ(tags->elems[0].i, 0);  // a (canonical order: declaration order)
  EXPECT_EQ(tags->elems[1].i, 2);  // c
  EXPECT_EQ(p.constValue(c->decl("d"))->i, rt::daysFromCivil(2024, 2, 1));
  const Value* o = p.constValue(c->decl("o"));
  ASSERT_EQ(o->kind, Value::Kind::Record);
  EXPECT_DOUBLE_EQ(o->elems[3].f, 0.5);  // score default
  EXPECT_TRUE(o->elems[4].isNone());     // mark: optional without default
  EXPECT_TRUE(p.constValue(c->decl("lbl"))->b);
  auto* output = c->decl("Output")->as<ast::RecordDecl>();
  ASSERT_NE(p.fieldDefault(output, 2), nullptr);
  EXPECT_EQ(p.fieldDefault(output, 2)->kind, Value::Kind::Set);
  EXPECT_EQ(p.fieldDefault(output, 0), nullptr);  // required
}

TEST(Consts, EvaluationErrors) {
  auto c = checkWithPrelude(R"(
const a: int = 9223372036854775807 + 1
const b: int = 1 % 0
const m: int = -9223372036854775808
const f: int = int(1.0e300)
const n: timestamp = now
fn uses(e: Event): bool = true
const x: bool = r2(Event { service: Service { offered: true }, output: Output { modality: text }, at: now })
rule r2(e: Event) { cites L art 1 when e.service.offered and a + b + m + f > 0 and n > n then deny }
)");
  EXPECT_EQ(c->count("E0221"), 3u) << c->dump();
  EXPECT_EQ(c->count("E0218"), 2u) << c->dump();
  EXPECT_EQ(c->program->constValue(c->decl("m"))->i, INT64_MIN);
}

TEST(Consts, StdFunctionsInConstants) {
  auto c = checkWithPrelude(R"(
import std.text
import std.time
import std.math
const shout: string = text.upper("abc\u{E9}")
const len: int = text.length("生成式AI")
const hit: bool = text.matches("ID-42", "[0-9]+") and text.contains_any("a ban here", {"ban", "x"})
const terms: int = text.count_terms("ab abc", {"ab", "abc", "zz", ""})
const day: date = time.date_of(2024-03-01T20:00:00Z, 8)
const big: int = math.max(3, math.abs(-7)) + time.hours(1d12h)
const bad: int = math.abs(-9223372036854775807 - 1)
rule r(e: Event) { cites L art 1 when e.output.hits > len + terms + big + bad and hit and shout != "" and day > 2000-01-01 then deny }
)");
  EXPECT_EQ(c->count("E0221"), 1u) << c->dump();  // abs of the minimum int
  const Program& p = *c->program;
  EXPECT_EQ(p.constValue(c->decl("shout"))->s, "ABC\xC3\x89");
  EXPECT_EQ(p.constValue(c->decl("len"))->i, 5);
  EXPECT_TRUE(p.constValue(c->decl("hit"))->b);
  EXPECT_EQ(p.constValue(c->decl("terms"))->i, 2);
  EXPECT_EQ(p.constValue(c->decl("day"))->i, rt::daysFromCivil(2024, 3, 2));
  EXPECT_EQ(p.constValue(c->decl("big"))->i, 7 + 36);
}

TEST(Consts, SplitKeywordLines) {
  auto lines = splitKeywordLines("\xEF\xBB\xBF  alpha \r\n# comment\r\n\r\n\tbeta\n  #x\ngamma");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "alpha");
  EXPECT_EQ(lines[1], "beta");
  EXPECT_EQ(lines[2], "gamma");
}

class LinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("gai_lines_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "root" / "kw");
    write(base_ / "root" / "kw" / "terms.txt", "b\nA\n# skip\n\nb\n");
    write(base_ / "outside.txt", "secret\n");
    fs::create_symlink(base_ / "outside.txt", base_ / "root" / "kw" / "link.txt");
    root_ = fs::canonical(base_ / "root").string();
  }
  void TearDown() override { fs::remove_all(base_); }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

  std::unique_ptr<Checked> check(const std::string& consts, const std::string& file = "p/main.gai") {
    return checkSources({{file, "package p\n" + consts +
                                    "record E { s: string }\nrule r(e: E) { cites \"x\" when e.s in k then deny }\n"}},
                        root_);
  }

  fs::path base_;
  std::string root_;
};

TEST_F(LinesTest, ReadsSetAndList) {
  auto c = check("const k: set<string> = lines(\"../kw/terms.txt\")\n"
                 "const l: list<string> = lines(\"../kw/terms.txt\")\nconst u: int = size(l)\n");
  ASSERT_FALSE(c->diags.hasErrors()) << c->dump();
  const Value* k = c->program->constValue(c->decl("k"));
  ASSERT_EQ(k->elems.size(), 2u);
  EXPECT_EQ(k->elems[0].s, "A");
  EXPECT_EQ(k->elems[1].s, "b");
  EXPECT_EQ(c->program->constValue(c->decl("l"))->elems.size(), 3u);
  EXPECT_EQ(c->program->constValue(c->decl("u"))->i, 3);
}

TEST_F(LinesTest, RefusesEscapes) {
  auto c = check("const k: set<string> = lines(\"../../outside.txt\")\n"
                 "const a: set<string> = lines(\"" + (base_ / "outside.txt").string() + "\")\n"
                 "const s: set<string> = lines(\"../kw/link.txt\")\n"
                 "const m: set<string> = lines(\"../kw/missing.txt\")\n");
  EXPECT_EQ(c->count("E0403"), 3u) << c->dump();
  EXPECT_EQ(c->count("E0402"), 1u) << c->dump();
}

TEST_F(LinesTest, OnlyAsAConstValue) {
  auto c = check("const k: set<string> = lines(\"../kw/terms.txt\")\n"
                 "const j: bool = \"a\" in lines(\"../kw/terms.txt\")\n"
                 "const n: int = lines(\"../kw/terms.txt\")\n"
                 "const path: string = \"../kw/terms.txt\"\n"
                 "const q: set<string> = lines(path)\n");
  EXPECT_EQ(c->count("E0401"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0404"), 1u) << c->dump();
  EXPECT_EQ(c->count("E0407"), 1u) << c->dump();
}

}  // namespace
}  // namespace gai::check::testing
