#include <gtest/gtest.h>

#include "diagnostics/diagnostic.h"
#include "diagnostics/render.h"

namespace gai {
namespace {

Diagnostic makeDiag(DiagId id, Loc loc, std::string message) {
  return Diagnostic{id, diagInfo(id).severity, loc, std::move(message), {}, {}};
}

// Byte offset of the first occurrence of `needle` in the file's text.
uint32_t at(const SourceManager& sm, FileId file, std::string_view needle) {
  size_t pos = sm.file(file).text().find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return static_cast<uint32_t>(pos);
}

TEST(RenderText, HeaderSnippetAndCaret) {
  SourceManager sm;
  FileId f = sm.add("p/a.gai", "package a\nconst x = foo + 1\n");
  Loc loc{f, at(sm, f, "foo"), 3};
  std::string out = renderText(sm, {makeDiag(DiagId::UnknownName, loc, "unknown name 'foo'")});
  EXPECT_EQ(out,
            "p/a.gai:2:11: error[E0101]: unknown name 'foo'\n"
            " 2 | const x = foo + 1\n"
            "   |           ^~~\n");
}

TEST(RenderText, ChineseTextBeforeSpanCountsCodePoints) {
  SourceManager sm;
  FileId f = sm.add("zh.gai", "package a\nconst m = \"生成式\" + bad\n");
  Loc loc{f, at(sm, f, "bad"), 3};
  std::string out = renderText(sm, {makeDiag(DiagId::UnknownName, loc, "unknown name 'bad'")});
  // 10 code points before the string, 5 for "生成式", 3 for " + ": column 19.
  EXPECT_EQ(out,
            "zh.gai:2:19: error[E0101]: unknown name 'bad'\n"
            " 2 | const m = \"生成式\" + bad\n"
            "   |                   ^~~\n");
}

TEST(RenderText, TabsArePreservedInTheCaretLine) {
  SourceManager sm;
  FileId f = sm.add("t.gai", "\tx\ty\n");
  Loc loc{f, at(sm, f, "y"), 1};
  std::string out = renderText(sm, {makeDiag(DiagId::UnknownName, loc, "unknown name 'y'")});
  EXPECT_EQ(out, "t.gai:1:4: error[E0101]: unknown name 'y'\n 1 | \tx\ty\n   | \t \t^\n");
}

TEST(RenderText, SpanAtEndOfFile) {
  SourceManager sm;
  FileId f = sm.add("e.gai", "package a\nrule r {");
  Loc loc{f, static_cast<uint32_t>(sm.file(f).text().size()), 0};
  std::string out = renderText(sm, {makeDiag(DiagId::SyntaxError, loc, "syntax error: unexpected end of file")});
  EXPECT_EQ(out,
            "e.gai:2:9: error[E0001]: syntax error: unexpected end of file\n"
            " 2 | rule r {\n"
            "   |         ^\n");
}

TEST(RenderText, SpanAfterFinalNewlineShowsEmptyLine) {
  SourceManager sm;
  FileId f = sm.add("n.gai", "package a\n");
  Loc loc{f, 10, 0};
  std::string out = renderText(sm, {makeDiag(DiagId::SyntaxError, loc, "syntax error: x")});
  EXPECT_EQ(out, "n.gai:2:1: error[E0001]: syntax error: x\n 2 |\n   | ^\n");
}

TEST(RenderText, EmptyFile) {
  SourceManager sm;
  FileId f = sm.add("empty.gai", "");
  std::string out = renderText(sm, {makeDiag(DiagId::MissingPackage, Loc{f, 0, 0}, "a file must start with 'package NAME'")});
  EXPECT_EQ(out, "empty.gai:1:1: error[E0021]: a file must start with 'package NAME'\n 1 |\n   | ^\n");
}

TEST(RenderText, MultiLineSpanUnderlinesToEndOfFirstLine) {
  SourceManager sm;
  FileId f = sm.add("m.gai", "ab cd\nef\n");
  Loc loc{f, 3, 5};
  std::string out = renderText(sm, {makeDiag(DiagId::SyntaxError, loc, "syntax error: x")});
  EXPECT_EQ(out, "m.gai:1:4: error[E0001]: syntax error: x\n 1 | ab cd\n   |    ^~\n");
}

TEST(RenderText, ControlCharactersAndInvalidUtf8AreReplaced) {
  SourceManager sm;
  FileId f = sm.add("c.gai", std::string("a\x01\xFFz", 4));
  Loc loc{f, 3, 1};
  std::string out = renderText(sm, {makeDiag(DiagId::UnknownName, loc, "unknown name 'z'")});
  EXPECT_EQ(out, "c.gai:1:4: error[E0101]: unknown name 'z'\n 1 | a\uFFFD\uFFFDz\n   |    ^\n");
}

TEST(RenderText, HelpAndNotesWithTheirOwnSnippets) {
  SourceManager sm;
  FileId f = sm.add("d.gai", "package a\nconst x = 1\nconst x = 2\n");
  Diagnostic d = makeDiag(DiagId::DuplicateDecl, Loc{f, 28, 1}, "'x' is already declared in package 'a'");
  d.withHelp("rename one of them").withNote(Loc{f, 16, 1}, "first declared here").withNote(Loc{}, "no place");
  std::string out = renderText(sm, {d});
  EXPECT_EQ(out,
            "d.gai:3:7: error[E0120]: 'x' is already declared in package 'a'\n"
            " 3 | const x = 2\n"
            "   |       ^\n"
            "help: rename one of them\n"
            "d.gai:2:7: note: first declared here\n"
            " 2 | const x = 1\n"
            "   |       ^\n"
            "note: no place\n");
}

TEST(RenderText, WarningAndDiagnosticWithoutPlace) {
  SourceManager sm;
  FileId f = sm.add("w.gai", "x\n");
  std::vector<Diagnostic> ds = {makeDiag(DiagId::NoSources, Loc{}, "no .gai files in 'dir'"),
                                makeDiag(DiagId::UnusedConst, Loc{f, 0, 1}, "const 'x' is never used")};
  EXPECT_EQ(renderText(sm, ds),
            "error[E0602]: no .gai files in 'dir'\n"
            "w.gai:1:1: warning[W0004]: const 'x' is never used\n"
            " 1 | x\n"
            "   | ^\n");
}

TEST(RenderText, WideLineNumbersAlignTheGutter) {
  SourceManager sm;
  std::string text;
  for (int i = 0; i < 11; ++i) text += "l\n";
  FileId f = sm.add("g.gai", text);
  std::string out = renderText(sm, {makeDiag(DiagId::UnknownName, Loc{f, 20, 1}, "m")});
  EXPECT_EQ(out, "g.gai:11:1: error[E0101]: m\n 11 | l\n    | ^\n");
}

TEST(SummaryLine, Plurals) {
  EXPECT_EQ(summaryLine(0, 0), "");
  EXPECT_EQ(summaryLine(1, 0), "1 error");
  EXPECT_EQ(summaryLine(0, 1), "1 warning");
  EXPECT_EQ(summaryLine(2, 1), "2 errors, 1 warning");
  EXPECT_EQ(summaryLine(1, 3), "1 error, 3 warnings");
}

}  // namespace
}  // namespace gai
