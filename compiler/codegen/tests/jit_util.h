#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "codegen/codegen.h"
#include "core/civil_time.h"
#include "core/json_bind.h"
#include "interp/engine.h"

namespace gai::codegen::test {

// A bundle with each kind of code the JIT splits into partitions and tiers: a `deny` rule
// with a message slot, std calls, an `r(x)` reference, an exception; and inputs over it.
inline const char* const kMixedSource = R"(
import std.text
enum Color { red, green, blue }
record E { a: int b: int c: Color t: string n: int? }
rule big(e: E) {
  cites "x"
  when e.a * e.b > 100 or (e.n ?? 0) > 3
  then deny
  message en "big: a={e.a} t={e.t}"
}
rule colour(e: E) { cites "x" when e.c in {red, blue} and text.contains(e.t, "spam") then flag }
rule ref(e: E) { cites "x" when big(e) and e.a / e.b == 2 then flag }
rule long(e: E) { cites "x" when text.length(e.t) > 3 and e.c != green then flag message en "t={e.t}" }
exception small(e: E) for big { when e.b == 1 }
)";;
inline const std::vector<std::string> kMixedInputs = {
    R"({"a":1,"b":2,"c":"red","t":"spam!"})",    R"({"a":20,"b":10,"c":"green","t":"x"})",
    R"({"a":9223372036854775807,"b":2,"c":"blue","t":"spam"})", R"({"a":4,"b":0,"c":"blue","t":"","n":5})",
    R"({"a":-3,"b":7,"c":"green","t":"spam","n":null})",  R"({"a":200,"b":1,"c":"red","t":"spam"})"};

// A directory path under the test temp dir that no other call in this process returns
// (removed if a run before left it).
inline std::string freshTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                              (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  return dir.string();
}

// A compiled bundle with both engines.
struct Both {
  DiagnosticSink diags;
  std::unique_ptr<interp::Compiled> compiled;
  std::unique_ptr<JitProgram> jit;
  std::string error;

  void finish() {
    if (compiled) jit = JitProgram::create(*compiled->module, error);
  }
  bool ok() const { return compiled && jit; }
  const ir::Module& module() const { return *compiled->module; }
};

inline std::unique_ptr<Both> compileOne(const std::string& source) {
  auto b = std::make_unique<Both>();
  b->compiled = interp::compileSources({{"t.gai", "package t\n" + source}}, b->diags, &b->error);
  b->finish();
  return b;
}

// Evaluates JSON lines with the JIT, exactly like interp::LineEvaluator.
class JitLines {
 public:
  JitLines(const Both& both, uint32_t entry, interp::LineOptions o) : both_(both), entry_(entry), o_(o) {}
  std::string evalLine(const std::string& json, uint64_t line, bool* inputError = nullptr) {
    arena_.reset();
    rt::BindError err;
    const void* value = binder_.bind(json, *both_.module().entries[entry_], arena_, err);
    if (!value) {
      if (inputError) *inputError = true;
      return rt::inputErrorJson(line, err.toString());
    }
    interp::EvalOptions eo;
    eo.hasNow = o_.hasNow;
    eo.lang = o_.lang;
    rt::Outcome outcome = both_.jit->evaluate(entry_, value, o_.nowMicros, eo, arena_);
    rt::DecideOptions d;
    d.lang = o_.lang;
    d.failOpen = o_.failOpen;
    return rt::decide(both_.module().table, outcome, d).toJson();
  }

 private:
  const Both& both_;
  uint32_t entry_;
  interp::LineOptions o_;
  rt::Arena arena_;
  rt::JsonBinder binder_;
};

inline interp::LineOptions at(const std::string& now) {
  interp::LineOptions o;
  o.nowMicros = *rt::parseTimestamp(now);
  return o;
}

// The decision lines of `inputs` at `now`, from b's JIT program and from the interpreter.
inline std::string jitDecisions(const Both& b, const std::vector<std::string>& inputs, const std::string& now) {
  JitLines jit(b, 0, at(now));
  std::string out;
  for (size_t i = 0; i < inputs.size(); ++i) out += jit.evalLine(inputs[i], i + 1) + "\n";
  return out;
}

inline std::string interpDecisions(const Both& b, const std::vector<std::string>& inputs, const std::string& now) {
  interp::LineEvaluator ref(b.module(), 0, at(now));
  std::string out;
  for (size_t i = 0; i < inputs.size(); ++i) out += ref.evalLine(inputs[i], i + 1) + "\n";
  return out;
}

}  // namespace gai::codegen::test
