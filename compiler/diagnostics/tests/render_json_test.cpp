#include <gtest/gtest.h>
#include <simdjson.h>

#include "diagnostics/diagnostic.h"
#include "diagnostics/render.h"

namespace gai {
namespace {

Diagnostic makeDiag(DiagId id, Loc loc, std::string message) {
  return Diagnostic{id, diagInfo(id).severity, loc, std::move(message), {}, {}};
}

TEST(JsonQuote, EscapesControlCharactersAndPassesUtf8Through) {
  EXPECT_EQ(jsonQuote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(jsonQuote("\n\t\r\b\f"), R"("\n\t\r\b\f")");
  EXPECT_EQ(jsonQuote(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f\u007f")");
  EXPECT_EQ(jsonQuote(std::string("\0", 1)), R"("\u0000")");
  EXPECT_EQ(jsonQuote("生成式 AI 😀"), "\"生成式 AI 😀\"");
}

TEST(JsonQuote, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(jsonQuote("a\xFF" "b"), R"("a\ufffdb")");
  EXPECT_EQ(jsonQuote("\xE7\x94"), R"("\ufffd\ufffd")");    // truncated sequence
  EXPECT_EQ(jsonQuote("\xC0\xAF"), R"("\ufffd\ufffd")");    // overlong '/'
  EXPECT_EQ(jsonQuote("\xED\xA0\x80"), R"("\ufffd\ufffd\ufffd")");  // surrogate
}

TEST(RenderJson, EmptyListIsAnEmptyArray) {
  SourceManager sm;
  EXPECT_EQ(renderJson(sm, {}), "[]\n");
}

TEST(RenderJson, FieldsInOrderWithCodePointColumns) {
  SourceManager sm;
  FileId f = sm.add("中文/a.gai", "package a\nconst m = \"生成式\" + bad\n");
  uint32_t off = static_cast<uint32_t>(sm.file(f).text().find("bad"));
  Diagnostic d = makeDiag(DiagId::UnknownName, Loc{f, off, 3}, "unknown name 'bad'");
  d.withHelp("did you mean \"bar\"?").withNote(Loc{f, 0, 7}, "package here");
  std::string out = renderJson(sm, {d});
  EXPECT_EQ(out, R"([
  {
    "code": "E0101",
    "severity": "error",
    "message": "unknown name 'bad'",
    "file": "中文/a.gai",
    "line": 2,
    "column": 19,
    "endLine": 2,
    "endColumn": 22,
    "help": "did you mean \"bar\"?",
    "notes": [
      {
        "message": "package here",
        "file": "中文/a.gai",
        "line": 1,
        "column": 1,
        "endLine": 1,
        "endColumn": 8
      }
    ]
  }
]
)");
}

TEST(RenderJson, WithoutPlaceAndHelpFieldsAreNull) {
  SourceManager sm;
  std::string out = renderJson(sm, {makeDiag(DiagId::NoSources, Loc{}, "no .gai files in 'x'")});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS) << out;
  simdjson::dom::object d = doc.at(0).get_object().value();
  for (const char* key : {"file", "line", "column", "endLine", "endColumn", "help"}) {
    EXPECT_TRUE(d[key].is_null()) << key;
  }
  EXPECT_EQ(std::string_view(d["severity"].get_string().value()), "error");
  EXPECT_EQ(d["notes"].get_array().size(), 0u);
}

TEST(RenderJson, OutputIsValidJsonForHostileMessages) {
  SourceManager sm;
  FileId f = sm.add("x.gai", "");
  std::string hostile("quote\" back\\ nl\n nul\0 bad\xFE end", 30);
  Diagnostic d = makeDiag(DiagId::UnexpectedCharacter, Loc{f, 0, 0}, hostile);
  std::string out = renderJson(sm, {d, d});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS) << out;
  ASSERT_EQ(doc.get_array().size(), 2u);
  std::string_view message = doc.at(0)["message"].get_string().value();
  EXPECT_EQ(message, std::string("quote\" back\\ nl\n nul\0 bad\xEF\xBF\xBD end", 32));
  EXPECT_EQ(doc.at(0)["endColumn"].get_int64().value(), 1);
}

TEST(RenderJson, SpanAtEndOfFile) {
  SourceManager sm;
  FileId f = sm.add("e.gai", "ab\ncd");
  std::string out = renderJson(sm, {makeDiag(DiagId::SyntaxError, Loc{f, 5, 0}, "eof")});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(doc.at(0)["line"].get_int64().value(), 2);
  EXPECT_EQ(doc.at(0)["column"].get_int64().value(), 3);
  EXPECT_EQ(doc.at(0)["endColumn"].get_int64().value(), 3);
}

}  // namespace
}  // namespace gai
