// Every operation lowered natively (values built in the arena, string order, list
// membership, `with`, allocating and fallible std calls, slots): JIT vs interpreter decision
// JSON byte for byte, each program asserted fully native (rules, exceptions and slots).
#include <cstring>

#include "core/layout.h"
#include "jit_util.h"

namespace gai::codegen::test {
namespace {

using gai::Severity;

const char* kPrelude = R"(import std.text
import std.time
import std.math
enum Color { red, green, blue }
action report(c: Color, n: int, t: string)
record O { k: int? }
record Q { s: string = "d" c: Color = green o: O? }
)";

// Compiles `source`, asserts every rule/exception/slot is native, and compares the JIT's
// decisions with the interpreter's for entry E over `inputs` in both languages.
void expectNative(const std::string& decls, const std::vector<std::string>& inputs) {
  auto both = compileOne(kPrelude + decls);
  for (const auto& d : both->diags.diagnostics())
    if (d.severity == Severity::Error) ADD_FAILURE() << d.message;
  ASSERT_TRUE(both->compiled) << decls << both->error;
  ASSERT_TRUE(both->jit) << both->error;
  const Coverage& cov = both->jit->coverage();
  for (size_t i = 0; i < cov.ruleReasons.size(); ++i)
    EXPECT_EQ(cov.ruleReasons[i], "") << both->module().rules[i].name << " in " << decls;
  for (size_t i = 0; i < cov.slotReasons.size(); ++i)
    EXPECT_EQ(cov.slotReasons[i], "") << both->module().rules[i].name << " slots in " << decls;
  EXPECT_EQ(cov.nativeRules, cov.totalRules);
  EXPECT_EQ(cov.nativeExceptions, cov.totalExceptions);
  EXPECT_EQ(cov.nativeSlots, cov.totalSlots);
  int entry = both->module().findEntry("E");
  ASSERT_GE(entry, 0);
  for (rt::Lang lang : {rt::Lang::En, rt::Lang::Zh}) {
    interp::LineOptions o = at("2024-03-01T00:00:00Z");
    o.lang = lang;
    interp::LineEvaluator ref(both->module(), static_cast<uint32_t>(entry), o);
    JitLines jit(*both, static_cast<uint32_t>(entry), o);
    for (size_t i = 0; i < inputs.size(); ++i) {
      bool inputError = false;
      std::string want = ref.evalLine(inputs[i], i + 1, &inputError);
      EXPECT_FALSE(inputError) << want;
      EXPECT_EQ(jit.evalLine(inputs[i], i + 1), want) << decls << " on " << inputs[i];
    }
  }
}

std::string rule(const std::string& name, const std::string& when) {
  return "rule " + name + "(e: E) { cites \"x\" when " + when + " then deny }\n";
}

std::string rules(const std::vector<std::string>& whens) {
  std::string out;
  for (size_t i = 0; i < whens.size(); ++i) out += rule("r" + std::to_string(i), whens[i]);
  return out;
}

TEST(Lower, StringOrderIsBytewise) {
  std::vector<std::string> in;
  const char* pairs[][2] = {{"a", "b"}, {"", "a"}, {"ab", "a"}, {"a", "a"}, {"é", "z"},
                            {"生", "成"}, {"Z", "a"}, {"a\u0000b", "a"}, {"", ""}};
  for (auto& p : pairs) in.push_back(std::string("{\"a\":\"") + p[0] + "\",\"b\":\"" + p[1] + "\"}");
  in.push_back(R"({"a":"x\u0000","b":"x"})");
  expectNative("record E { a: string b: string }\n" +
                   rules({"e.a < e.b", "e.a <= e.b", "e.a > e.b", "e.a >= e.b", "e.a < \"m\"", "\"é\" <= e.b"}),
               in);
}

TEST(Lower, ListsAndSetsBuilt) {
  std::vector<std::string> in = {R"({"a":1,"b":2,"t":"x","u":"y","l":["x","z"]})",
                                 R"({"a":2,"b":2,"t":"","u":"","l":[]})",
                                 R"({"a":-1,"b":9,"t":"生","u":"x","l":["生"]})"};
  expectNative("record E { a: int b: int t: string u: string l: list<string> }\n" +
                   rules({"size([e.a, e.b, e.a]) == 3", "size({e.a, e.b, e.a}) == 2", "{e.t, \"x\"} == {\"x\", e.t}",
                          "e.t in {e.u, \"x\"}", "sum(x in [e.a, e.b, 3]: x) > 3", "e.a in [e.b, 1]",
                          "e.t in e.l", "e.u not in e.l", "e.t in [e.u, \"生\"]", "any(x in {e.b, e.a}: x < 0)",
                          "count(s in {e.t, e.u, \"\"}: s == \"\") == 1", "sum(x in [e.a, -e.b]: x * 2) != 0",
                          "size([\"a\", e.t] ) == 2 and all(s in [e.t]: s == e.t)"}),
               in);
}

// `in` a list: the element type's equality (rt::valuesEqual) over optionals, sets (bit
// sets and slice sets), strings, floats, dates.
TEST(Lower, ListMembershipOfOptionalsSetsAndStrings) {
  std::vector<std::string> in = {
      R"({"n":3,"ln":[1,null,3],"cs":["red"],"lc":[["blue"],["red"]],"ss":["a"],"ls":[["a","b"],["a"]],"f":0.5,"lf":[-0.0,0.5],"d":"2024-01-01","ld":["2024-01-01"]})",
      R"({"ln":[],"cs":[],"lc":[],"ss":[],"ls":[],"f":0,"lf":[-0.0],"d":"1970-01-01","ld":[]})",
      R"({"n":null,"ln":[null],"cs":["red","blue"],"lc":[["blue","red"]],"ss":["b","a"],"ls":[["a","b"]],"f":-0.0,"lf":[0],"d":"2024-01-02","ld":["2024-01-01"]})"};
  expectNative("record E { n: int? ln: list<int?> cs: set<Color> lc: list<set<Color>> ss: set<string> "
               "ls: list<set<string>> f: float lf: list<float> d: date ld: list<date> }\n" +
                   rules({"3 in e.ln", "(e.n ?? 1) in e.ln", "any(x in e.ln: x == e.n)", "e.cs in e.lc",
                          "e.ss in e.ls", "{\"a\"} in e.ls", "e.f in e.lf", "e.d in e.ld", "e.d not in e.ld",
                          "e.ss in [e.ss]", "e.f in [e.f / 0.0]"}),
               in);
}

TEST(Lower, RecordsBuiltAndWith) {
  std::vector<std::string> in = {R"({"n":5,"q":{"s":"a","o":{"k":1}}})", R"({"n":0,"q":{}})",
                                 R"({"n":-4,"q":{"c":"red","o":{}}})"};
  expectNative("record E { n: int q: Q }\n" +
                   rules({"(e with { n: 7 }).n == 7", "(e with { q.s: \"z\", n: e.n + 1 }).q.s == \"z\"",
                          "(e.q with { o.k: 3 }).o?.k == 3", "(e with { q.o.k: e.n }).q.o?.k == e.n",
                          "Q { c: red }.s == \"d\"", "Q { s: e.q.s }.c == e.q.c", "e.q.o?.k == 1",
                          "Q { o: O { k: e.n } }.o?.k == e.n", "(e with { q.o.k: 10 / e.n }).n > 0"}),
               in);
}

TEST(Lower, RuleReferencesOnBuiltRecords) {
  std::vector<std::string> in = {R"({"n":1})", R"({"n":101})", R"({"n":0})"};
  expectNative("record E { n: int }\nrule base(e: E) { cites \"x\" when 10 / e.n > 0 then flag }\n"
               "exception big(e: E) for base { when e.n > 100 }\n" +
                   rules({"base(e with { n: 5 }) and not base(e with { n: 500 })", "base(E { n: e.n })",
                          "base(e with { n: e.n }) == base(e)", "base(e with { n: 0 })"}),
               in);
}

TEST(Lower, AllocatingAndFallibleStd) {
  std::vector<std::string> in = {
      R"({"t":"Hello ÉCOLE Straße","ts":"2024-03-01T20:00:00Z","off":8,"i":-5,"l":["ell","x"]})",
      R"({"t":"","ts":"1970-01-01T00:00:00Z","off":-12,"i":-9223372036854775808,"l":[]})",
      R"({"t":"abc","ts":"2024-03-01T20:00:00Z","off":1000,"i":9223372036854775807,"l":["","b","c","b"]})"};
  expectNative("record E { t: string ts: timestamp off: int i: int l: set<string> }\n" +
                   rules({"text.lower(e.t) == \"hello école straße\"", "text.upper(e.t) != e.t",
                          "text.length(text.upper(e.t)) > 3", "time.date_of(e.ts, e.off) > 2024-03-01",
                          "math.abs(e.i) > 4", "text.contains_any(e.t, e.l)", "text.count_terms(e.t, e.l) >= 1",
                          "text.contains_any(text.lower(e.t), {\"école\", e.t})",
                          "text.count_terms(e.t, {e.t, \"b\"}) == 2"}),
               in);
}

TEST(Lower, SlotsOfEveryType) {
  std::vector<std::string> in = {
      R"({"i":3,"f":2.5,"s":"a\"b","b":true,"c":"blue","d":"2024-02-29","ts":"2024-03-01T00:00:00Z","du":"36h","n":null,"m":4,"cs":["red","blue"],"l":["x","y"],"q":{"o":{"k":1}}})",
      R"({"i":-1,"f":-0.0,"s":"生成","b":false,"c":"red","d":"1970-01-01","ts":"1970-01-01T00:00:00Z","du":"-2h","m":null,"cs":[],"l":[],"q":{}})",
      R"({"i":0,"f":1e300,"s":"","b":true,"c":"green","d":"2024-01-01","ts":"2024-03-01T00:00:00Z","du":"0s","n":7,"cs":["green"],"l":["z"],"q":{"s":"q"}})"};
  std::string decls = R"(record E { i: int f: float s: string b: bool c: Color d: date ts: timestamp du: duration n: int? m: int? cs: set<Color> l: list<string> q: Q }
rule all_types(e: E) {
  cites "x"
  when e.i > -2
  then flag, require report(e.c, 10 / e.i, text.upper(e.s))
  message en "i={e.i} f={e.f} s={e.s} b={e.b} c={e.c} d={e.d} ts={e.ts} du={e.du} n={e.n} m={e.m ?? 0} cs={e.cs} l={e.l} q={e.q} w={e with { i: 1 }}"
          zh "{text.lower(e.s)}：{[e.i, e.i + 1]} {{e.q.o?.k}} {e.q.o?.k} {size(e.l) / e.i}"
}
)";
  expectNative(decls, in);
}


// `gaic test --engine jit`: asserts and `require` arguments natively (JitOptions::tests),
// each giving the interpreter's value bytes or error text.
TEST(Lower, TestExpressionsNative) {
  auto both = compileOne(std::string(kPrelude) + R"(record E { t: string n: int c: Color }
rule r(e: E) { cites "x" when e.n > 0 then flag, require report(e.c, e.n, text.upper(e.t)) }
test "a" {
  given e = E { t: "aB", n: 3, c: blue }
  expect require report(blue, 3, "AB")
  assert text.lower(e.t) == "ab"
  assert (e with { n: 2 }).n == 2
  assert 10 / (e.n - 3) == 1
  assert r(e) and not r(e with { n: 0 })
  assert e.t < "b" and math.abs(e.n) == 3 and time.date_of(2024-01-01T20:00:00Z, 8) == 2024-01-02
}
)");
  ASSERT_TRUE(both->compiled) << both->error;
  JitOptions options;
  options.tests = true;
  std::string error;
  auto jit = JitProgram::create(both->module(), error, options);
  ASSERT_TRUE(jit) << error;
  EXPECT_EQ(jit->coverage().totalExprs, 8u);
  EXPECT_EQ(jit->coverage().nativeExprs, jit->coverage().totalExprs);
  int errors = 0;
  for (const ir::TestCode& t : both->module().tests) {
    std::vector<const ir::Node*> nodes = t.asserts;
    for (const auto& args : t.requireArgs) nodes.insert(nodes.end(), args.begin(), args.end());
    for (const ir::Node* node : nodes) {
      interp::EvalOptions eo;
      eo.hasNow = false;
      rt::Arena a1, a2;
      alignas(16) char want[64] = {}, got[64] = {};
      const char* e1 = interp::evaluateExpr(both->module(), *node, t.frameSize, t.givenSlot, t.given, 0, eo, a1, want);
      const char* e2 = jit->evaluateExpr(*node, t.frameSize, t.givenSlot, t.given, 0, eo, a2, got);
      ASSERT_EQ(e1 == nullptr, e2 == nullptr) << (e1 ? e1 : "") << (e2 ? e2 : "");
      if (e1) {
        EXPECT_STREQ(e1, e2);
        ++errors;
        continue;
      }
      ASSERT_LE(node->type->size, sizeof want);
      if (node->type->kind == rt::Kind::String) {
        rt::Str s1, s2;
        std::memcpy(&s1, want, sizeof s1), std::memcpy(&s2, got, sizeof s2);
        EXPECT_EQ(s1.view(), s2.view());
      } else {
        EXPECT_EQ(std::memcmp(want, got, node->type->size), 0);
      }
    }
  }
  EXPECT_EQ(errors, 1);  // division by zero
}

}  // namespace
}  // namespace gai::codegen::test
