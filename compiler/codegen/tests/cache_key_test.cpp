// The object cache keyed on the ir::Module (module_key.h): a hit emits no LLVM IR and
// links from the manifest; any change of the program or of the binary is a miss; a
// manifest that does not fit is a miss that recompiles; old formats are trimmed away.
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "codegen/cache.h"
#include "codegen/module_key.h"
#include "jit_util.h"

namespace gai::codegen::test {
namespace {

namespace fs = std::filesystem;

const char* kSource = R"(
import std.text
enum Color { red, green, blue }
action report(t: string)
record E { a: int b: int c: Color t: string n: int? }
rule big(e: E) { cites "x" when e.a * e.b > 100 or (e.n ?? 0) > 3 then deny }
rule colour(e: E) { cites "x" when e.c in {red, blue} and text.contains(e.t, "spam") then flag }
rule ref(e: E) { cites "x" when big(e) and e.a / e.b == 2 then flag }
rule late(e: E) { cites "x" when e.n == none and now > 2024-01-01T00:00:00Z then flag, require report(e.t) }
)";

const std::vector<std::string> kInputs = {
    R"({"a":1,"b":2,"c":"red","t":"spam!"})",    R"({"a":20,"b":10,"c":"green","t":"x"})",
    R"({"a":9223372036854775807,"b":2,"c":"blue","t":"spam"})", R"({"a":4,"b":0,"c":"blue","t":"","n":5})",
    R"({"a":-3,"b":7,"c":"green","t":"spam","n":null})"};

const char* kTests = R"(
import std.text
enum Color { red, green, blue }
record E { t: string n: int c: Color }
rule r(e: E) { cites "x" when e.n > 0 then flag }
test "a" {
  given e = E { t: "aB", n: 3, c: blue }
  assert text.lower(e.t) == "ab"
  assert (e with { n: 2 }).n == 2
  assert 10 / (e.n - 3) == 1
  assert r(e) and not r(e with { n: 0 })
}
)";

cache::Key keyOf(const std::string& hex) {
  cache::Key key{};
  for (size_t i = 0; i < key.size() && 2 * i + 1 < hex.size(); ++i)
    key[i] = uint8_t(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return key;
}

class CacheKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("gai-cache-key-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
  }
  void TearDown() override {
    setImageIdentityForTesting("");
    fs::remove_all(dir_);
  }

  std::unique_ptr<Both> compile(const std::string& source, bool tests = false, bool memory = false) {
    auto b = std::make_unique<Both>();
    b->compiled = interp::compileSources({{"t.gai", "package t\n" + source}}, b->diags, &b->error);
    EXPECT_TRUE(b->compiled && b->compiled->module) << b->error;
    JitOptions options;
    options.cacheDir = dir_.string();
    options.memoryCache = memory;
    options.tests = tests;
    if (b->compiled && b->compiled->module) b->jit = JitProgram::create(*b->compiled->module, b->error, options);
    EXPECT_TRUE(b->jit) << b->error;
    return b;
  }

  static std::string decisions(const Both& b) { return jitDecisions(b, kInputs, "2024-03-01T00:00:00Z"); }
  static std::string interpreted(const Both& b) { return interpDecisions(b, kInputs, "2024-03-01T00:00:00Z"); }

  // Every test expression's value (or error) with the JIT, as text.
  static std::string testValues(const Both& b) {
    std::string out;
    for (const ir::TestCode& t : b.module().tests)
      for (const ir::Node* node : t.asserts) {
        interp::EvalOptions eo;
        eo.hasNow = false;
        rt::Arena arena;
        alignas(16) char got[64] = {};
        const char* e = b.jit->evaluateExpr(*node, t.frameSize, t.givenSlot, t.given, 0, eo, arena, got);
        out += e ? std::string("error ") + e : std::to_string(int(got[0]));
        out += "\n";
      }
    return out;
  }

  fs::path dir_;
  static inline std::atomic<int> counter_{0};
};

TEST_F(CacheKeyTest, HitEmitsNoIrAndDecidesTheSame) {
  auto miss = compile(kSource);
  EXPECT_EQ(miss->jit->stats().hit, CacheUse::None);
  EXPECT_TRUE(miss->jit->stats().emittedIr);
  EXPECT_GT(miss->jit->stats().emitMs, 0.0);
  ASSERT_TRUE(miss->jit->stats().stored) << miss->jit->stats().note;

  auto hit = compile(kSource);
  const JitStats& st = hit->jit->stats();
  ASSERT_EQ(st.hit, CacheUse::Disk) << st.note;
  EXPECT_FALSE(st.emittedIr);
  EXPECT_EQ(st.emitMs, 0.0);
  EXPECT_EQ(st.optimizeMs + st.codegenMs, 0.0);
  EXPECT_EQ(hit->jit->coverage().nativeRules, miss->jit->coverage().nativeRules);
  EXPECT_EQ(hit->jit->coverage().nativeSlots, miss->jit->coverage().nativeSlots);
  EXPECT_EQ(hit->jit->coverage().ruleReasons, miss->jit->coverage().ruleReasons);
  EXPECT_EQ(hit->jit->decisions() != nullptr, miss->jit->decisions() != nullptr);
  std::string want = interpreted(*hit);
  EXPECT_EQ(decisions(*miss), want);
  EXPECT_EQ(decisions(*hit), want);

  // In one process, the memory cache: a second module with the same content, other addresses.
  auto first = compile(kSource, false, true);
  auto second = compile(kSource, false, true);
  EXPECT_EQ(second->jit->stats().hit, CacheUse::Memory);
  EXPECT_FALSE(second->jit->stats().emittedIr);
  first.reset();
  EXPECT_EQ(decisions(*second), interpreted(*second));
}

// Test expressions (with the given's `with` node and error texts as addresses) from the cache.
TEST_F(CacheKeyTest, TestExpressionsFromTheCache) {
  auto miss = compile(kTests, true);
  ASSERT_TRUE(miss->jit->stats().stored) << miss->jit->stats().note;
  auto hit = compile(kTests, true);
  ASSERT_EQ(hit->jit->stats().hit, CacheUse::Disk) << hit->jit->stats().note;
  EXPECT_FALSE(hit->jit->stats().emittedIr);
  EXPECT_EQ(hit->jit->coverage().nativeExprs, miss->jit->coverage().nativeExprs);
  EXPECT_EQ(hit->jit->coverage().nativeExprs, 4u);
  EXPECT_EQ(testValues(*hit), testValues(*miss));
  EXPECT_EQ(testValues(*hit), "1\n1\nerror division by zero\n1\n");
  auto noTests = compile(kTests, false);  // another key: test expressions are not compiled
  EXPECT_NE(noTests->jit->stats().key, hit->jit->stats().key);
  EXPECT_EQ(noTests->jit->stats().hit, CacheUse::None);
}

TEST_F(CacheKeyTest, ChangedPolicyMisses) {
  auto base = compile(kSource);
  std::string source = kSource;
  auto variant = [&](const std::string& from, const std::string& to) {
    std::string changed = source;
    size_t at = changed.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return changed.replace(at, from.size(), to);
  };
  for (const std::string& changed :
       {variant("> 100", "> 101"), variant("\"spam\"", "\"spam2\""), variant("{red, blue}", "{red, green}"),
        variant("then deny", "then flag"), variant("2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z"),
        variant("e.a / e.b", "e.b / e.a"), variant("report(e.t)", "report(text.upper(e.t))")}) {
    auto b = compile(changed);
    const JitStats& st = b->jit->stats();
    EXPECT_NE(st.key, base->jit->stats().key) << changed;
    EXPECT_EQ(st.hit, CacheUse::None) << changed;
    EXPECT_TRUE(st.emittedIr) << changed;
    EXPECT_EQ(decisions(*b), interpreted(*b)) << changed;
  }
  auto again = compile(kSource);
  EXPECT_EQ(again->jit->stats().hit, CacheUse::Disk) << again->jit->stats().note;
}

TEST_F(CacheKeyTest, DifferentBuildIdMisses) {
  ASSERT_FALSE(imageIdentity().empty());
  auto a = compile(kSource);
  ASSERT_TRUE(a->jit->stats().stored);
  setImageIdentityForTesting("build-id another-build");
  auto b = compile(kSource);
  EXPECT_NE(b->jit->stats().key, a->jit->stats().key);
  EXPECT_EQ(b->jit->stats().hit, CacheUse::None);
  EXPECT_EQ(decisions(*b), interpreted(*b));
  setImageIdentityForTesting("");
  auto c = compile(kSource);
  EXPECT_EQ(c->jit->stats().key, a->jit->stats().key);
  EXPECT_EQ(c->jit->stats().hit, CacheUse::Disk);
}

// A manifest that is well checksummed but does not fit: a miss, recompiled and rewritten.
TEST_F(CacheKeyTest, CorruptedManifestMissesAndRecompiles) {
  auto first = compile(kSource);
  cache::Key key = keyOf(first->jit->stats().key);
  std::string why;
  std::shared_ptr<const cache::Entry> good = cache::load(dir_.string(), key, why);
  ASSERT_TRUE(good) << why;
  auto other = compile(std::string(kSource) + "rule z(e: E) { cites \"x\" when e.b == 1 then flag }\n");
  std::shared_ptr<const cache::Entry> otherEntry =
      cache::load(dir_.string(), keyOf(other->jit->stats().key), why);
  ASSERT_TRUE(otherEntry) << why;

  auto damaged = [&](auto change) {
    cache::Entry e = *good;
    change(e);
    return e;
  };
  std::vector<std::pair<const char*, cache::Entry>> cases = {
      {"truncated manifest", damaged([](cache::Entry& e) { e.manifest.resize(e.manifest.size() - 3); })},
      {"empty manifest", damaged([](cache::Entry& e) { e.manifest.clear(); })},
      {"bad magic", damaged([](cache::Entry& e) { e.manifest[0] ^= 1; })},
      {"object count", damaged([](cache::Entry& e) { e.manifest[8] ^= 1; })},
      {"address out of range", damaged([](cache::Entry& e) {
         uint64_t huge = uint64_t(1) << 40;
         std::memcpy(&e.manifest[e.manifest.size() - 8], &huge, 8);
       })},
      {"address outside the image", damaged([](cache::Entry& e) {
         uint64_t far = uint64_t(1) << 50 | 1;
         std::memcpy(&e.manifest[e.manifest.size() - 8], &far, 8);
       })},
      {"unknown function", damaged([](cache::Entry& e) {
         size_t at = e.manifest.find("gai_rule_0");
         ASSERT_NE(at, std::string::npos);
         e.manifest[at + 9] = '7';
       })},
      {"another program's entry", *otherEntry},
  };
  std::string want = interpreted(*first);
  for (const auto& [what, entry] : cases) {
    ASSERT_TRUE(cache::store(dir_.string(), key, entry, why)) << why;
    auto again = compile(kSource);
    const JitStats& st = again->jit->stats();
    EXPECT_EQ(st.hit, CacheUse::None) << what;
    EXPECT_NE(st.note.find("cached object not used"), std::string::npos) << what << ": " << st.note;
    EXPECT_TRUE(st.emittedIr) << what;
    EXPECT_TRUE(st.stored) << what;
    EXPECT_EQ(decisions(*again), want) << what;
    auto fixed = compile(kSource);
    EXPECT_EQ(fixed->jit->stats().hit, CacheUse::Disk) << what << ": " << fixed->jit->stats().note;
    EXPECT_EQ(decisions(*fixed), want) << what;
  }
}

TEST_F(CacheKeyTest, OldFormatIsTrimmed) {
  fs::create_directories(dir_ / "jit-v1");
  std::ofstream(dir_ / "jit-v1" / "0123.o") << "an object of format 1";
  auto b = compile(kSource);
  ASSERT_TRUE(b->jit->stats().stored);
  EXPECT_FALSE(fs::exists(dir_ / "jit-v1" / "0123.o"));
  EXPECT_TRUE(fs::exists(dir_ / "jit-v2" / (b->jit->stats().key + ".o")));
}

}  // namespace
}  // namespace gai::codegen::test
