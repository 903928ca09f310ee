#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>

#include "diagnostics/diagnostic.h"
#include "diagnostics/render.h"

namespace gai {
namespace {

using simdjson::dom::element;

Diagnostic makeDiag(DiagId id, Loc loc, std::string message) {
  return Diagnostic{id, diagInfo(id).severity, loc, std::move(message), {}, {}};
}

std::string str(element e) { return std::string(e.get_string().value()); }

bool has(element object, const char* key) { return object[key].error() == simdjson::SUCCESS; }

class RenderSarif : public ::testing::Test {
 protected:
  void render(const std::vector<Diagnostic>& ds) {
    text_ = renderSarif(sm_, ds, SarifTool{"gai", "1.2.3", "https://gai.invalid/"});
    ASSERT_EQ(parser_.parse(text_).get(log_), simdjson::SUCCESS) << text_;
  }
  element run() { return log_["runs"].at(0).value(); }

  SourceManager sm_;
  std::string text_;
  simdjson::dom::parser parser_;
  element log_;
};

TEST_F(RenderSarif, TopLevelAndToolStructure) {
  render({});
  EXPECT_EQ(str(log_["version"].value()), "2.1.0");
  EXPECT_NE(str(log_["$schema"].value()).find("sarif-schema-2.1.0"), std::string::npos);
  ASSERT_EQ(log_["runs"].get_array().size(), 1u);
  EXPECT_EQ(str(run()["columnKind"].value()), "unicodeCodePoints");
  element driver = run()["tool"]["driver"].value();
  EXPECT_EQ(str(driver["name"].value()), "gai");
  EXPECT_EQ(str(driver["version"].value()), "1.2.3");
  EXPECT_EQ(str(driver["informationUri"].value()), "https://gai.invalid/");
  EXPECT_EQ(run()["results"].get_array().size(), 0u);
}

TEST_F(RenderSarif, OneRulePerRegisteredDiagnostic) {
  render({});
  simdjson::dom::array rules = run()["tool"]["driver"]["rules"].get_array().value();
  ASSERT_EQ(rules.size(), allDiagnostics().size());
  std::set<std::string> ids;
  size_t index = 0;
  for (element rule : rules) {
    const DiagInfo& info = allDiagnostics()[index++];
    EXPECT_EQ(str(rule["id"].value()), info.code);
    EXPECT_EQ(str(rule["name"].value()), info.name);
    EXPECT_EQ(str(rule["shortDescription"]["text"].value()), info.format);
    std::string level = str(rule["defaultConfiguration"]["level"].value());
    EXPECT_EQ(level, info.severity == Severity::Error ? "error" : "warning");
    ids.insert(str(rule["id"].value()));
  }
  EXPECT_EQ(ids.size(), rules.size()) << "rule ids must be unique";
}

TEST_F(RenderSarif, ResultWithRegionRelatedLocationsAndHelp) {
  FileId f = sm_.add("dir with space/规则.gai", "package a\nconst m = \"生成式\" + bad\n");
  uint32_t off = static_cast<uint32_t>(sm_.file(f).text().find("bad"));
  Diagnostic d = makeDiag(DiagId::UnknownName, Loc{f, off, 3}, "unknown name 'bad'");
  d.withHelp("declare it").withNote(Loc{f, 0, 7}, "package here").withNote(Loc{}, "nowhere");
  render({d});
  element result = run()["results"].at(0).value();
  EXPECT_EQ(str(result["ruleId"].value()), "E0101");
  int64_t ruleIndex = result["ruleIndex"].get_int64().value();
  EXPECT_EQ(str(run()["tool"]["driver"]["rules"].at(ruleIndex)["id"].value()), "E0101");
  EXPECT_EQ(str(result["level"].value()), "error");
  EXPECT_EQ(str(result["message"]["text"].value()), "unknown name 'bad'");
  element physical = result["locations"].at(0)["physicalLocation"].value();
  EXPECT_EQ(str(physical["artifactLocation"]["uri"].value()),
            "dir%20with%20space/%E8%A7%84%E5%88%99.gai");
  element region = physical["region"].value();
  EXPECT_EQ(region["startLine"].get_int64().value(), 2);
  EXPECT_EQ(region["startColumn"].get_int64().value(), 19);
  EXPECT_EQ(region["endLine"].get_int64().value(), 2);
  EXPECT_EQ(region["endColumn"].get_int64().value(), 22);
  simdjson::dom::array related = result["relatedLocations"].get_array().value();
  ASSERT_EQ(related.size(), 2u);
  EXPECT_EQ(str(related.at(0)["message"]["text"].value()), "package here");
  EXPECT_EQ(related.at(0)["physicalLocation"]["region"]["endColumn"].get_int64().value(), 8);
  EXPECT_FALSE(has(related.at(1).value(), "physicalLocation"));
  EXPECT_EQ(str(result["properties"]["help"].value()), "declare it");
}

TEST_F(RenderSarif, EveryResultHasTheRequiredKeys) {
  FileId f = sm_.add("a.gai", "");
  Diagnostic warning = makeDiag(DiagId::UnusedConst, Loc{f, 0, 0}, "const 'x' is never used");
  Diagnostic placeless = makeDiag(DiagId::NoSources, Loc{}, "no .gai files in 'x'");
  render({warning, placeless});
  simdjson::dom::array results = run()["results"].get_array().value();
  ASSERT_EQ(results.size(), 2u);
  for (element result : results) {
    for (const char* key : {"ruleId", "ruleIndex", "level", "message", "locations"}) {
      EXPECT_TRUE(has(result, key)) << key;
    }
    EXPECT_TRUE(has(result["message"].value(), "text"));
    EXPECT_FALSE(has(result, "relatedLocations")) << "no notes, no related locations";
  }
  EXPECT_EQ(str(results.at(0)["level"].value()), "warning");
  EXPECT_EQ(results.at(0)["locations"].get_array().size(), 1u);
  EXPECT_EQ(results.at(1)["locations"].get_array().size(), 0u);
}

TEST_F(RenderSarif, DeterministicOutput) {
  FileId f = sm_.add("a.gai", "x\n");
  std::vector<Diagnostic> ds = {makeDiag(DiagId::UnknownName, Loc{f, 0, 1}, "m")};
  std::string first = renderSarif(sm_, ds, SarifTool{"gai", "1", "u"});
  EXPECT_EQ(first, renderSarif(sm_, ds, SarifTool{"gai", "1", "u"}));
}

}  // namespace
}  // namespace gai
