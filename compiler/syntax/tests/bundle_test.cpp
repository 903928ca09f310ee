// Loading bundles from disk and from memory.
#include <filesystem>
#include <fstream>

#include "syntax/bundle.h"
#include "test_util.h"

namespace gai::syntax::test {
namespace {

namespace fs = std::filesystem;

class BundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("gai_syntax_bundle_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& text) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  fs::path root_;
};

std::vector<std::string> paths(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& f : b.files) out.push_back(b.sources.file(f->id).path());
  return out;
}

TEST_F(BundleTest, RecursiveWalkInByteOrder) {
  write("b.gai", "package p\n");
  write("a/z.gai", "package p\n");
  write("a/B.gai", "package p\n");
  write("a_/x.gai", "package p\n");
  write("notes.txt", "not gai");
  DiagnosticSink diags;
  auto bundle = loadBundle({root_.string()}, diags);
  EXPECT_FALSE(diags.hasErrors());
  std::string r = root_.string();
  EXPECT_EQ(paths(*bundle), (std::vector<std::string>{r + "/a/B.gai", r + "/a/z.gai", r + "/a_/x.gai", r + "/b.gai"}));
  ASSERT_EQ(bundle->roots.size(), 1u);
  EXPECT_EQ(bundle->roots[0].dir, fs::canonical(root_).string());
  EXPECT_EQ(bundle->fileRoot, (std::vector<uint32_t>{0, 0, 0, 0}));
}

TEST_F(BundleTest, SingleFileRootIsItsDirectory) {
  write("one.gai", "package p\n");
  DiagnosticSink diags;
  auto bundle = loadBundle({(root_ / "one.gai").string()}, diags);
  EXPECT_FALSE(diags.hasErrors());
  ASSERT_EQ(bundle->files.size(), 1u);
  EXPECT_EQ(bundle->roots[0].dir, fs::canonical(root_).string());
}

TEST_F(BundleTest, MissingPathAndEmptyDirectory) {
  fs::create_directories(root_ / "empty");
  DiagnosticSink diags;
  auto bundle = loadBundle({(root_ / "nope.gai").string(), (root_ / "empty").string()}, diags);
  ASSERT_EQ(diags.diagnostics().size(), 2u);
  EXPECT_STREQ(diags.diagnostics()[0].code(), "E0601");
  EXPECT_STREQ(diags.diagnostics()[1].code(), "E0602");
  EXPECT_TRUE(bundle->files.empty());
}

TEST_F(BundleTest, DirectorySymlinksAreNotFollowed) {
  write("in/a.gai", "package p\n");
  write("outside/secret.gai", "package p\n");
  fs::create_directory_symlink(root_ / "outside", root_ / "in" / "link");
  DiagnosticSink diags;
  auto bundle = loadBundle({(root_ / "in").string()}, diags);
  EXPECT_EQ(bundle->files.size(), 1u);
}

TEST(ParseBundle, InMemorySortedByPath) {
  DiagnosticSink diags;
  auto bundle = parseBundle({{"z.gai", "package p\nconst c: int = 1\n"}, {"a.gai", "package p\n"}}, "", diags);
  EXPECT_FALSE(diags.hasErrors());
  EXPECT_EQ(paths(*bundle), (std::vector<std::string>{"a.gai", "z.gai"}));
  EXPECT_EQ(bundle->files[1]->decls.size(), 1u);
}

}  // namespace
}  // namespace gai::syntax::test
