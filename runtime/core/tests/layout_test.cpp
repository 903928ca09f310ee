#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/arena.h"
#include "core/json_bind.h"
#include "core/layout.h"
#include "test_schema.h"

namespace gai::rt {
namespace {

uint32_t offsetOf(const Type* record, const char* field) {
  int i = record->findField(field);
  EXPECT_GE(i, 0) << field;
  return record->fields[static_cast<size_t>(i)].offset;
}

TEST(Layout, ScalarSizes) {
  TypeTable t;
  EXPECT_EQ(t.boolType()->size, 1u);
  EXPECT_EQ(t.intType()->size, 8u);
  EXPECT_EQ(t.floatType()->size, 8u);
  EXPECT_EQ(t.dateType()->size, 4u);
  EXPECT_EQ(t.timestampType()->size, 8u);
  EXPECT_EQ(t.durationType()->size, 8u);
  EXPECT_EQ(t.stringType()->size, 16u);
  EXPECT_EQ(t.stringType()->align, 8u);
}

TEST(Layout, Optionals) {
  TypeTable t;
  const Type* ob = t.optionalOf(t.boolType());
  const Type* oi = t.optionalOf(t.intType());
  const Type* od = t.optionalOf(t.dateType());
  const Type* os = t.optionalOf(t.stringType());
  ASSERT_TRUE(t.finalize());
  EXPECT_EQ(ob->size, 2u);
  EXPECT_EQ(ob->valueOffset, 1u);
  EXPECT_EQ(oi->size, 16u);
  EXPECT_EQ(oi->valueOffset, 8u);
  EXPECT_EQ(od->size, 8u);
  EXPECT_EQ(od->valueOffset, 4u);
  EXPECT_EQ(os->size, 24u);
  EXPECT_EQ(os->valueOffset, 8u);
}

TEST(Layout, InterningGivesOneDescriptor) {
  TypeTable t;
  EXPECT_EQ(t.listOf(t.intType()), t.listOf(t.intType()));
  EXPECT_NE(t.listOf(t.intType()), t.setOf(t.intType()));
  EXPECT_EQ(t.optionalOf(t.stringType()), t.optionalOf(t.stringType()));
}

TEST(Layout, EveryTypeRecord) {
  test::Schema s;
  const Type* a = s.all;
  EXPECT_EQ(offsetOf(a, "b"), 0u);
  EXPECT_EQ(offsetOf(a, "i"), 8u);
  EXPECT_EQ(offsetOf(a, "f"), 16u);
  EXPECT_EQ(offsetOf(a, "s"), 24u);
  EXPECT_EQ(offsetOf(a, "d"), 40u);
  EXPECT_EQ(offsetOf(a, "t"), 48u);
  EXPECT_EQ(offsetOf(a, "u"), 56u);
  EXPECT_EQ(offsetOf(a, "e"), 64u);
  EXPECT_EQ(offsetOf(a, "li"), 72u);
  EXPECT_EQ(offsetOf(a, "ls"), 88u);
  EXPECT_EQ(offsetOf(a, "lr"), 104u);
  EXPECT_EQ(offsetOf(a, "se"), 120u);  // set<enum> bitmask, 8 bytes
  EXPECT_EQ(offsetOf(a, "sb"), 128u);  // set of a 70-member enum: slice
  EXPECT_EQ(offsetOf(a, "si"), 144u);
  EXPECT_EQ(offsetOf(a, "ss"), 160u);
  EXPECT_EQ(offsetOf(a, "sf"), 176u);
  EXPECT_EQ(offsetOf(a, "sd"), 192u);
  EXPECT_EQ(offsetOf(a, "ob"), 208u);
  EXPECT_EQ(offsetOf(a, "os"), 216u);
  EXPECT_EQ(offsetOf(a, "orec"), 240u);
  EXPECT_EQ(a->size, 272u);
  EXPECT_EQ(a->align, 8u);
  EXPECT_TRUE(s.table.setOf(s.modality)->isBitSet());
  for (size_t i = 0; i < a->fields.size(); ++i) EXPECT_EQ(a->findField(a->fields[i].name), static_cast<int>(i));
  EXPECT_EQ(a->findField("nope"), -1);
  EXPECT_EQ(a->findField(""), -1);
  for (size_t i = 0; i < s.big->members.size(); ++i) EXPECT_EQ(s.big->findMember(s.big->members[i]), static_cast<int>(i));
  EXPECT_EQ(s.big->findMember("m70"), -1);
  EXPECT_FALSE(s.table.setOf(s.big)->isBitSet());
}

TEST(Layout, HoldsPointers) {
  test::Schema s;
  TypeTable& t = s.table;
  EXPECT_FALSE(t.intType()->holdsPointers);
  EXPECT_TRUE(t.stringType()->holdsPointers);
  EXPECT_TRUE(t.listOf(t.intType())->holdsPointers);
  EXPECT_FALSE(t.setOf(s.modality)->holdsPointers);  // a bit mask
  EXPECT_TRUE(t.setOf(s.big)->holdsPointers);        // a slice
  EXPECT_TRUE(t.optionalOf(t.stringType())->holdsPointers);
  EXPECT_FALSE(t.optionalOf(t.intType())->holdsPointers);
  EXPECT_TRUE(s.all->holdsPointers);
  Type* flat = t.addRecord("Flat");
  t.addField(flat, "on", t.boolType());
  t.addField(flat, "kinds", t.setOf(s.modality));
  t.addField(flat, "when", t.optionalOf(t.dateType()));
  Type* inner = t.addRecord("Inner");
  t.addField(inner, "name", t.optionalOf(t.stringType()));
  Type* outer = t.addRecord("Outer");
  t.addField(outer, "n", t.intType());
  t.addField(outer, "inner", t.optionalOf(inner));
  ASSERT_TRUE(t.finalize());
  EXPECT_FALSE(flat->holdsPointers);
  EXPECT_TRUE(inner->holdsPointers);
  EXPECT_TRUE(outer->holdsPointers);  // through an optional record
}

TEST(Layout, SchemaLikeNesting) {
  test::Schema s;
  EXPECT_EQ(s.provider->size, 40u);
  EXPECT_EQ(offsetOf(s.service, "provider"), 16u);
  EXPECT_EQ(offsetOf(s.service, "offered_to_prc_public"), 56u);
  EXPECT_EQ(offsetOf(s.service, "modalities"), 64u);
  EXPECT_EQ(offsetOf(s.service, "launch_date"), 72u);
  EXPECT_EQ(offsetOf(s.service, "working_days_to_filing"), 80u);
  EXPECT_EQ(offsetOf(s.service, "feedback_limit"), 96u);
  EXPECT_EQ(s.service->size, 112u);
  EXPECT_EQ(s.label->size, 24u);
  EXPECT_EQ(offsetOf(s.output, "label"), 40u);
  EXPECT_EQ(s.output->size, 72u);
  EXPECT_EQ(offsetOf(s.event, "service"), 8u);
  EXPECT_EQ(offsetOf(s.event, "output"), 120u);
  EXPECT_EQ(offsetOf(s.event, "log_retention"), 192u);
  EXPECT_EQ(s.event->size, 208u);
}

TEST(Layout, CyclicRecordIsRejected) {
  TypeTable t;
  Type* a = t.addRecord("A");
  Type* b = t.addRecord("B");
  t.addField(a, "b", b);
  t.addField(b, "a", t.optionalOf(a));
  std::string error;
  EXPECT_FALSE(t.finalize(&error));
  EXPECT_NE(error.find("contains itself"), std::string::npos) << error;
}

TEST(Layout, ListOfItselfIsFinite) {
  TypeTable t;
  Type* node = t.addRecord("Node");
  t.addField(node, "v", t.intType());
  t.addField(node, "children", t.listOf(node));
  ASSERT_TRUE(t.finalize());
  EXPECT_EQ(node->size, 24u);
}

TEST(Layout, EmptyRecord) {
  TypeTable t;
  Type* e = t.addRecord("Empty");
  ASSERT_TRUE(t.finalize());
  EXPECT_EQ(e->size, 0u);
  EXPECT_EQ(e->align, 1u);
}

TEST(Layout, CanonicalizeStrings) {
  TypeTable t;
  Str items[] = {{"b", 1}, {"a", 1}, {"ab", 2}, {"a", 1}, {nullptr, 0}};
  int64_t n = canonicalizeSet(*t.stringType(), items, 5);
  ASSERT_EQ(n, 4);
  EXPECT_EQ(items[0].view(), "");
  EXPECT_EQ(items[1].view(), "a");
  EXPECT_EQ(items[2].view(), "ab");
  EXPECT_EQ(items[3].view(), "b");
}

TEST(Layout, CanonicalizeFloatsCollapsesZeros) {
  TypeTable t;
  double items[] = {2.5, -0.0, 0.0, -1.0, 2.5};
  int64_t n = canonicalizeSet(*t.floatType(), items, 5);
  ASSERT_EQ(n, 3);
  EXPECT_EQ(items[0], -1.0);
  EXPECT_EQ(items[1], 0.0);
  EXPECT_TRUE(std::signbit(items[1]));  // the first after sorting (stable on ties)
  EXPECT_EQ(items[2], 2.5);
}

// Values of the All record side by side, as bindBatch keeps them: bound from JSON, copied
// to `first` + i * stride, their strings still in `arena`.
struct SideBySide {
  test::Schema s;
  Arena arena;
  std::vector<std::string> json;
  std::unique_ptr<char[]> records;
  size_t stride = 0;

  explicit SideBySide(size_t count) {
    stride = s.all->size;
    records.reset(new char[count * stride]());
    JsonBinder binder;
    for (size_t i = 0; i < count; ++i) {
      std::string n = std::to_string(i);
      std::string j = R"({"b":true,"i":)" + n + R"(,"f":0.5,"s":"text )" + n + R"(","d":"2023-08-15",)" +
                      R"("t":"2024-03-01T00:00:00Z","u":"1d","e":"audio","li":[1,2],"ls":["a)" + n + R"(","b"],)" +
                      R"("lr":[{"has_ai_term":true}],"se":[],"sb":[],"si":[3],"ss":["y)" + n + R"(","x"],)" +
                      R"("sf":[],"sd":[])";
      if (i % 3 != 1) j += R"(,"os":"opt )" + n + R"(","orec":{"has_ai_term":false,"height_ratio":0.25})";
      json.push_back(j + "}");
      BindError e;
      const void* v = binder.bind(json.back(), *s.all, arena, e);
      EXPECT_NE(v, nullptr) << e.toString();
      if (v) std::memcpy(record(i), v, stride);
    }
  }
  char* record(size_t i) { return records.get() + i * stride; }
  const Str& str(size_t i, const char* field) {
    return *reinterpret_cast<const Str*>(fieldAddress(*s.all, static_cast<uint32_t>(s.all->findField(field)), record(i)));
  }
};

TEST(PackByField, ValuesUnchangedAndEachStringFieldOneBlock) {
  SideBySide values(7);
  std::vector<uint8_t> keep = {1, 1, 1, 0, 1, 1, 1};
  Arena packed;
  ASSERT_TRUE(packByField(*values.s.all, values.records.get(), values.stride, 7, keep.data(), packed));
  const void* skippedText = values.str(3, "s").data;
  values.arena.reset(0);  // the old strings are gone: the packed values must not need them
  Arena fresh;
  JsonBinder binder;
  const char* prev = nullptr;
  const Str* prevOpt = nullptr;
  for (size_t i = 0; i < 7; ++i) {
    if (!keep[i]) {
      EXPECT_EQ(values.str(i, "s").data, skippedText);  // not touched
      continue;
    }
    BindError e;
    const void* want = binder.bind(values.json[i], *values.s.all, fresh, e);
    ASSERT_NE(want, nullptr);
    EXPECT_TRUE(valuesEqual(*values.s.all, want, values.record(i))) << i;
    // Field `s` of consecutive kept values: one after the other.
    const Str& text = values.str(i, "s");
    if (prev) EXPECT_EQ(text.data, prev);
    prev = text.data + text.len;
    // The optional string `os` (absent in values 1 and 4) has a block of its own.
    const Str& opt = *reinterpret_cast<const Str*>(
        static_cast<const char*>(fieldAddress(*values.s.all, static_cast<uint32_t>(values.s.all->findField("os")),
                                              values.record(i))) + 8);
    if (i % 3 == 1) continue;
    if (prevOpt) EXPECT_EQ(opt.data, prevOpt->data + prevOpt->len) << i;
    prevOpt = &opt;
  }
}

TEST(PackByField, ExhaustedArenaSaysSo) {
  SideBySide values(4);
  Arena tiny(64, 64);
  EXPECT_FALSE(packByField(*values.s.all, values.records.get(), values.stride, 4, nullptr, tiny));
}

TEST(PackByField, ValuesWithoutPointersUntouched) {
  test::Schema s;
  Arena arena;
  int64_t ints[3] = {1, 2, 3};
  EXPECT_TRUE(packByField(*s.table.intType(), reinterpret_cast<char*>(ints), 8, 3, nullptr, arena));
  EXPECT_EQ(arena.bytesUsed(), 0u);
  EXPECT_EQ(ints[2], 3);
}

// A string field after an optional that holds one: absent or present, each keeps its block.
TEST(PackByField, FieldsAfterAnAbsentOptional) {
  TypeTable t;
  Type* inner = t.addRecord("In");
  t.addField(inner, "x", t.stringType());
  Type* r = t.addRecord("R");
  t.addField(r, "o", t.optionalOf(inner));
  t.addField(r, "t", t.stringType());
  ASSERT_TRUE(t.finalize());
  Arena arena;
  JsonBinder binder;
  std::vector<char> records(6 * r->size);
  for (size_t i = 0; i < 6; ++i) {
    std::string n = std::to_string(i);
    std::string json = i % 2 ? R"({"t":"t)" + n + R"("})" : R"({"o":{"x":"x)" + n + R"("},"t":"t)" + n + R"("})";
    BindError e;
    const void* v = binder.bind(json, *r, arena, e);
    ASSERT_NE(v, nullptr) << e.toString();
    std::memcpy(records.data() + i * r->size, v, r->size);
  }
  Arena packed;
  ASSERT_TRUE(packByField(*r, records.data(), r->size, 6, nullptr, packed));
  auto str = [&](size_t i, uint32_t offset) { return *reinterpret_cast<const Str*>(records.data() + i * r->size + offset); };
  uint32_t tAt = r->fields[1].offset, xAt = r->fields[0].offset + r->fields[0].type->valueOffset;
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(str(i, tAt).view(), "t" + std::to_string(i));
    if (i) EXPECT_EQ(str(i, tAt).data, str(i - 1, tAt).data + 2);
    if (i % 2) continue;
    EXPECT_EQ(str(i, xAt).view(), "x" + std::to_string(i));
    if (i) EXPECT_EQ(str(i, xAt).data, str(i - 2, xAt).data + 2);
  }
}

TEST(Arena, BumpAlignAndReset) {
  Arena arena(1 << 20, 64);
  auto* a = static_cast<char*>(arena.allocate(3, 1));
  auto* b = static_cast<char*>(arena.allocate(8, 8));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 8, 0u);
  void* big = arena.allocate(1000, 8);  // beyond the first chunk
  ASSERT_NE(big, nullptr);
  size_t reserved = arena.bytesReserved();
  arena.reset();
  EXPECT_EQ(arena.bytesUsed(), 0u);
  for (int i = 0; i < 8; ++i) ASSERT_NE(arena.allocate(100, 8), nullptr);
  EXPECT_EQ(arena.bytesReserved(), reserved);  // reused, nothing new
}

TEST(Arena, BoundedGrowth) {
  Arena arena(4096, 1024);
  EXPECT_EQ(arena.allocate(5000, 8), nullptr);
  int count = 0;
  while (arena.allocate(512, 8)) ++count;
  EXPECT_GE(count, 4);
  EXPECT_LE(arena.bytesReserved(), 4096u);
  arena.reset();
  EXPECT_NE(arena.allocate(512, 8), nullptr);
}

TEST(Arena, ResetReleasesBeyondRetain) {
  Arena arena(size_t(64) << 20, 1024);
  ASSERT_NE(arena.allocate(size_t(8) << 20, 8), nullptr);
  arena.reset(1 << 20);
  EXPECT_LE(arena.bytesReserved(), size_t(1) << 20);
  EXPECT_EQ(arena.copyString("abc"), std::string("abc"));
}

}  // namespace
}  // namespace gai::rt

namespace gai::rt {
namespace {

// The key as it appears in raw JSON after its opening quote, readable for 32 bytes.
std::string rawKey(const std::string& name) { return name + "\":0" + std::string(32, ' '); }

TEST(KeyDispatch, FindsEveryKey) {
  std::vector<std::string> names = {"age", "region", "filed", "kind", "risk_tags", "public_facing"};
  std::vector<KeyImage> keys;
  for (const std::string& n : names) keys.push_back(KeyImage::of(n));
  KeyDispatch d = KeyDispatch::build(keys);
  ASSERT_FALSE(d.slots.empty());
  for (size_t i = 0; i < names.size(); ++i) {
    std::string raw = rawKey(names[i]);
    EXPECT_EQ(d.candidate(raw.data()), static_cast<int>(i)) << names[i];
  }
}

// Names alike in as many bytes as the shortest has (with its quote) clash under every
// multiplier: no dispatch (the binder looks names up instead), found at once.
TEST(KeyDispatch, NoneWhenPrefixesClash) {
  std::vector<KeyImage> keys = {KeyImage::of("explicit_label"), KeyImage::of("explicit_mark"), KeyImage::of("kind_of_it")};
  EXPECT_TRUE(KeyDispatch::build(keys).slots.empty());
  keys = {KeyImage::of("ab"), KeyImage::of("abc")};  // prefix = "ab\"": differs at the quote
  KeyDispatch d = KeyDispatch::build(keys);
  ASSERT_FALSE(d.slots.empty());
  EXPECT_EQ(d.candidate(rawKey("abc").data()), 1);
  EXPECT_EQ(d.candidate(rawKey("ab").data()), 0);
}

}  // namespace
}  // namespace gai::rt
