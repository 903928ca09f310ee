#include <gtest/gtest.h>

#include "core/decision.h"
#include "core/layout.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

MessageTemplate tmpl(std::vector<std::string> parts, std::vector<uint32_t> slots) {
  return MessageTemplate{std::move(parts), std::move(slots)};
}

class Decide : public ::testing::Test {
 protected:
  Decide() {
    RuleInfo unlabeled;
    unlabeled.name = "measures.generation.unlabeled_media";
    unlabeled.titleEn = "Synthetic media must carry an explicit label";
    unlabeled.titleZh = "合成媒体须有显式标识";
    unlabeled.severity = Severity::High;
    unlabeled.cites = {"gai_measures art 12", "Labeling Measures Art. 4"};
    unlabeled.effects = {EffectInfo{EffectKind::Deny, "", {}},
                         EffectInfo{EffectKind::Require, "add_explicit_label", {}}};
    unlabeled.messageEn = tmpl({"AI-generated ", " lacks an explicit label"}, {0});
    unlabeled.messageZh = tmpl({"生成的", "内容缺少显式标识"}, {1});
    unlabeled.slotTypes = {s.modality, s.modality};
    unlabeled.order = 0;

    RuleInfo other;
    other.name = "measures.generation.other_rule";
    other.effects = {EffectInfo{EffectKind::Flag, "", {}}};
    other.order = 1;

    RuleInfo ratio;
    ratio.name = "measures.generation.ratio_rule";
    ratio.titleZh = "比例";
    ratio.effects = {EffectInfo{EffectKind::Deny, "", {}}};
    ratio.order = 3;

    RuleInfo report;
    report.name = "measures.incident.report_rule";
    report.severity = Severity::Critical;
    report.effects = {EffectInfo{EffectKind::Flag, "", {}},
                      EffectInfo{EffectKind::Require, "report", {0, 1}}};
    report.messageZh = tmpl({"须在", "内报告{", "}"}, {2, 1});
    report.slotTypes = {s.modality, s.table.stringType(), s.table.durationType()};
    report.order = 4;

    table.rules = {unlabeled, other, ratio, report};
    table.exceptions.resize(2);
    table.exceptions[0].name = "measures.generation.closed_research";
    table.exceptions[0].order = 2;
    table.exceptions[1].name = "measures.generation.bad_exception";
    table.exceptions[1].order = 5;
    outcome.reset(table);
  }

  std::string json(DecideOptions options = {}) { return decide(table, outcome, options).toJson(); }

  test::Schema s;
  RuleTable table;
  Outcome outcome;
  uint32_t image = 1, video = 3;
  Str cac{"cac \"x\"", 7};
  int64_t hours = 2 * 3600;
  SlotValue slots0[2] = {{&image, nullptr}, {&video, nullptr}};
  SlotValue slots3[3] = {{&image, nullptr}, {&cac, nullptr}, {&hours, nullptr}};
};

TEST_F(Decide, SpecExampleByteExact) {
  outcome.rules[0] = RuleOutcome{RuleState::Fired, 0, nullptr, slots0};
  outcome.rules[1] = RuleOutcome{RuleState::Excepted, 0, nullptr, nullptr};
  outcome.rules[2] = RuleOutcome{RuleState::Errored, 0, "division by zero", nullptr};
  outcome.rules[3] = RuleOutcome{RuleState::NotFired, 0, nullptr, nullptr};
  outcome.exceptions[0] = ExceptionOutcome{ExceptionState::InForce, nullptr};
  EXPECT_EQ(json(),
            R"({"effect":"deny","findings":[{"rule":"measures.generation.unlabeled_media",)"
            R"("title":"Synthetic media must carry an explicit label","severity":"high",)"
            R"("cites":["gai_measures art 12","Labeling Measures Art. 4"],)"
            R"("effects":["deny","require add_explicit_label"],)"
            R"("message":"AI-generated image lacks an explicit label"}],)"
            R"("excepted":[{"rule":"measures.generation.other_rule","by":"measures.generation.closed_research"}],)"
            R"("errors":[{"rule":"measures.generation.ratio_rule","error":"division by zero"}]})");
}

TEST_F(Decide, ChineseMessageAndTitle) {
  outcome.rules[0] = RuleOutcome{RuleState::Fired, 0, nullptr, slots0};
  DecideOptions zh;
  zh.lang = Lang::Zh;
  EXPECT_EQ(json(zh),
            R"({"effect":"deny","findings":[{"rule":"measures.generation.unlabeled_media",)"
            R"("title":"合成媒体须有显式标识","severity":"high",)"
            R"("cites":["gai_measures art 12","Labeling Measures Art. 4"],)"
            R"("effects":["deny","require add_explicit_label"],"message":"生成的video内容缺少显式标识"}],)"
            R"("excepted":[],"errors":[]})");
}

TEST_F(Decide, EmptyDecisionIsAllow) {
  EXPECT_EQ(json(), R"({"effect":"allow","findings":[],"excepted":[],"errors":[]})");
}

TEST_F(Decide, FallbacksAndEffectArguments) {
  outcome.rules[1] = RuleOutcome{RuleState::Fired, 0, nullptr, nullptr};
  outcome.rules[3] = RuleOutcome{RuleState::Fired, 0, nullptr, slots3};
  // other_rule: no title, no message -> the name; report_rule: zh message only.
  EXPECT_EQ(json(),
            R"({"effect":"allow","findings":[{"rule":"measures.generation.other_rule","severity":"medium",)"
            R"("cites":[],"effects":["flag"],"message":"measures.generation.other_rule"},)"
            R"({"rule":"measures.incident.report_rule","severity":"critical","cites":[],)"
            R"j("effects":["flag","require report(image, \"cac \\\"x\\\"\")"],)j"
            R"("message":"须在2h内报告{cac \"x\"}"}],"excepted":[],"errors":[]})");
}

TEST_F(Decide, TitleFallsBackToOtherLanguage) {
  table.rules[2].effects = {EffectInfo{EffectKind::Flag, "", {}}};
  outcome.rules[2] = RuleOutcome{RuleState::Fired, 0, nullptr, nullptr};
  Decision d = decide(table, outcome);
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(*d.findings[0].title, "比例");
  EXPECT_EQ(d.findings[0].message, "比例");
  EXPECT_EQ(d.effect, Effect::Allow);
}

TEST_F(Decide, FailClosedAndOpen) {
  outcome.rules[2] = RuleOutcome{RuleState::Errored, 0, "integer overflow", nullptr};
  EXPECT_EQ(decide(table, outcome).effect, Effect::Deny);
  DecideOptions open;
  open.failOpen = true;
  Decision d = decide(table, outcome, open);
  EXPECT_EQ(d.effect, Effect::Allow);
  ASSERT_EQ(d.errors.size(), 1u);  // still listed
  // An errored rule without deny never denies.
  outcome.rules[2].state = RuleState::NotFired;
  outcome.rules[3] = RuleOutcome{RuleState::Errored, 0, "division by zero", nullptr};
  EXPECT_EQ(decide(table, outcome).effect, Effect::Allow);
}

TEST_F(Decide, ErrorsInDeclarationOrderAcrossRulesAndExceptions) {
  outcome.rules[3] = RuleOutcome{RuleState::Errored, 0, "b", nullptr};
  outcome.rules[0] = RuleOutcome{RuleState::Errored, 0, "a", nullptr};
  outcome.exceptions[1] = ExceptionOutcome{ExceptionState::Errored, "e2"};
  outcome.exceptions[0] = ExceptionOutcome{ExceptionState::Errored, "e1"};
  EXPECT_EQ(json(),
            R"({"effect":"deny","findings":[],"excepted":[],"errors":[)"
            R"({"rule":"measures.generation.unlabeled_media","error":"a"},)"
            R"({"rule":"measures.generation.closed_research","error":"e1"},)"
            R"({"rule":"measures.incident.report_rule","error":"b"},)"
            R"({"rule":"measures.generation.bad_exception","error":"e2"}]})");
}

TEST_F(Decide, SlotErrorsAreRendered) {
  SlotValue bad[3] = {{&image, nullptr}, {nullptr, "division by zero"}, {nullptr, nullptr}};
  outcome.rules[3] = RuleOutcome{RuleState::Fired, 0, nullptr, bad};
  Decision d = decide(table, outcome, DecideOptions{Lang::Zh, false});
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].effects[1], "require report(image, <error: division by zero>)");
  EXPECT_EQ(d.findings[0].message, "须在<error: not evaluated>内报告{<error: division by zero>}");
}

TEST_F(Decide, NeededSlots) {
  EXPECT_EQ(table.neededSlots(0, Lang::En), (std::vector<uint32_t>{0}));
  EXPECT_EQ(table.neededSlots(0, Lang::Zh), (std::vector<uint32_t>{1}));
  EXPECT_EQ(table.neededSlots(3, Lang::En), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(table.neededSlots(1, Lang::En), (std::vector<uint32_t>{}));
  EXPECT_EQ(table.messageFor(3, Lang::En), &*table.rules[3].messageZh);
}

TEST_F(Decide, Deterministic) {
  outcome.rules[0] = RuleOutcome{RuleState::Fired, 0, nullptr, slots0};
  outcome.rules[3] = RuleOutcome{RuleState::Fired, 0, nullptr, slots3};
  std::string first = json();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(json(), first);
}

TEST(InputError, Json) {
  EXPECT_EQ(inputErrorJson(3, "$.output.modality: unknown Modality \"picture\"; expected one of text"),
            R"({"line":3,"error":"$.output.modality: unknown Modality \"picture\"; expected one of text"})");
  EXPECT_EQ(inputErrorJson(1, std::string("a\x01\n\\", 4)), R"({"line":1,"error":"a\u0001\n\\"})");
}

}  // namespace
}  // namespace gai::rt
