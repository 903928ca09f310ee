// Typed input (gai::Input): same decision as the JSON form; type and path errors as values.
#include "api_fixture.h"

namespace gai::testing {
namespace {

TEST(Input, SameDecisionAsJson) {
  auto policy = shopPolicy();
  auto entry = *policy->entry("Order");
  Session session(policy);
  EvalOptions options = at("2024-06-01T12:00:00Z");
  std::string json = R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c2","age":16},"channel":"app",)"
                     R"("amount":1500,"items":["a","b","c","d"],"tags":["y","x","y"],"ship_by":"2024-06-02",)"
                     R"("window":"90m"})";
  std::string expected = session.evaluateJson(entry, json, options).decision.json;
  ASSERT_FALSE(expected.empty());

  Input input = session.input(entry);
  EXPECT_TRUE(input.setTimestamp("at", *parseTimestamp("2024-06-01T10:00:00Z")));
  EXPECT_TRUE(input.setString("customer.id", "c2"));
  EXPECT_TRUE(input.setInt("customer.age", 16));
  EXPECT_TRUE(input.setEnum("channel", "app"));
  EXPECT_TRUE(input.setFloat("amount", 1500));
  EXPECT_TRUE(input.setStrings("items", {"a", "b", "c", "d"}));
  EXPECT_TRUE(input.setStrings("tags", {"y", "x", "y"}));
  EXPECT_TRUE(input.setJson("ship_by", "\"2024-06-02\""));
  EXPECT_TRUE(input.setDuration("window", 90 * 60));
  EXPECT_TRUE(input.ok()) << input.error();
  EvalResult r = session.evaluate(input, options);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.decision.json, expected);
  EXPECT_EQ(r.decision.findings.size(), 3u);
}

TEST(Input, ErrorsAreKeptAndReported) {
  auto policy = shopPolicy();
  Session session(policy);
  Input input = session.input(*policy->entry("Order"));
  EXPECT_FALSE(input.setString("customer.age", "old"));
  EXPECT_FALSE(input.ok());
  EXPECT_FALSE(input.error().empty());
  EvalResult r = session.evaluate(input, at("2024-06-01T12:00:00Z"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, input.error());

  Input partial = session.input(*policy->entry("Order"));
  EXPECT_TRUE(partial.setString("customer.id", "c1"));
  EXPECT_FALSE(partial.setEnum("channel", "fax"));
  Input missing = session.input(*policy->entry("Order"));
  EXPECT_TRUE(missing.setString("customer.id", "c1"));
  EvalResult m = session.evaluate(missing, at("2024-06-01T12:00:00Z"));
  EXPECT_FALSE(m.ok());
  EXPECT_NE(m.error.find("missing required field"), std::string::npos) << m.error;
}

TEST(Input, FromAnotherSessionIsRejected) {
  auto policy = shopPolicy();
  Session a(policy), b(policy);
  Input input = a.input(*policy->entry("Order"));
  EvalResult r = b.evaluate(input, at("2024-06-01T12:00:00Z"));
  EXPECT_EQ(r.error, "input was made by another session");
}

}  // namespace
}  // namespace gai::testing
