// The shipped policy library lowers, and every example input gives exactly one decision or
// input-error line without crashing; its tests' asserts evaluate.
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace gai::interp::test {
namespace {

std::string snakeToCamel(const std::string& file) {
  std::string out;
  bool up = true;
  for (char c : file) {
    if (c == '_') { up = true; continue; }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

TEST(Policies, LowerAndEvaluateExamples) {
  std::string root = GAI_SOURCE_DIR;
  DiagnosticSink diags;
  std::string error;
  auto compiled = compilePaths({root + "/policies"}, diags, &error);
  if (!compiled) {
    for (const Diagnostic& d : diags.diagnostics()) ADD_FAILURE() << d.code() << " " << d.message;
    FAIL() << error;
  }
  const ir::Module& m = *compiled->module;
  EXPECT_FALSE(m.rules.empty());
  for (const char* name : {"generation_event", "service_profile", "dataset", "annotation", "safety_assessment",
                           "pi_request", "incident", "complaint", "post", "app_listing"}) {
    std::ifstream in(root + "/examples/events/" + name + ".jsonl");
    ASSERT_TRUE(in) << name;
    std::string type = std::string(name) == "pi_request" ? "PIRequest" : snakeToCamel(name);
    int entry = m.findEntry(type);
    ASSERT_GE(entry, 0) << name;
    LineOptions o;
    o.nowMicros = *rt::parseTimestamp("2025-10-01T12:00:00+08:00");
    LineEvaluator ev(m, static_cast<uint32_t>(entry), o);
    std::string line;
    int n = 0, decisions = 0;
    while (std::getline(in, line)) {
      bool inputError = false;
      std::string out = ev.evalLine(line, static_cast<uint64_t>(++n), &inputError);
      EXPECT_FALSE(inputError) << name << ":" << n << " " << out;
      if (!inputError) ++decisions;
      EXPECT_EQ(out.find("<error"), std::string::npos) << name << ":" << n << " " << out;
    }
    EXPECT_GT(decisions, 0) << name;
  }
}

}  // namespace
}  // namespace gai::interp::test
