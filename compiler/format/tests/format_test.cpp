// Properties of the formatter over every .gai file of the repository, the shipped schema
// and deliberately ugly inputs: idempotent, meaning-preserving (the AST dump without
// locations is unchanged), comment-preserving (the multiset of comment texts is unchanged).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/format.h"
#include "syntax/dump.h"
#include "syntax/parse.h"
#include "ugly_inputs.h"

namespace gai::format {
namespace {

namespace fs = std::filesystem;

struct Parsed {
  bool ok = false;
  std::string dump;
  std::vector<std::string> comments;  // sorted
  std::string errors;
};

Parsed parse(const std::string& text) {
  Parsed out;
  SourceManager sources;
  FileId id = sources.add("input.gai", text);
  DiagnosticSink diags;
  std::unique_ptr<ast::File> file = syntax::parseFile(sources, id, diags);
  for (const Diagnostic& d : diags.diagnostics()) out.errors += std::string(d.code()) + " " + d.message + "\n";
  out.ok = file && !diags.hasErrors();
  if (!file) return out;
  out.dump = syntax::dumpAst(*file, false);
  for (const ast::Comment& c : file->comments) out.comments.push_back(c.text);
  std::sort(out.comments.begin(), out.comments.end());
  return out;
}

std::string format(const std::string& text, bool& ok) {
  DiagnosticSink diags;
  std::string out;
  ok = formatSource("input.gai", text, out, diags);
  return out;
}

// All three properties; `label` names the input in failure messages.
void expectProperties(const std::string& label, const std::string& text) {
  SCOPED_TRACE(label);
  Parsed before = parse(text);
  ASSERT_TRUE(before.ok) << "input does not parse:\n" << before.errors;
  bool ok = false;
  std::string once = format(text, ok);
  ASSERT_TRUE(ok);
  Parsed after = parse(once);
  ASSERT_TRUE(after.ok) << "output does not parse:\n" << after.errors << "\n" << once;
  EXPECT_EQ(before.dump, after.dump) << "meaning changed; output:\n" << once;
  EXPECT_EQ(before.comments, after.comments) << "comments changed; output:\n" << once;
  std::string twice = format(once, ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(once, twice) << "not idempotent";
  EXPECT_EQ(once.back(), '\n');
  EXPECT_EQ(once.find("\n\n\n"), std::string::npos) << "more than one blank line:\n" << once;
  EXPECT_EQ(once.find(" \n"), std::string::npos) << "trailing white space:\n" << once;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> repoGaiFiles() {
  std::vector<fs::path> files;
  fs::path root(GAI_SOURCE_DIR);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    if (it->is_directory() && (name.rfind("build", 0) == 0 || name == ".git")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".gai") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(FormatCorpus, EveryRepositoryFile) {
  std::vector<fs::path> files = repoGaiFiles();
  fs::path schema = fs::path(GAI_SPEC_DIR) / "measures-schema.gai";
  if (fs::exists(schema)) files.push_back(schema);
  size_t formatted = 0;
  for (const fs::path& path : files) {
    std::string text = readFile(path);
    if (!parse(text).ok) {
      // Syntax-error cases (goldens of the parser): the formatter must refuse them cleanly.
      bool ok = true;
      std::string out = format(text, ok);
      EXPECT_FALSE(ok) << path;
      EXPECT_TRUE(out.empty()) << path;
      continue;
    }
    expectProperties(path.string(), text);
    ++formatted;
  }
  EXPECT_GT(formatted, 0u) << "no .gai file found under " << GAI_SOURCE_DIR;
}

class FormatUgly : public ::testing::TestWithParam<testing::UglyInput> {};

TEST_P(FormatUgly, Properties) { expectProperties(GetParam().name, GetParam().text); }

INSTANTIATE_TEST_SUITE_P(Inputs, FormatUgly, ::testing::ValuesIn(testing::uglyInputs()),
                         [](const ::testing::TestParamInfo<testing::UglyInput>& info) { return info.param.name; });

std::string fmt(const std::string& text) {
  bool ok = false;
  std::string out = format(text, ok);
  EXPECT_TRUE(ok) << text;
  return out;
}

TEST(FormatLayout, DeclarationsSeparatedByOneBlankLine) {
  EXPECT_EQ(fmt("package p enum A{x} enum B{y}"), "package p\n\nenum A { x }\n\nenum B { y }\n");
}

TEST(FormatLayout, RecordOneFieldPerLine) {
  EXPECT_EQ(fmt("package p record R{a:int,b:set<int> = {}}"),
            "package p\n\nrecord R {\n  a: int\n  b: set<int> = {}\n}\n");
}

TEST(FormatLayout, RuleClausesPadded) {
  EXPECT_EQ(fmt("package p rule r(e:E){when e.x then deny severity high}"),
            "package p\n\nrule r(e: E) {\n  when      e.x\n  then      deny\n  severity  high\n}\n");
}

TEST(FormatLayout, LongWhenBreaksAtAnd) {
  std::string cond = "e.aaaaaaaaaaaaaaaaaaaa and e.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb and e.cccccccccccccccccccccccccccc "
                     "and e.dddddddddddd";
  EXPECT_EQ(fmt("package p rule r(e:E){when " + cond + " then flag}"),
            "package p\n\nrule r(e: E) {\n  when      e.aaaaaaaaaaaaaaaaaaaa\n"
            "            and e.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n            and e.cccccccccccccccccccccccccccc\n"
            "            and e.dddddddddddd\n  then      flag\n}\n");
}

TEST(FormatLayout, ParenthesesWherePrecedenceNeedsThem) {
  EXPECT_EQ(fmt("package p const a: int = 1 + 2 * 3 - (5 - 6)"), "package p\n\nconst a: int = 1 + 2 * 3 - (5 - 6)\n");
  EXPECT_EQ(fmt("package p const b: int = (if x then 1 else 2) + 3"),
            "package p\n\nconst b: int = (if x then 1 else 2) + 3\n");
  EXPECT_EQ(fmt("package p const c: bool = let x = (a in s) in x"),
            "package p\n\nconst c: bool = let x = (a in s) in x\n");
}

TEST(FormatLayout, AuthorsGroupingKept) {
  EXPECT_EQ(fmt("package p const a: int = ((1 + 2)) * (3 * 4) - (5 - 6)"),
            "package p\n\nconst a: int = (1 + 2) * (3 * 4) - (5 - 6)\n");
  EXPECT_EQ(fmt("package p const d: bool = (not a) == b and not (a == b)"),
            "package p\n\nconst d: bool = (not a) == b and not (a == b)\n");
  EXPECT_EQ(fmt("package p const e: bool = a or (b and c)"), "package p\n\nconst e: bool = a or (b and c)\n");
}

TEST(FormatLayout, RedundantParenthesesDropped) {
  EXPECT_EQ(fmt("package p const a: bool = (a or b)"), "package p\n\nconst a: bool = a or b\n");
  EXPECT_EQ(fmt("package p const b: int = (x) + f((y + 1)) + (r.f)"), "package p\n\nconst b: int = x + f(y + 1) + r.f\n");
  EXPECT_EQ(fmt("package p const c: bool = ((a and b)) or c"), "package p\n\nconst c: bool = (a and b) or c\n");
}

TEST(FormatLayout, StringsReescaped) {
  EXPECT_EQ(fmt("package p const s: string = \"\\u{41}\\u{9}\\\"\""),
            "package p\n\nconst s: string = \"A\\t\\\"\"\n");
}

TEST(FormatLayout, LiteralTextKept) {
  EXPECT_EQ(fmt("package p const d: duration = 1d12h const f: float = 1.50e3"),
            "package p\n\nconst d: duration = 1d12h\n\nconst f: float = 1.50e3\n");
}

TEST(FormatComments, TrailingAndLeadingKept) {
  EXPECT_EQ(fmt("// head\npackage p // pkg\n\n/// doc\nenum A { x, // ex\n y }  // after\n"),
            "// head\npackage p  // pkg\n\n/// doc\nenum A {\n  x,  // ex\n  y,\n}  // after\n");
}

TEST(FormatComments, CommentInsideExpressionTrailsItsLine) {
  EXPECT_EQ(fmt("package p const a: int = 1 + /* why */ 2\n"), "package p\n\nconst a: int = 1 + 2  /* why */\n");
}

TEST(FormatErrors, SyntaxErrorLeavesOutputEmpty) {
  DiagnosticSink diags;
  std::string out = "stale";
  EXPECT_FALSE(formatSource("bad.gai", "package p\nrecord {", out, diags));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(diags.hasErrors());
}

}  // namespace
}  // namespace gai::format
