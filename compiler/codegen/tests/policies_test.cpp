// The shipped policy library over every example event file: JIT and interpreter decisions
// byte for byte (at two instants and both languages), and the native coverage.
#include <filesystem>
#include <fstream>
#include <map>

#include "jit_util.h"

namespace gai::codegen::test {
namespace {

std::string entryOf(const std::string& stem) {
  if (stem == "bad-input") return "GenerationEvent";
  if (stem == "pi_request") return "PIRequest";
  std::string out;
  bool up = true;
  for (char c : stem) {
    if (c == '_') { up = true; continue; }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

TEST(Policies, SameDecisionsAsInterpreter) {
  std::string root = GAI_SOURCE_DIR;
  Both both;
  both.compiled = interp::compilePaths({root + "/policies"}, both.diags, &both.error);
  both.finish();
  ASSERT_TRUE(both.ok()) << both.error;
  const Coverage& cov = both.jit->coverage();
  // Every operation is lowered: the whole library runs natively (rules, exceptions, slots).
  EXPECT_EQ(cov.totalRules, 104u);
  EXPECT_EQ(cov.nativeRules, cov.totalRules);
  EXPECT_EQ(cov.totalExceptions, 14u);
  EXPECT_EQ(cov.nativeExceptions, cov.totalExceptions);
  EXPECT_GT(cov.totalSlots, 0u);
  EXPECT_EQ(cov.nativeSlots, cov.totalSlots);
  std::printf("native rules %u/%u, exceptions %u/%u, slots %u/%u\n", cov.nativeRules, cov.totalRules,
              cov.nativeExceptions, cov.totalExceptions, cov.nativeSlots, cov.totalSlots);
  std::map<std::string, int> reasons;
  for (const auto& r : cov.ruleReasons) if (!r.empty()) ++reasons[r];
  for (const auto& r : cov.exceptionReasons) if (!r.empty()) ++reasons[r];
  for (const auto& r : cov.slotReasons) if (!r.empty()) ++reasons["slot " + r];
  for (const auto& [r, count] : reasons) std::printf("  not lowered: %s x%d\n", r.c_str(), count);
  int files = 0, compared = 0;
  for (const auto& f : std::filesystem::directory_iterator(root + "/examples/events")) {
    if (f.path().extension() != ".jsonl") continue;
    ++files;
    int entry = both.module().findEntry(entryOf(f.path().stem().string()));
    ASSERT_GE(entry, 0) << f.path();
    for (const char* now : {"2025-10-01T12:00:00+08:00", "2025-08-01T12:00:00+08:00"}) {
      for (rt::Lang lang : {rt::Lang::En, rt::Lang::Zh}) {
        interp::LineOptions o = at(now);
        o.lang = lang;
        interp::LineEvaluator ref(both.module(), static_cast<uint32_t>(entry), o);
        JitLines jit(both, static_cast<uint32_t>(entry), o);
        std::ifstream in(f.path());
        std::string line;
        uint64_t n = 0;
        while (std::getline(in, line)) {
          bool inputError = false;
          std::string want = ref.evalLine(line, ++n, &inputError);
          if (inputError) continue;
          EXPECT_EQ(jit.evalLine(line, n), want) << f.path() << ":" << n << " at " << now;
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(files, 11);
  EXPECT_GT(compared, 100);
}

}  // namespace
}  // namespace gai::codegen::test
