#include <gtest/gtest.h>

#include "core/builder.h"
#include "core/civil_time.h"
#include "core/json_bind.h"
#include "core/layout.h"
#include "core/value_render.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

class Build : public ::testing::Test {
 protected:
  const void* bound(const Type* type, std::string_view json) {
    BindError e;
    const void* v = binder.bind(json, *type, arena, e);
    EXPECT_NE(v, nullptr) << e.toString();
    return v;
  }
  test::Schema s;
  Arena arena;
  JsonBinder binder;
};

TEST_F(Build, SameValueAsJson) {
  Builder b(*s.event, arena);
  EXPECT_TRUE(b.setTimestamp("at", *parseTimestamp("2024-03-01T00:00:00Z")));
  EXPECT_TRUE(b.setString("service.id", "s1"));
  EXPECT_TRUE(b.setString("service.provider.id", "p1"));
  EXPECT_TRUE(b.setStrings("service.provider.licenses_held", {"b", "a", "b"}));
  EXPECT_TRUE(b.setBool("service.offered_to_prc_public", true));
  EXPECT_TRUE(b.setEnums("service.modalities", {"video", "text"}));
  EXPECT_TRUE(b.setDate("service.launch_date", *parseDate("2023-09-01")));
  EXPECT_TRUE(b.setInt("service.working_days_to_filing", -2));
  EXPECT_TRUE(b.setEnum("output.modality", "image"));
  EXPECT_TRUE(b.setBool("output.label.has_ai_term", true));  // makes label present
  EXPECT_TRUE(b.setDuration("log_retention", 3600));
  const void* built = b.finish();
  ASSERT_NE(built, nullptr) << b.error();
  const void* json = bound(s.event,
                           R"({"at":"2024-03-01T08:00:00+08:00","service":{"id":"s1","provider":{"id":"p1",)"
                           R"("licenses_held":["a","b"]},"offered_to_prc_public":true,"modalities":["text","video"],)"
                           R"("launch_date":"2023-09-01","working_days_to_filing":-2},)"
                           R"("output":{"modality":"image","label":{"has_ai_term":true}},"log_retention":"1h"})");
  ASSERT_NE(json, nullptr);
  EXPECT_TRUE(valuesEqual(*s.event, built, json)) << renderValue(*s.event, built) << "\n"
                                                  << renderValue(*s.event, json);
}

TEST_F(Build, MissingRequiredField) {
  Builder b(*s.event, arena);
  b.setTimestamp("at", 0);
  b.setString("service.id", "s1");
  b.setBool("service.offered_to_prc_public", false);
  b.setEnum("output.modality", "text");
  EXPECT_EQ(b.finish(), nullptr);
  EXPECT_EQ(b.error(), "service.provider.id: missing required field");
}

TEST_F(Build, TypeChecks) {
  Builder b(*s.event, arena);
  EXPECT_FALSE(b.setInt("output.modality", 1));
  EXPECT_EQ(b.error(), "output.modality: expected Modality, got int");
  EXPECT_EQ(b.finish(), nullptr);
  Builder c(*s.event, arena);
  EXPECT_FALSE(c.setEnum("output.modality", "picture"));
  EXPECT_EQ(c.error(), "output.modality: unknown Modality \"picture\"");
  Builder d(*s.event, arena);
  EXPECT_FALSE(d.setBool("output.colour", true));
  EXPECT_EQ(d.error(), "output.colour: no field colour in Output");
  Builder e(*s.event, arena);
  EXPECT_FALSE(e.setBool("output.text.x", true));
  EXPECT_EQ(e.error(), "output.text: string is not a record");
  Builder f(*s.event, arena);
  EXPECT_FALSE(f.setNone("output.modality"));
  EXPECT_EQ(f.error(), "output.modality: expected Modality, got none");
  Builder g(*s.event, arena);
  EXPECT_FALSE(g.setStrings("service.modalities", {"text"}));
  EXPECT_EQ(g.error(), "service.modalities: expected set<Modality>, got a list of strings");
  Builder h(*s.all, arena);
  EXPECT_FALSE(h.setFloat("i", 1.0));
  EXPECT_EQ(h.error(), "i: expected int, got float");
}

TEST_F(Build, SetJsonAndNone) {
  Builder b(*s.event, arena);
  EXPECT_TRUE(b.setJson("service", R"({"id":"s","provider":{"id":"p"},"offered_to_prc_public":true})"));
  EXPECT_TRUE(b.setJson("at", R"("2024-01-01T00:00:00Z")"));
  EXPECT_TRUE(b.setJson("output", R"({"modality":"text","label":{"has_ai_term":false}})"));
  EXPECT_TRUE(b.setNone("output.label"));
  ASSERT_NE(b.finish(), nullptr) << b.error();
  Builder c(*s.event, arena);
  EXPECT_FALSE(c.setJson("service", R"({"id":"s","provider":{"id":7}})"));
  EXPECT_EQ(c.error(), "service.provider.id: expected string, got number");
}

TEST_F(Build, FieldIndexPathAndRawSlot) {
  Builder b(*s.all, arena);
  const Type* type = nullptr;
  void* slot = b.slot(FieldPath{static_cast<uint32_t>(s.all->findField("i"))}, type);
  ASSERT_NE(slot, nullptr);
  EXPECT_EQ(type, s.table.intType());
  int64_t v = 99;
  std::memcpy(slot, &v, 8);
  EXPECT_EQ(b.slot(FieldPath{999}, type), nullptr);
  EXPECT_EQ(b.error(), "no field #999 in All");
}

TEST_F(Build, CollectionsCanonical) {
  Builder b(*s.all, arena);
  b.setInts("si", {3, 1, 3});
  b.setInts("li", {3, 1, 3});
  b.setEnums("sb", {"m69", "m2", "m69"});
  b.setEnums("se", {"other", "text"});
  b.setStrings("ss", {"z", "a"});
  b.setStrings("os", {});  // not a collection
  EXPECT_EQ(b.error(), "os: expected string?, got a list of strings");
  const Type* t = nullptr;
  const void* base = nullptr;
  {
    Builder ok(*s.all, arena);
    ok.setInts("si", {3, 1, 3});
    ok.setInts("li", {3, 1, 3});
    ok.setEnums("sb", {"m69", "m2", "m69"});
    ok.setEnums("se", {"other", "text"});
    ok.setString("os", "x");
    base = ok.slot("b", t);
    ASSERT_NE(base, nullptr);
    const void* root = static_cast<const char*>(base) - s.all->fields[0].offset;
    EXPECT_EQ(renderValue(*s.all, root),
              "{b: false, i: 0, f: 0, s: \"\", d: 1970-01-01, t: 1970-01-01T00:00:00Z, u: 0s, e: text, "
              "li: [3, 1, 3], ls: [], lr: [], se: [text, other], sb: [m2, m69], si: [1, 3], ss: [], sf: [], "
              "sd: [], ob: none, os: \"x\", orec: none}");
  }
}

}  // namespace
}  // namespace gai::rt
