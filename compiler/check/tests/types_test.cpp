#include "check/types.h"

#include <gtest/gtest.h>

namespace gai::check {
namespace {

TEST(Types, InternedAndNamed) {
  TypeContext types;
  EXPECT_EQ(types.listOf(types.intType()), types.listOf(types.intType()));
  EXPECT_NE(types.listOf(types.intType()), types.setOf(types.intType()));
  EXPECT_EQ(types.setOf(types.stringType())->name(), "set<string>");
  EXPECT_EQ(types.optionalOf(types.listOf(types.dateType()))->name(), "list<date>?");
  EXPECT_EQ(types.optionalOf(types.optionalOf(types.intType())), types.optionalOf(types.intType()));
  ast::RecordDecl output;
  output.name.name = "Output";
  EXPECT_EQ(types.optionalOf(types.recordType(&output))->name(), "Output?");
  EXPECT_EQ(types.recordType(&output), types.recordType(&output));
}

TEST(Types, Capabilities) {
  TypeContext types;
  ast::RecordDecl r;
  r.name.name = "R";
  EXPECT_TRUE(isSetElement(types.intType()));
  EXPECT_FALSE(isSetElement(types.recordType(&r)));
  EXPECT_FALSE(isSetElement(types.optionalOf(types.intType())));
  EXPECT_TRUE(isEquatable(types.setOf(types.intType())));
  EXPECT_FALSE(isEquatable(types.listOf(types.intType())));
  EXPECT_FALSE(isEquatable(types.recordType(&r)));
  EXPECT_TRUE(isOrdered(types.durationType()));
  EXPECT_FALSE(isOrdered(types.boolType()));
  EXPECT_EQ(types.scalarByName("timestamp"), types.timestampType());
  EXPECT_EQ(types.scalarByName("Output"), nullptr);
}

}  // namespace
}  // namespace gai::check
