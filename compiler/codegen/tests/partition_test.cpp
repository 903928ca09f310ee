// Partitioned compilation (jit_compile.h): the object code does not depend on the number
// of threads compiling it, hot and cold code land in separate objects that link into one
// program deciding like the interpreter, and a cache entry's packed objects round-trip.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "codegen/jit_compile.h"
#include "jit_util.h"

namespace gai::codegen::test {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Compiled {
  std::unique_ptr<Both> both;
  std::string object;  // the cache file's bytes
};

// Compiles kMixedSource with `threads` compile threads into a fresh cache directory.
Compiled compileWith(unsigned threads) {
  fs::path dir = freshTempDir("gai-partition-test");
  Compiled c;
  c.both = std::make_unique<Both>();
  Both& b = *c.both;
  b.compiled = interp::compileSources({{"t.gai", std::string("package t\n") + kMixedSource}}, b.diags, &b.error);
  EXPECT_TRUE(b.compiled && b.compiled->module) << b.error;
  if (!b.compiled || !b.compiled->module) return c;
  JitOptions options;
  options.cacheDir = dir.string();
  options.memoryCache = false;
  options.compileThreads = threads;
  b.jit = JitProgram::create(*b.compiled->module, b.error, options);
  EXPECT_TRUE(b.jit) << b.error;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file()) c.object = readFile(e.path());
  fs::remove_all(dir);
  return c;
}

TEST(Partition, ObjectCodeDoesNotDependOnThreads) {
  Compiled one = compileWith(1), two = compileWith(2);
  ASSERT_TRUE(one.both->jit && two.both->jit);
  const JitStats& s1 = one.both->jit->stats();
  const JitStats& s2 = two.both->jit->stats();
  EXPECT_EQ(s1.hit, CacheUse::None);
  EXPECT_TRUE(s1.stored) << s1.note;
  EXPECT_TRUE(s2.stored) << s2.note;
  // A decision (hot) and the driver's copies of its `when`s and the message slot (cold).
  EXPECT_GE(s1.partitions, 2u);
  EXPECT_EQ(s1.partitions, s2.partitions);
  EXPECT_GT(s1.compileWallMs, 0.0);
  EXPECT_EQ(s1.key, s2.key);
  ASSERT_FALSE(one.object.empty());
  EXPECT_TRUE(one.object == two.object) << "the cached object differs between 1 and 2 compile threads";
}

TEST(Partition, PartitionedProgramDecidesLikeTheInterpreter) {
  for (unsigned threads : {1u, 2u}) {
    Compiled c = compileWith(threads);
    ASSERT_TRUE(c.both->jit);
    EXPECT_EQ(c.both->jit->coverage().nativeRules, 4u);  // every rule of kMixedSource
    EXPECT_EQ(jitDecisions(*c.both, kMixedInputs, "2024-03-01T00:00:00Z"),
              interpDecisions(*c.both, kMixedInputs, "2024-03-01T00:00:00Z"))
        << threads << " thread(s)";
  }
}

TEST(Partition, PackedObjectsRoundTrip) {
  std::vector<std::string> objects = {std::string("\x7f" "ELF one", 8), "", std::string("two\0three", 9)};
  std::string packed = packObjects(objects);
  std::vector<std::string> back;
  ASSERT_TRUE(unpackObjects(packed, back));
  EXPECT_EQ(back, objects);
  // A lone object is stored as it is (and read back as one object).
  EXPECT_EQ(packObjects({"\x7f" "ELF lone"}), "\x7f" "ELF lone");
  ASSERT_TRUE(unpackObjects("\x7f" "ELF lone", back));
  EXPECT_EQ(back, std::vector<std::string>{"\x7f" "ELF lone"});
}

TEST(Partition, MalformedPackIsRejected) {
  std::string packed = packObjects({"abc", "defg"});
  std::vector<std::string> back;
  EXPECT_FALSE(unpackObjects(packed.substr(0, packed.size() - 1), back));  // truncated object
  EXPECT_FALSE(unpackObjects(packed + "x", back));                         // trailing bytes
  EXPECT_FALSE(unpackObjects(packed.substr(0, 12), back));                 // truncated count
  std::string huge = packed;
  huge[8] = '\x7f';  // a count far beyond the bytes there
  EXPECT_FALSE(unpackObjects(huge, back));
}

}  // namespace
}  // namespace gai::codegen::test
