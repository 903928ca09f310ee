// The generator itself: deterministic for a seed, well-typed, covering every construct.
#include <gtest/gtest.h>

#include "gai/gai.hpp"
#include "progen.h"

namespace gai::progen {
namespace {

// The checker's verdict is what these tests need: the interpreter, no JIT.
CompileResult check(const std::string& source) {
  CompileOptions o;
  o.engine = Engine::Interp;
  o.cacheDir = "";
  return compileSources({{"t.gai", source}}, o);
}

TEST(Progen, SameSeedSameProgramAndInputs) {
  for (uint64_t seed : {1ull, 42ull, 0xdeadbeefull}) {
    SplitMixSource a(seed), b(seed);
    Program pa = generateProgram(a), pb = generateProgram(b);
    EXPECT_EQ(pa.source(), pb.source());
    auto ia = generateInputs(a, pa, 10), ib = generateInputs(b, pb, 10);
    ASSERT_EQ(ia.size(), ib.size());
    for (size_t i = 0; i < ia.size(); ++i) EXPECT_EQ(ia[i].json, ib[i].json);
  }
  SplitMixSource a(1), b(2);
  EXPECT_NE(generateProgram(a).source(), generateProgram(b).source());
}

TEST(Progen, ExhaustedSourceGivesASmallValidProgram) {
  BytesSource empty(nullptr, 0);
  Program p = generateProgram(empty);
  CompileResult r = check(p.source());
  EXPECT_TRUE(r.ok()) << p.source() << r.diagnosticsText;
  uint8_t bytes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  BytesSource few(bytes, sizeof bytes);
  Program q = generateProgram(few);
  CompileResult rq = check(q.source());
  EXPECT_TRUE(rq.ok()) << q.source() << rq.diagnosticsText;
}

TEST(Progen, ProgramsTypeCheckAndCoverEveryConstruct) {
  ConstructCounts total{};
  int rejected = 0;
  const int n = 1000;
  for (int i = 0; i < n; ++i) {
    SplitMixSource rng(programSeed(777, i));
    Program p = generateProgram(rng);
    generateInputs(rng, p, 12);
    for (size_t k = 0; k < total.size(); ++k) total[k] += p.counts[k];
    if (i % 10) continue;  // check a tenth here (gai_difftest checks every program)
    CompileResult r = check(p.source());
    if (!r.ok()) {
      ++rejected;
      ADD_FAILURE() << "seed " << programSeed(777, i) << "\n" << r.diagnosticsText.substr(0, 1500);
    }
  }
  EXPECT_EQ(rejected, 0);
  for (size_t k = 0; k < total.size(); ++k)
    EXPECT_GT(total[k], 0u) << "construct never generated: " << constructName(static_cast<Construct>(k));
}

TEST(Progen, InputsAreMostlyValidAndSometimesNot) {
  int errors = 0, total = 0;
  for (int i = 0; i < 30; ++i) {
    SplitMixSource rng(programSeed(5, i));
    Program p = generateProgram(rng);
    CompileResult r = check(p.source());
    ASSERT_TRUE(r.ok()) << r.diagnosticsText;
    Session s(r.policy);
    for (const Input& in : generateInputs(rng, p, 20)) {
      auto e = r.policy->entry(in.entry);
      ASSERT_TRUE(e.has_value()) << in.entry;
      EvalResult er = s.evaluateJson(*e, in.json, EvalOptions{});
      errors += !er.ok();
      ++total;
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_LT(errors, total / 4) << errors << " of " << total;
}

}  // namespace
}  // namespace gai::progen
