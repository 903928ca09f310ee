// lines() confinement (issue 7): symbolic links to directories that leave the bundle are
// compile errors at the path literal; links that stay inside the bundle are followed.
// (`..`, absolute paths and file links leaving the bundle: LinesTest.RefusesEscapes.)
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "check/tests/check_fixture.h"

namespace gai::check::testing {
namespace {

namespace fs = std::filesystem;

class LinesConfinement : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("gai_confine_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "root" / "kw");
    fs::create_directories(base_ / "elsewhere");
    write(base_ / "root" / "kw" / "terms.txt", "alpha\nbeta\n");
    write(base_ / "elsewhere" / "terms.txt", "secret\n");
    fs::create_directory_symlink(base_ / "elsewhere", base_ / "root" / "outdir");     // leaves
    fs::create_directory_symlink("kw", base_ / "root" / "indir");                    // stays
    fs::create_symlink("terms.txt", base_ / "root" / "kw" / "alias.txt");            // stays
    fs::create_symlink("../outdir/terms.txt", base_ / "root" / "kw" / "via_out.txt");  // leaves via a link
    root_ = fs::canonical(base_ / "root").string();
  }
  void TearDown() override { fs::remove_all(base_); }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

  // One const per line from line 2 (line 1 is the package).
  std::unique_ptr<Checked> check(const std::string& consts) {
    return checkSources({{"main.gai", "package p\n" + consts +
                                          "record E { s: string }\n"
                                          "rule r(e: E) { cites \"x\" when e.s in k then deny }\n"}},
                        root_);
  }
  uint32_t lineOf(const Checked& c, const Diagnostic& d) { return c.bundle->sources.lineCol(d.loc).line; }

  fs::path base_;
  std::string root_;
};

TEST_F(LinesConfinement, DirectorySymlinkLeavingTheBundleIsAnError) {
  auto c = check("const k: set<string> = lines(\"outdir/terms.txt\")\n");
  ASSERT_EQ(c->count("E0403"), 1u) << c->dump();
  const Diagnostic* d = c->first("E0403");
  EXPECT_EQ(lineOf(*c, *d), 2u);
  EXPECT_NE(d->message.find("outdir/terms.txt"), std::string::npos) << d->message;
}

TEST_F(LinesConfinement, FileSymlinkThroughADirectoryLinkIsAnError) {
  auto c = check("const k: set<string> = lines(\"kw/via_out.txt\")\n");
  EXPECT_EQ(c->count("E0403"), 1u) << c->dump();
}

TEST_F(LinesConfinement, LinksInsideTheBundleAreFollowed) {
  auto c = check("const k: set<string> = lines(\"indir/terms.txt\")\n"
                 "const a: set<string> = lines(\"kw/alias.txt\")\n"
                 "const d: set<string> = lines(\"kw/../indir/alias.txt\")\n");
  ASSERT_FALSE(c->diags.hasErrors()) << c->dump();
  for (const char* name : {"k", "a", "d"}) {
    const Value* v = c->program->constValue(c->decl(name));
    ASSERT_NE(v, nullptr) << name;
    ASSERT_EQ(v->elems.size(), 2u) << name;
    EXPECT_EQ(v->elems[0].s, "alpha") << name;
  }
}

}  // namespace
}  // namespace gai::check::testing
