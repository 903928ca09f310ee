// The JIT object cache: hits skip optimisation and code generation, keys separate bundles,
// damaged files are misses that get rewritten, an unusable directory only costs the cache,
// concurrent processes agree; cached code decides exactly like fresh code and the
// interpreter.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "codegen/cache_dir.h"
#include "jit_util.h"

namespace gai::codegen::test {
namespace {

namespace fs = std::filesystem;

const char* kSource = R"(
import std.text
enum Color { red, green, blue }
record E { a: int b: int c: Color t: string n: int? }
rule big(e: E) { cites "x" when e.a * e.b > 100 or (e.n ?? 0) > 3 then deny }
rule colour(e: E) { cites "x" when e.c in {red, blue} and text.contains(e.t, "spam") then flag }
rule ref(e: E) { cites "x" when big(e) and e.a / e.b == 2 then flag }
)";

const std::vector<std::string> kInputs = {
    R"({"a":1,"b":2,"c":"red","t":"spam!"})",    R"({"a":20,"b":10,"c":"green","t":"x"})",
    R"({"a":9223372036854775807,"b":2,"c":"blue","t":"spam"})", R"({"a":4,"b":0,"c":"blue","t":"","n":5})",
    R"({"a":-3,"b":7,"c":"green","t":"spam","n":null})"};

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = freshTempDir("gai-cache-test");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A fresh compile of `source` (its own ir::Module, so its own addresses).
  std::unique_ptr<Both> compile(const std::string& source, const std::string& cacheDir, bool memory = false) {
    auto b = std::make_unique<Both>();
    b->compiled = interp::compileSources({{"t.gai", "package t\n" + source}}, b->diags, &b->error);
    EXPECT_TRUE(b->compiled && b->compiled->module) << b->error;
    JitOptions options;
    options.cacheDir = cacheDir;
    options.memoryCache = memory;
    if (b->compiled && b->compiled->module) b->jit = JitProgram::create(*b->compiled->module, b->error, options);
    EXPECT_TRUE(b->jit) << b->error;
    return b;
  }

  std::vector<fs::path> files() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir_, ec))
      if (e.is_regular_file()) out.push_back(e.path());
    return out;
  }

  static std::string decisions(const Both& b) { return jitDecisions(b, kInputs, "2024-03-01T00:00:00Z"); }
  static std::string interpreted(const Both& b) { return interpDecisions(b, kInputs, "2024-03-01T00:00:00Z"); }

  fs::path dir_;
};

TEST_F(CacheTest, SecondLoadSkipsOptimisationAndCodegen) {
  auto first = compile(kSource, dir_.string());
  const JitStats& miss = first->jit->stats();
  EXPECT_EQ(miss.hit, CacheUse::None);
  EXPECT_FALSE(miss.processSpecific) << "emitted code holds an absolute address";
  EXPECT_TRUE(miss.stored) << miss.note;
  EXPECT_GT(miss.optimizeMs + miss.codegenMs, 0.0);
  ASSERT_EQ(files().size(), 1u);
  EXPECT_EQ(files()[0].filename().string(), miss.key + ".o");

  auto second = compile(kSource, dir_.string());
  const JitStats& hit = second->jit->stats();
  EXPECT_EQ(hit.hit, CacheUse::Disk) << hit.note;
  EXPECT_EQ(hit.key, miss.key);
  EXPECT_EQ(hit.optimizeMs, 0.0);
  EXPECT_EQ(hit.codegenMs, 0.0);
  EXPECT_FALSE(hit.stored);
  EXPECT_EQ(second->jit->coverage().nativeRules, 3u);

  std::string want = interpreted(*first);
  EXPECT_EQ(decisions(*first), want);
  EXPECT_EQ(decisions(*second), want);
  EXPECT_EQ(interpreted(*second), want);
}

TEST_F(CacheTest, MemoryCacheWithinOneProcess) {
  auto first = compile(kSource, "", true);
  auto second = compile(kSource, "", true);
  EXPECT_EQ(second->jit->stats().hit, CacheUse::Memory);
  EXPECT_EQ(second->jit->stats().optimizeMs, 0.0);
  EXPECT_TRUE(files().empty());
  first.reset();  // unlinking one program leaves the other's code alone
  EXPECT_EQ(decisions(*second), interpreted(*second));
}

TEST_F(CacheTest, DifferentBundleDifferentKey) {
  auto a = compile(kSource, dir_.string());
  std::string other = std::string(kSource) + "rule small(e: E) { cites \"x\" when e.a < 0 then flag }\n";
  auto b = compile(other, dir_.string());
  EXPECT_NE(a->jit->stats().key, b->jit->stats().key);
  EXPECT_EQ(b->jit->stats().hit, CacheUse::None);
  EXPECT_EQ(files().size(), 2u);
  EXPECT_EQ(decisions(*b), interpreted(*b));
}

// Past a limit the least recently used objects go first, down to three quarters; a hit
// counts as a use.
TEST_F(CacheTest, TrimRemovesLeastRecentlyUsedFirst) {
  fs::create_directories(dir_ / "jit-v2");
  auto make = [&](const std::string& name, int ageSeconds) {
    fs::path p = dir_ / "jit-v2" / (name + ".o");
    std::ofstream(p, std::ios::binary) << std::string(100, 'x');
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(ageSeconds));
  };
  for (int i = 0; i < 8; ++i) make("f" + std::to_string(i), 100 - i);  // f0 oldest
  std::ofstream(dir_ / "jit-v2" / "notes.txt") << "not an object";
  EXPECT_EQ(cache::trim(dir_.string(), cache::Limits{1000, 100}), 0u);  // within both limits
  EXPECT_EQ(cache::trim(dir_.string(), cache::Limits{700, 100}), 3u);   // 800 bytes -> 500
  for (int i = 0; i < 8; ++i) EXPECT_EQ(fs::exists(dir_ / "jit-v2" / ("f" + std::to_string(i) + ".o")), i >= 3) << i;
  EXPECT_TRUE(fs::exists(dir_ / "jit-v2" / "notes.txt"));
  EXPECT_EQ(cache::trim(dir_.string(), cache::Limits{1000, 4}), 2u);  // 5 files -> 3
  EXPECT_FALSE(fs::exists(dir_ / "jit-v2" / "f4.o"));
  EXPECT_TRUE(fs::exists(dir_ / "jit-v2" / "f5.o"));

  // A disk hit refreshes the file, so the other object is the one removed.
  fs::remove_all(dir_);
  auto a = compile(kSource, dir_.string());
  std::string other = std::string(kSource) + "rule small(e: E) { cites \"x\" when e.a < 0 then flag }\n";
  auto b = compile(other, dir_.string());
  fs::path fileA, fileB;
  for (const fs::path& f : files()) {
    fs::last_write_time(f, fs::file_time_type::clock::now() - std::chrono::hours(1));
    (f.filename().string() == a->jit->stats().key + ".o" ? fileA : fileB) = f;
  }
  make("older", 7200);
  auto again = compile(kSource, dir_.string());
  ASSERT_EQ(again->jit->stats().hit, CacheUse::Disk);
  EXPECT_EQ(cache::trim(dir_.string(), cache::Limits{1u << 30, 1}), 2u);  // 3 files -> 1
  EXPECT_FALSE(fs::exists(dir_ / "jit-v2" / "older.o"));
  EXPECT_TRUE(fs::exists(fileA));
  EXPECT_FALSE(fs::exists(fileB));
}

// Each damage is a miss with a reason; the compile rewrites the file; the next one hits.
TEST_F(CacheTest, DamagedFilesAreMissesAndGetRewritten) {
  auto first = compile(kSource, dir_.string());
  fs::path file = files().at(0);
  std::string good;
  {
    std::ifstream in(file, std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto otherKey = compile(std::string(kSource) + "rule z(e: E) { cites \"x\" when e.b == 1 then flag }\n", "");
  struct Damage {
    const char* what;
    std::string bytes;
    const char* reason;
  };
  std::string flipped = good;
  flipped[flipped.size() / 2 + 40] ^= 0x5a;
  std::string badMagic = good;
  badMagic[0] = 'X';
  std::string version = good;
  version[8] = 9;
  std::string otherKeyBytes = good;
  otherKeyBytes[20] ^= 1;
  std::vector<Damage> damages = {{"truncated payload", good.substr(0, good.size() - 100), "length mismatch"},
                                 {"truncated header", good.substr(0, 30), "truncated header"},
                                 {"empty", "", "truncated header"},
                                 {"flipped byte", flipped, "checksum mismatch"},
                                 {"bad magic", badMagic, "bad magic"},
                                 {"format version", version, "other format version"},
                                 {"other key", otherKeyBytes, "other key"}};
  for (const Damage& d : damages) {
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out << d.bytes;
    }
    auto again = compile(kSource, dir_.string());
    const JitStats& st = again->jit->stats();
    EXPECT_EQ(st.hit, CacheUse::None) << d.what;
    EXPECT_NE(st.note.find(d.reason), std::string::npos) << d.what << ": " << st.note;
    EXPECT_TRUE(st.stored) << d.what;
    EXPECT_EQ(decisions(*again), interpreted(*again)) << d.what;
    auto fixed = compile(kSource, dir_.string());
    EXPECT_EQ(fixed->jit->stats().hit, CacheUse::Disk) << d.what << ": " << fixed->jit->stats().note;
    EXPECT_EQ(decisions(*fixed), interpreted(*fixed)) << d.what;
  }
}

TEST_F(CacheTest, UnusableDirectoryOnlyCostsTheCache) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "file") << "not a directory";
  for (std::string bad : {(dir_ / "file").string(), (dir_ / "file" / "sub").string(), std::string("/proc/gai-cache")}) {
    auto b = compile(kSource, bad);
    ASSERT_TRUE(b->jit) << bad;
    EXPECT_EQ(b->jit->stats().hit, CacheUse::None) << bad;
    EXPECT_FALSE(b->jit->stats().stored) << bad;
    EXPECT_FALSE(b->jit->stats().note.empty()) << bad;
    EXPECT_EQ(decisions(*b), interpreted(*b)) << bad;
  }
}

// Processes started together on an empty cache directory: all succeed with the same
// decisions, and the directory ends with one valid file and no temporary ones.
TEST_F(CacheTest, ConcurrentProcessesAgree) {
  constexpr int kProcesses = 6;
  std::string want;
  {
    auto ref = compile(kSource, "");
    want = interpreted(*ref);
  }
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto b = compile(kSource, dir_.string());
      bool ok = b->jit && decisions(*b) == want;
      std::ofstream(dir_.string() + ".out" + std::to_string(i)) << (ok ? "ok" : "bad");
      ::_exit(ok ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  for (int i = 0; i < kProcesses; ++i) fs::remove(dir_.string() + ".out" + std::to_string(i));
  ASSERT_EQ(files().size(), 1u);
  EXPECT_EQ(files()[0].extension(), ".o");
  auto after = compile(kSource, dir_.string());
  EXPECT_EQ(after->jit->stats().hit, CacheUse::Disk) << after->jit->stats().note;
  EXPECT_EQ(decisions(*after), want);
}

TEST_F(CacheTest, ThreadsCompilingAtOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      std::string source = std::string(kSource) + (i % 2 ? "rule odd(e: E) { cites \"x\" when e.a == 1 then flag }\n" : "");
      auto b = compile(source, dir_.string(), i < 2);
      if (b->jit && decisions(*b) == interpreted(*b)) ++good;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 4);
}

}  // namespace
}  // namespace gai::codegen::test
