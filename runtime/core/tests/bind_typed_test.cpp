// The typed pass (json_bind_typed.h) against the DOM binder: it binds only documents the DOM
// binder binds, to the same bytes, and leaves every other document (and so every error
// message) to the other passes. Also documents read in place from the caller's buffer
// (JsonBinder::bind with a capacity).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/json_bind.h"
#include "core/json_bind_typed.h"
#include "core/value_render.h"
#include "json_mutate.h"

namespace gai::rt {
namespace {

// The shape of the bench policy's Event plus an optional int, an optional record and a
// defaulted field.
struct Flat {
  TypeTable t;
  Type* kind = nullptr;
  Type* tag = nullptr;
  Type* inner = nullptr;
  Type* event = nullptr;
  Type* withString = nullptr;

  Flat() {
    kind = t.addEnum("Kind", {"text", "image", "audio", "video"});
    tag = t.addEnum("Tag", {"violence", "porn", "terror", "privacy", "spam"});
    inner = t.addRecord("Inner");
    t.addField(inner, "on", t.boolType());
    t.addField(inner, "kind", kind);
    t.addField(inner, "tags", t.setOf(tag));
    event = t.addRecord("Event");
    t.addField(event, "age", t.intType());
    t.addField(event, "minor", t.boolType());
    t.addField(event, "inner", inner);
    t.addField(event, "limit", t.optionalOf(t.intType()));
    t.addField(event, "extra", t.optionalOf(inner));
    t.addField(event, "count", t.intType());
    withString = t.addRecord("WithString");
    t.addField(withString, "id", t.stringType());
    EXPECT_TRUE(t.finalize());
    EXPECT_TRUE(t.setDefaultJson(event, 5, "7"));
  }
};

const char* kDoc = R"({"age":33,"minor":false,"inner":{"on":true,"kind":"image","tags":["porn","spam"]},)"
                   R"("limit":null,"extra":{"on":false,"kind":"text","tags":[]},"count":-12})";

class Typed : public ::testing::Test {
 protected:
  Typed() { dom.setOnDemand(false); }

  std::string outcome(JsonBinder& binder, std::string_view json, size_t capacity = 0) {
    arena.reset();
    BindError e;
    const void* v = binder.bind(json, capacity, *s.event, arena, e);
    return v ? "ok " + renderValue(*s.event, v) : "error " + e.toString();
  }
  // The typed pass alone.
  bool direct(std::string_view json, BindLimits limits = {}) {
    std::string padded(json);
    padded.append(kJsonPadding, '\0');
    std::vector<char> out(s.event->size, 0);
    return typed.bind(padded.data(), json.size(), *s.event, out.data(), limits);
  }
  void expectSame(std::string_view json) { EXPECT_EQ(outcome(both, json), outcome(dom, json)) << json; }

  Flat s;
  Arena arena;
  JsonBinder both, dom;
  TypedBinder typed;
};

TEST_F(Typed, OnlyFlatTypesAreBindable) {
  EXPECT_TRUE(typedBindable(*s.event));
  EXPECT_TRUE(typedBindable(*s.inner));
  EXPECT_FALSE(typedBindable(*s.withString));
  EXPECT_FALSE(typedBindable(*s.kind));
}

TEST_F(Typed, BindsValidDocumentsItself) {
  std::string doc = kDoc;
  const std::vector<std::string> valid = {
      doc,
      R"( { "count" : 0 , "age":-9223372036854775808,"minor":true,"inner":{"tags":["terror"],"kind":"video","on":false}} )",
      R"({"age":9223372036854775807,"minor":true,"inner":{"on":true,"kind":"audio","tags":[]},"limit":5})",
      "{\"age\":1,\n\"minor\":false,\t\"inner\":{\"on\":true,\"kind\":\"text\",\"tags\":[\"spam\",\"spam\"]}}\r\n",
  };
  for (const std::string& json : valid) {
    EXPECT_TRUE(direct(json)) << json;
    expectSame(json);
    EXPECT_EQ(outcome(both, json).substr(0, 3), "ok ") << json;
  }
  // A missing field takes its default; an optional is none.
  EXPECT_NE(outcome(both, valid[1]).find("count: 0"), std::string::npos) << outcome(both, valid[1]);
}

TEST_F(Typed, LeavesEverythingElseToTheOtherPasses) {
  std::string doc = kDoc;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string j = doc;
    size_t at = j.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return j.replace(at, from.size(), to);
  };
  const std::vector<std::string> rejected = {
      doc + "}", doc + " x", doc + "{}", "[" + doc + "]", "", "{", "{}",
      with("\"age\":33", "\"age\":33.0"), with("\"age\":33", "\"age\":3e1"), with("\"age\":33", "\"age\":033"),
      with("\"age\":33", "\"age\":-0"), with("\"age\":33", "\"age\":12345678901234567890"),
      with("\"age\":33", "\"age\":9223372036854775808"), with("\"age\":33", "\"age\":33x"),
      with("\"age\":33", "\"age\":\"33\""), with("\"age\":33", "\"\\u0061ge\":33"),
      with("\"age\":33", "\"age\":33,\"age\":34"), with("\"age\":33", "\"colour\":1,\"age\":33"),
      with("\"minor\":false", "\"minor\":fals"), with("\"minor\":false", "\"minor\":falsey"),
      with("\"minor\":false", "\"minor\":null"), with("\"kind\":\"image\"", "\"kind\":\"picture\""),
      with("\"kind\":\"image\"", "\"kind\":\"im\\u0061ge\""), with("[\"porn\",\"spam\"]", "[\"porn\",]"),
      with("[\"porn\",\"spam\"]", "[\"porn\" \"spam\"]"), with("[\"porn\",\"spam\"]", "[\"porn\",\"x\"]"),
      with("\"limit\":null", "\"limit\":nul"), with("\"count\":-12", "\"count\":-12,"),
      with("\"count\":-12", "\"count\" -12"), with("\"count\":-12", "\"count\"::-12"),
      with("\"minor\":false,", ""),  // a required field missing
      with("\"on\":true", "\"on\":true\x01"), with("\"kind\":\"image\"", "\"kind\":\"image\xff\""),
  };
  for (const std::string& json : rejected) {
    EXPECT_FALSE(direct(json)) << json;
    expectSame(json);
  }
}

TEST_F(Typed, LimitsGoToTheOtherPasses) {
  BindLimits limits;
  limits.maxArrayElements = 1;
  EXPECT_FALSE(direct(kDoc, limits));
  limits = {};
  limits.maxStringBytes = 3;
  EXPECT_FALSE(direct(kDoc, limits));
  limits = {};
  limits.maxDepth = 2;
  EXPECT_FALSE(direct(kDoc, limits));
  limits.maxDepth = 3;
  EXPECT_FALSE(direct(kDoc, limits));
  limits.maxDepth = 4;
  EXPECT_TRUE(direct(kDoc, limits));
  both.setLimits(limits);
  dom.setLimits(limits);
  limits.maxArrayElements = 1;
  both.setLimits(limits);
  dom.setLimits(limits);
  expectSame(kDoc);
}

TEST_F(Typed, AgreesWithDomOnMutations) {
  std::mt19937 rng(20261130);
  const char* const tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "1", "-0", "0",
                          "99999999999999999999", "\"age\"", "\"kind\"", "\"text\"", "\"spam\"", " ", "\"on\"", "-"};
  std::string doc = kDoc;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = mutateJson(doc, rng, tokens);
    expectSame(bytes);
  }
}

// Documents read where they are: followed by other bytes (not zeros) in the caller's
// buffer, ending exactly at the buffer's end (too little padding: copied), after a BOM.
TEST_F(Typed, CapacityReadsInPlaceOrCopies) {
  std::string want = outcome(dom, kDoc);
  std::string buffer = std::string(kDoc) + "\n{\"age\":\"x\"}" + std::string(kJsonPadding, '}');
  EXPECT_EQ(outcome(both, std::string_view(buffer.data(), std::strlen(kDoc)), buffer.size()), want);
  size_t n = std::strlen(kDoc);
  for (size_t extra : {size_t(0), kJsonPadding - 1}) {
    std::unique_ptr<char[]> exact(new char[n + extra]);
    std::memset(exact.get(), '{', n + extra);
    std::memcpy(exact.get(), kDoc, n);
    EXPECT_EQ(outcome(both, std::string_view(exact.get(), n), n + extra), want) << extra;
  }
  EXPECT_EQ(outcome(both, kDoc, 0), want);
  std::string bom = "\xEF\xBB\xBF" + std::string(kDoc) + std::string(kJsonPadding, ']');
  EXPECT_EQ(outcome(both, std::string_view(bom.data(), n + 3), bom.size()), want);
  // An error after documents read in place is still the DOM binder's.
  std::string bad = std::string(kDoc).replace(std::string(kDoc).find("33"), 2, "\"x\"") + std::string(kJsonPadding, ' ');
  EXPECT_EQ(outcome(both, std::string_view(bad.data(), bad.size() - kJsonPadding), bad.size()),
            "error $.age: expected int, got string");
}

}  // namespace
}  // namespace gai::rt
