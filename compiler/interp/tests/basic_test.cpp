#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kSimple = R"(
record E { n: int }
rule big(e: E) {
  title "Big"
  cites "x"
  when e.n > 10
  then deny
  message "n is {e.n}"
}
)";

TEST(Basic, FiresAndDenies) {
  EXPECT_EQ(decide(kSimple, "E", R"({"n":11})"),
            R"({"effect":"deny","findings":[{"rule":"t.big","title":"Big","severity":"medium","cites":["x"],"effects":["deny"],"message":"n is 11"}],"excepted":[],"errors":[]})");
}

TEST(Basic, DoesNotFire) {
  EXPECT_EQ(decide(kSimple, "E", R"({"n":10})"), R"({"effect":"allow","findings":[],"excepted":[],"errors":[]})");
}

TEST(Basic, InputError) {
  EXPECT_EQ(decide(kSimple, "E", R"({"n":"x"})"), R"({"line":1,"error":"$.n: expected int, got string"})");
}

}  // namespace
}  // namespace gai::interp::test
