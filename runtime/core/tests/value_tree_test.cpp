#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/value_render.h"
#include "core/value_tree.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

// The shape of check::Value, without depending on the compiler.
struct TreeValue {
  bool none = false;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<TreeValue> elems;
  bool isNone() const { return none; }
};

TreeValue I(int64_t v) { TreeValue x; x.i = v; return x; }
TreeValue S(std::string v) { TreeValue x; x.s = std::move(v); return x; }
TreeValue B(bool v) { TreeValue x; x.b = v; return x; }
TreeValue N() { TreeValue x; x.none = true; return x; }
TreeValue L(std::vector<TreeValue> e) { TreeValue x; x.elems = std::move(e); return x; }

TEST(ValueTree, WritesRecordDefaults) {
  test::Schema s;
  Arena arena;
  // Service: id, provider{id, foreign_invested, licenses_held}, offered, modalities,
  // launch_date?, working_days_to_filing?, feedback_limit?
  TreeValue provider = L({S("p"), B(true), L({S("z"), S("a"), S("z")})});
  TreeValue service = L({S("s"), provider, B(false), L({I(4), I(0)}), I(19600), N(), I(3600)});
  std::vector<unsigned char> bytes(s.service->size);
  ASSERT_TRUE(writeValueTree(*s.service, service, bytes.data(), arena));
  EXPECT_EQ(renderValue(*s.service, bytes.data()),
            "{id: \"s\", provider: {id: \"p\", foreign_invested: true, licenses_held: [\"a\", \"z\"]}, "
            "offered_to_prc_public: false, modalities: [text, virtual_scene], launch_date: 2023-08-31, "
            "working_days_to_filing: none, feedback_limit: 1h}");
}

TEST(ValueTree, RejectsBadShapes) {
  test::Schema s;
  Arena arena;
  std::vector<unsigned char> bytes(s.service->size);
  EXPECT_FALSE(writeValueTree(*s.service, L({S("s")}), bytes.data(), arena));
  std::vector<unsigned char> e(4);
  EXPECT_FALSE(writeValueTree(*s.modality, I(6), e.data(), arena));
  EXPECT_TRUE(writeValueTree(*s.modality, I(5), e.data(), arena));
}

}  // namespace
}  // namespace gai::rt
