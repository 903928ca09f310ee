// The JIT against the interpreter: decision JSON byte for byte, and native coverage.
#include <thread>

#include "jit_util.h"

namespace gai::codegen::test {
namespace {

struct Case {
  std::string fields;  // record E { ... }
  std::string when;
  std::vector<std::string> inputs;
  bool native = true;  // the rule's `when` must be lowered natively
  std::string decls;   // extra declarations (fns)
};

void expectSame(const Case& c) {
  std::string source = "import std.text\nimport std.time\nimport std.math\nenum Color { red, green, blue }\nrecord O { k: int? }\nrecord P { k: int? j: int }\nrecord E { " + c.fields +
                       " }\n" + c.decls + "\nrule r(e: E) { cites \"x\" when " + c.when + " then deny }\n";
  auto both = compileOne(source);
  ASSERT_TRUE(both->compiled) << source << both->error;
  ASSERT_TRUE(both->jit) << both->error;
  const Coverage& cov = both->jit->coverage();
  ASSERT_EQ(cov.totalRules, 1u);
  EXPECT_EQ(cov.nativeRules, c.native ? 1u : 0u) << c.when << " reason: " << cov.ruleReasons[0];
  interp::LineOptions o = at("2024-03-01T00:00:00Z");
  interp::LineEvaluator ref(both->module(), 0, o);
  JitLines jit(*both, 0, o);
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    std::string want = ref.evalLine(c.inputs[i], i + 1);
    EXPECT_EQ(jit.evalLine(c.inputs[i], i + 1), want) << c.when << " on " << c.inputs[i];
  }
}

TEST(Jit, IntArithmeticAndOverflow) {
  const char* ab = "a: int b: int";
  std::vector<std::string> in = {R"({"a":1,"b":3})", R"({"a":-7,"b":2})", R"({"a":7,"b":-2})", R"({"a":1,"b":0})",
                                 R"({"a":-9223372036854775808,"b":-1})", R"({"a":9223372036854775807,"b":1})",
                                 R"({"a":4611686018427387904,"b":2})", R"({"a":-9223372036854775807,"b":2})"};
  for (const char* w : {"e.a + e.b > 0", "e.a - e.b < 0", "e.a * e.b == 8", "e.a / e.b == -3", "e.a % e.b == 1",
                        "e.a % e.b == 0", "-e.a > 0", "-(e.a - e.b) >= 0", "e.a / e.b + 1 > 0"})
    expectSame({ab, w, in});
}

TEST(Jit, LazyLogicStopsErrors) {
  std::vector<std::string> in = {R"({"a":1,"b":0})", R"({"a":0,"b":0})", R"({"a":2,"b":1})"};
  for (const char* w : {"e.b != 0 and e.a / e.b > 1", "e.b == 0 or e.a / e.b > 1", "e.b != 0 implies e.a / e.b > 1",
                        "not (e.b == 0) and e.a % e.b == 0", "e.a / e.b > 1 and e.b != 0",
                        "(if e.b == 0 then 0 else e.a / e.b) >= 1", "let q = e.a + 1 in q > 1 and q < 3"})
    expectSame({"a: int b: int", w, in});
}

// Right operands that evaluatesEagerly() are computed unconditionally (no branch): every
// combination of truth values must still give the interpreter's answer.
TEST(Jit, EagerRightOperandsAgree) {
  std::vector<std::string> in = {
      R"({"b":true,"c":"red","n":1,"d":"2024-01-01","t":["red"],"o":{"k":1,"j":0}})",
      R"({"b":false,"c":"blue","n":5,"d":"2023-12-31","t":[],"o":{"j":2}})",
      R"({"b":true,"c":"green","n":-3,"d":"2024-06-30","t":["green","blue"],"o":{"j":3}})",
      R"({"b":false,"c":"red","n":0,"d":"2024-01-01","t":["blue"],"o":{"k":0,"j":4}})"};
  for (const char* w : {"e.b and e.c == red", "e.b or e.n < 3", "e.b implies red in e.t",
                        "not e.b and (e.d > 2024-01-01 or e.o.k == none)", "e.n >= 0 and e.t == {blue} or e.b",
                        "e.c != green and not (e.n == 1) and e.o.j <= 3", "(e.b or e.c == blue) and green in e.t",
                        "e.b == false implies (e.d == 2024-01-01 and e.n != 5)"})
    expectSame({"b: bool c: Color n: int d: date t: set<Color> o: P", w, in});
}

TEST(Jit, Floats) {
  std::vector<std::string> in = {R"({"x":1.25,"y":0})", R"({"x":0,"y":0})", R"({"x":-1,"y":3})",
                                 R"({"x":1e308,"y":1e308})", R"({"x":0.1,"y":0.2})"};
  for (const char* w : {"e.x * 2.0 + 0.5 > 3.0", "e.x / e.y == e.x / e.y", "e.x / e.y != e.x / e.y",
                        "e.x / e.y < 1.0", "e.x / e.y >= 1.0", "e.x + e.y == 0.30000000000000004",
                        "-e.x < 0.0", "e.x * e.y * 10.0 <= 1e308", "float(int(e.x)) == e.x",
                        "int(e.x * e.y) > 0", "e.x - e.y > e.y - e.x"})
    expectSame({"x: float y: float", w, in});
}

TEST(Jit, EnumsBitSetsStrings) {
  std::vector<std::string> in = {R"({"c":"red","s":["green"],"t":"ab"})", R"({"c":"blue","s":[],"t":""})",
                                 R"({"c":"green","s":["red","blue","green"],"t":"abc"})"};
  for (const char* w : {"e.c == red", "e.c != blue", "e.c in e.s", "red in e.s",
                        "e.s == {green}", "size(e.s) >= 2", "e.t == \"ab\"", "e.t != \"\"",
                        "e.c in {red, blue}"})
    expectSame({"c: Color s: set<Color> t: string", w, in});
}

TEST(Jit, Optionals) {
  std::vector<std::string> in = {R"({"n":3})", R"({})", R"({"n":null})", R"({"n":-1,"o":{"k":5}})",
                                 R"({"o":{}})"};
  for (const char* w : {"e.n != none", "e.n == none", "(e.n ?? 0) > 0", "e.o?.k != none", "(e.o?.k ?? 1) == 5"})
    expectSame({"n: int? o: O?", w, in});
}

TEST(Jit, NowAndEffectiveDates) {
  std::vector<std::string> in = {R"({"t":"2024-01-01T00:00:00Z"})", R"({"t":"2025-01-01T00:00:00Z"})"};
  expectSame({"t: timestamp", "e.t < now", in, true});
}

TEST(Jit, TimeArithmetic) {
  std::vector<std::string> in = {R"({"a":"2024-03-02T00:00:00Z","b":"2024-03-01T00:00:00Z","d":"1d","x":"2024-02-29"})",
                                 R"({"a":"9999-12-31T12:00:00Z","b":"0001-01-01T00:00:00Z","d":"2d","x":"9999-12-31"})",
                                 R"({"a":"2024-01-01T00:00:00Z","b":"2024-01-01T00:00:01Z","d":"-3d","x":"0001-01-01"})"};
  for (const char* w : {"e.a - e.b >= 1d", "e.a + e.d > e.b", "e.d + e.a > e.b", "e.a - e.d < e.b",
                        "e.x + e.d > e.x", "e.d + e.x > e.x", "e.x - e.d < e.x", "e.x - e.x == 0d",
                        "e.a - e.b + e.d > 0d", "-e.d < 0d", "e.d * 2 > 1d", "e.a - 1d < now"})
    expectSame({"a: timestamp b: timestamp d: duration x: date", w, in});
}

TEST(Jit, FnCallsInlined) {
  std::vector<std::string> in = {R"({"a":2})", R"({"a":0})", R"({"a":-9223372036854775808})"};
  const char* fns = "fn sq(x: int): int = x * x\nfn f(x: int): int = g(x) + x\nfn g(y: int): int = let z = y in z * 10\n"
                    "fn inv(x: int): int = 100 / x";
  for (const char* w : {"sq(e.a) + sq(3) > 10", "f(e.a) == 22", "e.a != 0 and inv(e.a) > 1", "inv(e.a) > 1 or e.a == 0"})
    expectSame({"a: int", w, in, true, fns});
}

TEST(Jit, Quantifiers) {
  std::vector<std::string> in = {R"({"ns":[1,2,3],"cs":["red","blue"],"fs":[0.5,0.25],"ss":["a","b"]})",
                                 R"({"ns":[],"cs":[],"fs":[],"ss":[]})",
                                 R"({"ns":[9223372036854775807,1,0],"cs":["green"],"fs":[1e308,1e308],"ss":["x"]})",
                                 R"({"ns":[0,5],"cs":["red","green","blue"],"fs":[-0.0],"ss":["a"]})"};
  for (const char* w : {"any(n in e.ns: n > 2)", "all(n in e.ns: n > 0)", "count(n in e.ns: n > 0) >= 2",
                        "sum(n in e.ns: n) > 5", "sum(f in e.fs: f) > 0.7", "any(c in e.cs: c == green)",
                        "all(c in e.cs: c != green)", "count(c in e.cs: true) == 2", "any(s in e.ss: s == \"b\")",
                        "any(n in e.ns: 10 / n > 1)", "all(n in e.ns: n != 0 and 10 / n > 1)",
                        "any(n in e.ns: all(m in e.ns: m <= n))", "\"b\" in e.ss", "not (\"q\" in e.ss)"})
    expectSame({"ns: list<int> cs: set<Color> fs: list<float> ss: set<string>", w, in});
  // Set literals (MakeSet) built natively in the arena.
  for (const char* w : {"any(s in e.ss: s in {\"a\", \"x\"})", "all(f in e.fs: f in {0.5, 0.25, 0.0})"})
    expectSame({"ns: list<int> cs: set<Color> fs: list<float> ss: set<string>", w, in});
}

TEST(Jit, StructuralEqualityAndOptionalFields) {
  std::vector<std::string> in = {R"({"n":3,"m":3,"o":{"k":5},"p":{"k":5,"j":1}})", R"({"n":3})", R"({})",
                                 R"({"n":1,"m":2,"p":{"j":2}})"};
  for (const char* w : {"e.n == e.m", "e.n != e.m", "e.o?.k == e.p?.k", "(e.p?.j ?? 0) > 1", "e.p?.j == 1",
                        "e.p?.j != none", "e.n == 3"})
    expectSame({"n: int? m: int? o: O? p: P?", w, in});
}

// Optional strings and scalars compare inline (emitEqOptional): absent, empty, equal, unequal.
TEST(Jit, OptionalStringAndScalarEquality) {
  std::vector<std::string> in = {
      R"({"s":"1","t":"1","c":"red","k":"red","b":true,"d":"2024-01-01","x":"2024-01-01"})",
      R"({"s":"","t":"","c":"blue","b":false,"d":"2024-01-02","x":"2024-01-01"})",
      R"({"s":"","k":"blue","x":"2024-01-01"})", R"({})", R"({"s":"12","t":"1","b":true})",
      R"({"t":"1","s":null,"c":null,"k":"green"})"};
  for (const char* w : {"e.s == \"1\"", "e.s != \"1\"", "e.s == e.t", "e.s != e.t", "e.s == \"\"", "e.c == red",
                        "e.c == e.k", "e.c != e.k", "e.b == true", "e.b != false", "e.d == e.x", "e.d != e.x",
                        "e.s == none", "e.t == e.t"})
    expectSame({"s: string? t: string? c: Color? k: Color? b: bool? d: date? x: date?", w, in});
}

TEST(Jit, StdCalls) {
  std::vector<std::string> in = {R"({"t":"Hello 生成式AI","d":"90000s","ts":"2024-03-01T23:00:00Z","f":-2.5})",
                                 R"({"t":"","d":"-3600s","ts":"1970-01-01T00:00:00Z","f":0})"};
  for (const char* w : {"text.contains(e.t, \"ell\")", "text.starts_with(e.t, \"He\")",
                        "text.ends_with(e.t, \"AI\")", "text.length(e.t) == 10", "text.matches(e.t, \"[0-9]+\")",
                        "time.days(e.d) == 1", "time.hours(e.d) < 0", "time.minutes(e.d) > 10",
                        "time.date_of(e.ts) > 2024-02-29", "math.abs(e.f) > 2.0", "math.min(e.f, 1.0) < 0.0",
                        "math.max(time.days(e.d), 0) == 1"})
    expectSame({"t: string d: duration ts: timestamp f: float", w, in});
}

TEST(Jit, UnsupportedFallsBackPerRule) {
  // Fn calls are inlined at most 32 deep: a deeper chain is left to the interpreter.
  std::string fns = "fn f0(x: int): int = x + 1\n";
  for (int i = 1; i <= 34; ++i)
    fns += "fn f" + std::to_string(i) + "(x: int): int = f" + std::to_string(i - 1) + "(x) * 1\n";
  std::vector<std::string> in = {R"({"a":1})", R"({"a":9223372036854775807})"};
  expectSame({"a: int", "f34(e.a) > 1", in, false, fns});
  expectSame({"a: int", "f20(e.a) > 1", in, true, fns});
}

}  // namespace
}  // namespace gai::codegen::test

namespace gai::codegen::test {
namespace {

TEST(Jit, NativeErrorMessageInDecision) {
  auto both = compileOne("record E { a: int }\nrule r(e: E) { cites \"x\" when 10 / e.a > 1 then deny }\n");
  ASSERT_TRUE(both->ok()) << both->error;
  EXPECT_EQ(both->jit->coverage().nativeRules, 1u);
  JitLines jit(*both, 0, at("2024-03-01T00:00:00Z"));
  EXPECT_EQ(jit.evalLine(R"({"a":0})", 1),
            R"({"effect":"deny","findings":[],"excepted":[],"errors":[{"rule":"t.r","error":"division by zero"}]})");
  EXPECT_EQ(jit.evalLine(R"({"a":1})", 2).find("\"findings\":[]"), std::string::npos);
}

}  // namespace
}  // namespace gai::codegen::test


namespace gai::codegen::test {
namespace {

TEST(Jit, NowWithoutNowIsTheInterpretersError) {
  auto both = compileOne("record E { t: timestamp }\nrule r(e: E) { cites \"x\" when e.t < now then deny }\n");
  ASSERT_TRUE(both->ok()) << both->error;
  EXPECT_EQ(both->jit->coverage().nativeRules, 1u);
  interp::LineOptions o = at("2024-03-01T00:00:00Z");
  o.hasNow = false;
  interp::LineEvaluator ref(both->module(), 0, o);
  JitLines jit(*both, 0, o);
  std::string want = ref.evalLine(R"({"t":"2024-01-01T00:00:00Z"})", 1);
  EXPECT_NE(want.find("now"), std::string::npos) << want;
  EXPECT_EQ(jit.evalLine(R"({"t":"2024-01-01T00:00:00Z"})", 1), want);
}

TEST(Jit, ThreadsShareOneProgram) {
  auto both = compileOne(
      "record E { a: int b: int }\nrule r(e: E) { cites \"x\" when e.a / e.b > 1 then deny }\n"
      "exception x(e: E) for r { when e.a > 100 }\n");
  ASSERT_TRUE(both->ok()) << both->error;
  std::vector<std::string> in;
  for (int i = 0; i < 200; ++i) in.push_back("{\"a\":" + std::to_string(i * 7 - 300) + ",\"b\":" + std::to_string(i % 5) + "}");
  interp::LineEvaluator ref(both->module(), 0, at("2024-03-01T00:00:00Z"));
  std::vector<std::string> want;
  for (size_t i = 0; i < in.size(); ++i) want.push_back(ref.evalLine(in[i], i + 1));
  std::vector<int> mismatches(8, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      JitLines jit(*both, 0, at("2024-03-01T00:00:00Z"));
      for (int round = 0; round < 20; ++round)
        for (size_t i = 0; i < in.size(); ++i) mismatches[t] += jit.evalLine(in[i], i + 1) != want[i];
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(mismatches[t], 0) << t;
}

}  // namespace
}  // namespace gai::codegen::test

namespace gai::codegen::test {
namespace {

TEST(Jit, RuleReferencesNative) {
  auto both = compileOne(R"(
record E { n: int s: S }
record S { k: int }
rule base(e: E) { cites "x" when e.n > 0 then flag }
rule sub(s: S) { cites "x" when 10 / s.k > 1 then flag }
exception quiet(e: E) for base { when e.n > 100 }
rule derived(e: E) { cites "x" when base(e) and sub(e.s) then deny }
rule notbase(e: E) { cites "x" when not base(e) then flag }
rule other(e: E) { cites "x" when base(e with { n: 5 }) and not base(e) then deny }
)");
  ASSERT_TRUE(both->ok()) << both->error;
  const Coverage& cov = both->jit->coverage();
  EXPECT_EQ(cov.nativeRules, 5u);
  EXPECT_EQ(cov.nativeExceptions, 1u);
  for (const char* entry : {"E", "S"}) {
    int index = both->module().findEntry(entry);
    ASSERT_GE(index, 0);
    interp::LineEvaluator ref(both->module(), static_cast<uint32_t>(index), at("2024-03-01T00:00:00Z"));
    JitLines jit(*both, static_cast<uint32_t>(index), at("2024-03-01T00:00:00Z"));
    uint64_t line = 0;
    for (const char* in : {R"({"n":1,"s":{"k":2}})", R"({"n":101,"s":{"k":2}})", R"({"n":1,"s":{"k":0}})",
                           R"({"n":0,"s":{"k":0}})", R"({"k":0})", R"({"k":3})"}) {
      ++line;
      bool inputError = false;
      std::string want = ref.evalLine(in, line, &inputError);
      EXPECT_EQ(jit.evalLine(in, line), want) << entry << " " << in;
    }
  }
}

}  // namespace
}  // namespace gai::codegen::test

namespace gai::codegen::test {
namespace {

// No process-specific address in emitted code: two compilations of one source (different
// heap addresses for constants, types, prepared terms and regexes) emit the same IR text.
TEST(Jit, EmittedIrHoldsNoAddresses) {
  const char* source = R"(
import std.text
enum Color { red, green, blue }
record O { k: int? }
record E { t: string c: Color o: O? n: int? l: list<string> }
const words: list<string> = ["alpha", "beta"]
rule r(e: E) { cites "x" when text.contains_any(e.t, {"spam", "eggs"}) or text.matches(e.t, "[0-9]+") then deny }
rule s(e: E) { cites "x" when e.t == "hello" and e.c in {red, blue} and (e.o?.k ?? 0) / 1 > 0 then flag }
rule u(e: E) { cites "x" when e.n == none or not present(e.o) or any(w in words: w == e.t) then flag }
)";
  auto first = compileOne(source);
  auto second = compileOne(source);
  for (const auto& d : first->diags.diagnostics()) ADD_FAILURE() << d.message;
  ASSERT_TRUE(first->ok()) << first->error;
  ASSERT_TRUE(second->ok()) << second->error;
  std::string a = emittedIrText(first->module());
  std::string b = emittedIrText(second->module());
  EXPECT_NE(a.find("gai_addr_0"), std::string::npos) << a;
  EXPECT_EQ(a.find("inttoptr"), std::string::npos) << a;
  EXPECT_EQ(a, b);
  EXPECT_EQ(first->jit->coverage().nativeRules, 3u);
}

}  // namespace
}  // namespace gai::codegen::test
