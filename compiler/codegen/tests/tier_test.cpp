// Tiered compilation (JitOptions::Tiering): tier 0 (unoptimised) and tier 1 (optimised)
// decide alike; a tiered program publishes tier 1 from its background thread while
// evaluations run, caches only tier 1, a cache hit skips tiering, and destroying a
// program while tier 1 compiles neither hangs nor leaks (ASan, TSan).
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "codegen/decide.h"
#include "jit_util.h"

namespace gai::codegen::test {
namespace {

namespace fs = std::filesystem;
using Tiering = JitOptions::Tiering;

const char* const kNow = "2024-03-01T00:00:00Z";


// kMixedSource compiled by the interpreter; the JIT program made by create(options).
std::unique_ptr<Both> compileTiered(const JitOptions& options) {
  auto b = std::make_unique<Both>();
  b->compiled = interp::compileSources({{"t.gai", std::string("package t\n") + kMixedSource}}, b->diags, &b->error);
  EXPECT_TRUE(b->compiled && b->compiled->module) << b->error;
  if (b->compiled && b->compiled->module) b->jit = JitProgram::create(*b->compiled->module, b->error, options);
  EXPECT_TRUE(b->jit) << b->error;
  return b;
}

JitOptions optionsFor(Tiering tiering, const std::string& cacheDir = "") {
  JitOptions options;
  options.tiering = tiering;
  options.cacheDir = cacheDir;
  options.memoryCache = false;
  return options;
}

size_t filesIn(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

TEST(Tier, UnoptimizedAndOptimizedDecideLikeTheInterpreter) {
  for (Tiering tiering : {Tiering::Unoptimized, Tiering::Optimized}) {
    std::string dir = freshTempDir("gai-tier-test");
    std::unique_ptr<Both> b = compileTiered(optionsFor(tiering, dir));
    ASSERT_TRUE(b->ok());
    JitStats st = b->jit->stats();
    bool optimized = tiering == Tiering::Optimized;
    EXPECT_EQ(st.tier, optimized ? 1 : 0);
    EXPECT_FALSE(st.tiered);
    EXPECT_EQ(st.stored, optimized) << st.note;  // tier 0 is never cached
    EXPECT_EQ(filesIn(dir) > 0, optimized);
    EXPECT_EQ(st.optimizeMs > 0, optimized);
    EXPECT_EQ(b->jit->waitOptimized(), optimized);
    EXPECT_EQ(b->jit->generation(), 0u);
    EXPECT_EQ(b->jit->coverage().nativeRules, 4u);
    ASSERT_NE(b->jit->decisions(), nullptr);
    EXPECT_TRUE(b->jit->decisions()->has(0));
    EXPECT_EQ(jitDecisions(*b, kMixedInputs, kNow), interpDecisions(*b, kMixedInputs, kNow)) << int(tiering);
    fs::remove_all(dir);
  }
}

TEST(Tier, TieredPublishesTheOptimizedTierAndCachesIt) {
  std::string dir = freshTempDir("gai-tier-test");
  std::unique_ptr<Both> b = compileTiered(optionsFor(Tiering::Tiered, dir));
  ASSERT_TRUE(b->ok());
  const Decisions* first = b->jit->decisions();
  bool startedAtTier0 = b->jit->generation() == 0;  // read after `first`: then `first` is tier 0's
  EXPECT_TRUE(b->jit->stats().tiered);
  EXPECT_EQ(b->jit->stats().hit, CacheUse::None);
  std::string expected = interpDecisions(*b, kMixedInputs, kNow);
  EXPECT_EQ(jitDecisions(*b, kMixedInputs, kNow), expected);
  ASSERT_TRUE(b->jit->waitOptimized()) << b->jit->stats().tier1Error;
  JitStats st = b->jit->stats();
  EXPECT_EQ(b->jit->generation(), 1u);
  EXPECT_EQ(st.tier, 1);
  EXPECT_GT(st.tier1Ms, 0.0);
  EXPECT_GT(st.tier1CpuMs, 0.0);
  EXPECT_GT(st.optimizeMs, 0.0);
  EXPECT_TRUE(st.stored) << st.note;
  EXPECT_EQ(filesIn(dir), 1u);
  EXPECT_EQ(jitDecisions(*b, kMixedInputs, kNow), expected);
  ASSERT_NE(b->jit->decisions(), nullptr);
  if (startedAtTier0) {
    // Tier 0's code stays linked while the program lives: a runner prepared on it still decides.
    EXPECT_NE(b->jit->decisions(), first);
    rt::JsonBinder binder;
    for (const std::string& input : kMixedInputs) {
      rt::Arena arena;
      rt::BindError err;
      const void* value = binder.bind(input, *b->module().entries[0], arena, err);
      ASSERT_NE(value, nullptr) << err.toString();
      DecisionStates s0, s1;
      s0.sizeFor(b->module());
      s1.sizeFor(b->module());
      int64_t now = *rt::parseTimestamp(kNow);
      EXPECT_EQ(first->decide(0, value, now, true, s0, arena), b->jit->decisions()->decide(0, value, now, true, s1, arena));
      EXPECT_EQ(s0.rules, s1.rules) << input;
    }
  }

  // A second program finds tier 1 in the cache: no tiering.
  std::unique_ptr<Both> hit = compileTiered(optionsFor(Tiering::Tiered, dir));
  ASSERT_TRUE(hit->ok());
  JitStats hs = hit->jit->stats();
  EXPECT_EQ(hs.hit, CacheUse::Disk) << hs.note;
  EXPECT_EQ(hs.tier, 1);
  EXPECT_FALSE(hs.tiered);
  EXPECT_FALSE(hs.emittedIr);
  EXPECT_TRUE(hit->jit->waitOptimized());
  EXPECT_EQ(jitDecisions(*hit, kMixedInputs, kNow), expected);
  fs::remove_all(dir);
}

TEST(Tier, EvaluationsFromTwoThreadsAcrossThePublication) {
  std::unique_ptr<Both> b = compileTiered(optionsFor(Tiering::Tiered));
  ASSERT_TRUE(b->ok());
  std::string expected = interpDecisions(*b, kMixedInputs, kNow);
  std::atomic<bool> waited{false};
  std::atomic<int> mismatches{0}, rounds{0};
  auto decide = [&] {
    // Until tier 1 is live (or tiering ended without it), and a few rounds more.
    for (int after = 0; after < 3;) {
      bool live = b->jit->generation() == 1 || waited.load();
      mismatches += jitDecisions(*b, kMixedInputs, kNow) != expected;
      ++rounds;
      after += live;
    }
  };
  std::thread t1(decide), t2(decide);
  bool optimized = b->jit->waitOptimized();
  waited = true;
  t1.join();
  t2.join();
  EXPECT_TRUE(optimized) << b->jit->stats().tier1Error;
  EXPECT_EQ(mismatches.load(), 0) << "of " << rounds.load() << " rounds";
  EXPECT_EQ(jitDecisions(*b, kMixedInputs, kNow), expected);
}

TEST(Tier, DestroyedWhileTheOptimizedTierCompiles) {
  std::string dir = freshTempDir("gai-tier-test");
  for (int round = 0; round < 4; ++round) {
    std::unique_ptr<Both> b = compileTiered(optionsFor(Tiering::Tiered, dir));
    ASSERT_TRUE(b->ok());
    EXPECT_EQ(b->jit->stats().hit, CacheUse::None);  // nothing was cached: every round tiers again
    b->jit.reset();  // cancels and joins the background compile
    fs::remove_all(dir);
  }
}

TEST(Tier, EnvironmentOverridesTiered) {
  ASSERT_EQ(::setenv("GAI_JIT_TIERED", "0", 1), 0);
  std::unique_ptr<Both> sync = compileTiered(optionsFor(Tiering::Tiered));
  ASSERT_EQ(::setenv("GAI_JIT_TIERED", "tier0", 1), 0);
  std::unique_ptr<Both> tier0 = compileTiered(optionsFor(Tiering::Tiered));
  std::unique_ptr<Both> explicitOpt = compileTiered(optionsFor(Tiering::Optimized));
  ::unsetenv("GAI_JIT_TIERED");
  ASSERT_TRUE(sync->ok() && tier0->ok() && explicitOpt->ok());
  EXPECT_EQ(sync->jit->stats().tier, 1);
  EXPECT_FALSE(sync->jit->stats().tiered);
  EXPECT_EQ(tier0->jit->stats().tier, 0);
  EXPECT_FALSE(tier0->jit->stats().tiered);
  EXPECT_FALSE(tier0->jit->waitOptimized());
  EXPECT_EQ(explicitOpt->jit->stats().tier, 1);  // only Tiered is overridden
}

}  // namespace
}  // namespace gai::codegen::test
