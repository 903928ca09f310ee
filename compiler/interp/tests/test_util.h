#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "check/program.h"
#include "core/civil_time.h"
#include "interp/engine.h"
#include "syntax/bundle.h"

namespace gai::interp::test {

inline std::string diagText(const Compiled* c, const DiagnosticSink& diags, const syntax::Bundle* bundle) {
  std::string out;
  for (const Diagnostic& d : diags.diagnostics()) out += std::string(d.code()) + " " + d.message + "\n";
  return out;
}

// A compiled one-file bundle `package t` + `source`.
struct Program {
  DiagnosticSink diags;
  std::unique_ptr<Compiled> compiled;
  std::string error;

  explicit Program(const std::string& source) {
    compiled = compileSources({{"t.gai", "package t\n" + source}}, diags, &error);
  }
  bool ok() const { return compiled != nullptr; }
  std::string problems() const {
    std::string out = error + "\n";
    for (const Diagnostic& d : diags.diagnostics()) out += std::string(d.code()) + " " + d.message + "\n";
    return out;
  }
  const ir::Module& module() const { return *compiled->module; }
};

struct Run {
  std::string now = "2024-03-01T00:00:00Z";
  bool hasNow = true;
  rt::Lang lang = rt::Lang::En;
  bool failOpen = false;
};

// The decision JSON for `json` on entry type `entry`, or a description of what failed.
inline std::string decide(const Program& p, const std::string& entry, const std::string& json, const Run& run = {}) {
  if (!p.ok()) return "COMPILE: " + p.problems();
  int index = p.module().findEntry(entry);
  if (index < 0) return "NO ENTRY " + entry;
  LineOptions o;
  auto now = rt::parseTimestamp(run.now);
  o.nowMicros = now ? *now : 0;
  o.hasNow = run.hasNow;
  o.lang = run.lang;
  o.failOpen = run.failOpen;
  LineEvaluator ev(p.module(), static_cast<uint32_t>(index), o);
  return ev.evalLine(json, 1);
}

// Compiles `source`, evaluates one line, returns the decision.
inline std::string decide(const std::string& source, const std::string& entry, const std::string& json,
                          const Run& run = {}) {
  Program p(source);
  return decide(p, entry, json, run);
}

}  // namespace gai::interp::test
