#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "codegen/codegen.h"
#include "core/civil_time.h"
#include "core/json_bind.h"
#include "interp/engine.h"

namespace gai::codegen::test {

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
