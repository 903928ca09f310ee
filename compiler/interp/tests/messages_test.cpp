#include "test_util.h"

namespace gai::interp::test {
namespace {

const char* kMsg = R"(
enum Authority { cac, miit }
action report(to: Authority, note: string?)
action label
law gai_measures {
  article 4 "Content" { paras 2 items 5 }
  article 12 "Labels"
}
record E { m: Authority n: int t: timestamp d: duration xs: list<string> = [] f: float = 0.5 }
rule both(e: E) {
  title en "Both" zh "两者"
  cites gai_measures art 4 para 1 item 2, gai_measures art 12, "Free text"
  severity high
  when e.n > 0
  then deny, require report(e.m, none), require label, flag
  message en "n={e.n} m={e.m} t={e.t} d={e.d} xs={e.xs} f={e.f} {{x}}" zh "数量{e.n}"
}
rule zhonly(e: E) { cites "x" when e.n > 1 then flag message zh "仅中文{e.n}" }
rule titled(e: E) { title "Plain title" cites "x" when e.n > 2 then require report(cac, "n" ) }
rule bare(e: E) { cites "x" when e.n > 3 then flag }
rule errmsg(e: E) { cites "x" when e.n > 4 then flag message "q={10 / (e.n - 5)}" }
)";

const char* kInput = R"({"m":"miit","n":5,"t":"2024-03-01T08:00:00+08:00","d":"1d12h","xs":["a","b\"c"]})";

TEST(Messages, English) {
  EXPECT_EQ(decide(kMsg, "E", kInput),
            R"j({"effect":"deny","findings":[)j"
            R"j({"rule":"t.both","title":"Both","severity":"high","cites":["gai_measures art 4 para 1 item 2","gai_measures art 12","Free text"],"effects":["deny","require report(miit, none)","require label","flag"],"message":"n=5 m=miit t=2024-03-01T00:00:00Z d=1d12h xs=[\"a\", \"b\\\"c\"] f=0.5 {x}"},)j"
            R"j({"rule":"t.zhonly","severity":"medium","cites":["x"],"effects":["flag"],"message":"仅中文5"},)j"
            R"j({"rule":"t.titled","title":"Plain title","severity":"medium","cites":["x"],"effects":["require report(cac, \"n\")"],"message":"Plain title"},)j"
            R"j({"rule":"t.bare","severity":"medium","cites":["x"],"effects":["flag"],"message":"t.bare"},)j"
            R"j({"rule":"t.errmsg","severity":"medium","cites":["x"],"effects":["flag"],"message":"q=<error: division by zero>"}],)j"
            R"j("excepted":[],"errors":[]})j");
}

TEST(Messages, ChineseWithFallback) {
  Opts zh;
  zh.lang = rt::Lang::Zh;
  std::string d = decide(kMsg, "E", kInput, zh);
  EXPECT_NE(d.find(R"j("title":"两者")j"), std::string::npos) << d;
  EXPECT_NE(d.find(R"j("message":"数量5")j"), std::string::npos) << d;
  EXPECT_NE(d.find(R"j("message":"仅中文5")j"), std::string::npos) << d;
  EXPECT_NE(d.find(R"j("title":"Plain title","severity":"medium","cites":["x"],"effects":["require report(cac, \"n\")"],"message":"Plain title")j"), std::string::npos) << d;
  EXPECT_NE(d.find(R"j("message":"q=<error: division by zero>")j"), std::string::npos) << d;
}

TEST(Messages, SlotsOnlyForFiredRules) {
  // errmsg's message would fail, but errmsg does not fire: no error anywhere.
  std::string d = decide(kMsg, "E", R"j({"m":"cac","n":4,"t":"2024-03-01T00:00:00Z","d":"0s"})j");
  EXPECT_EQ(d.find("<error"), std::string::npos) << d;
  EXPECT_NE(d.find(R"j("require report(cac, none)")j"), std::string::npos) << d;
}

}  // namespace
}  // namespace gai::interp::test
