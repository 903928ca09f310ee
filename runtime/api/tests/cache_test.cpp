// The public face of the JIT and its object cache: defaults, the directory in use, an
// unusable directory, the C API's options.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api_fixture.h"
#include "gai/gai.h"

namespace gai::testing {
namespace {

namespace fs = std::filesystem;

// Sets (or, with nullptr, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (had_) ::setenv(name_, old_.c_str(), 1);
    else ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

fs::path freshDir(const char* name) {
  fs::path dir = fs::path(::testing::TempDir()) / (std::string(name) + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

size_t objectFiles(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file() && e.path().extension() == ".o";
  return n;
}

const char* kOrder =
    R"({"at":"2024-06-01T10:00:00Z","customer":{"id":"c2","age":16},"channel":"app","amount":1500,)"
    R"("items":["a","b","c","d"],"ship_by":"2024-06-02"})";

std::string decide(const std::shared_ptr<const Policy>& policy) {
  Session session(policy);
  std::string out;
  for (const std::string& line : readLines(shopDir() + "/input.jsonl")) {
    EvalResult r = session.evaluateJson(*policy->entry("Order"), line, at("2024-06-01T12:00:00Z"));
    out += (r.ok() ? r.decision.json : "error: " + r.error) + "\n";
  }
  return out;
}

TEST(JitCache, DefaultsAreTheJitAndTheEnvironmentsDirectory) {
  ScopedEnv engine("GAI_ENGINE", nullptr);
  {
    ScopedEnv dir("GAI_CACHE_DIR", "/some/where");
    CompileOptions options;
    EXPECT_EQ(options.engine, Engine::Jit);
    EXPECT_EQ(options.cacheDir, "/some/where");
  }
  {
    ScopedEnv dir("GAI_CACHE_DIR", "");
    EXPECT_EQ(defaultCacheDir(), "");
  }
  ScopedEnv dir("GAI_CACHE_DIR", nullptr);
  {
    ScopedEnv xdg("XDG_CACHE_HOME", "/xdg");
    EXPECT_EQ(defaultCacheDir(), "/xdg/gai");
  }
  ScopedEnv xdg("XDG_CACHE_HOME", nullptr);
  ScopedEnv home("HOME", "/home/someone");
  EXPECT_EQ(defaultCacheDir(), "/home/someone/.cache/gai");
}

// $GAI_ENGINE picks the default engine of CompileOptions and of the C API's defaults; an
// unknown value leaves the JIT.
TEST(JitCache, DefaultEngineFromTheEnvironment) {
  {
    ScopedEnv engine("GAI_ENGINE", "interp");
    EXPECT_EQ(CompileOptions().engine, Engine::Interp);
    EXPECT_EQ(gai_default_compile_options().engine, GAI_ENGINE_INTERP);
    CompileResult compiled = compile({shopDir()});
    ASSERT_TRUE(compiled.ok()) << compiled.diagnosticsText;
    EXPECT_EQ(compiled.policy->engine(), Engine::Interp);
  }
  {
    ScopedEnv engine("GAI_ENGINE", "jit");
    EXPECT_EQ(CompileOptions().engine, Engine::Jit);
    EXPECT_EQ(gai_default_compile_options().engine, GAI_ENGINE_JIT);
  }
  ScopedEnv engine("GAI_ENGINE", "fast");
  EXPECT_EQ(CompileOptions().engine, Engine::Jit);
}

TEST(JitCache, CompilesStoreAndReuseObjectCode) {
  fs::path dir = freshDir("gai-api-cache");
  CompileOptions options;
  options.cacheDir = dir.string();
  CompileResult first = compile({shopDir()}, options);
  ASSERT_TRUE(first.ok()) << first.diagnosticsText;
  // A cold compile starts on unoptimised code; the optimised code, compiled in the
  // background, is what is cached.
  EXPECT_TRUE(first.policy->waitOptimized());
  EXPECT_EQ(objectFiles(dir), 1u);
  CompileResult second = compile({shopDir()}, options);
  ASSERT_TRUE(second.ok()) << second.diagnosticsText;
  EXPECT_EQ(objectFiles(dir), 1u);
  options.engine = Engine::Interp;
  CompileResult interp = compile({shopDir()}, options);
  ASSERT_TRUE(interp.ok());
  std::string want = decide(interp.policy);
  EXPECT_NE(want.find("\"effect\""), std::string::npos);
  EXPECT_EQ(decide(first.policy), want);
  EXPECT_EQ(decide(second.policy), want);
  fs::remove_all(dir);
}

TEST(JitCache, NoCacheAndAnUnusableDirectoryStillCompile) {
  fs::path dir = freshDir("gai-api-cache-off");
  fs::create_directories(dir);
  std::ofstream(dir / "file") << "x";
  for (std::string cacheDir : {std::string(), (dir / "file").string(), (dir / "file" / "sub").string()}) {
    CompileOptions options;
    options.cacheDir = cacheDir;
    CompileResult r = compile({shopDir()}, options);
    ASSERT_TRUE(r.ok()) << cacheDir << ": " << r.diagnosticsText;
    EXPECT_EQ(r.diagnosticsText, "") << cacheDir;
    Session session(r.policy);
    EXPECT_TRUE(session.evaluateJson(*r.policy->entry("Order"), kOrder, at("2024-06-01T12:00:00Z")).ok());
  }
  EXPECT_EQ(objectFiles(dir), 0u);
  fs::remove_all(dir);
}

TEST(JitCache, CApiOptions) {
  gai_compile_options defaults = gai_default_compile_options();
  EXPECT_EQ(defaults.engine, GAI_ENGINE_JIT);
  EXPECT_EQ(defaults.strict, 0);
  EXPECT_EQ(defaults.cache_dir, nullptr);
  fs::path dir = freshDir("gai-c-cache");
  std::string shop = shopDir();
  const char* paths[] = {shop.c_str()};
  gai_compile_options options = defaults;
  std::string dirText = dir.string();
  options.cache_dir = dirText.c_str();
  char* diagnostics = nullptr;
  gai_policy* policy = gai_compile_with(paths, 1, &options, &diagnostics);
  ASSERT_NE(policy, nullptr) << (diagnostics ? diagnostics : "");
  gai_free(diagnostics);
  EXPECT_EQ(gai_policy_wait_optimized(policy), 1);  // the optimised code is what is cached
  EXPECT_EQ(objectFiles(dir), 1u);
  gai_policy_free(policy);
  options.cache_dir = "";
  options.engine = GAI_ENGINE_INTERP;
  policy = gai_compile_with(paths, 1, &options, nullptr);
  ASSERT_NE(policy, nullptr);
  gai_policy_free(policy);
  policy = gai_compile_with(paths, 1, nullptr, nullptr);
  ASSERT_NE(policy, nullptr);
  gai_policy_free(policy);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gai::testing
