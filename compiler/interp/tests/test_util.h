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

struct Opts {
  std::string now = "2024-03-01T00:00:00Z";
  bool hasNow = true;
  rt::Lang lang = rt::Lang::En;
  bool failOpen = false;
};

// The decision JSON for `json` on entry type `entry`, or a description of what failed.
inline std::string decide(const Program& p, const std::string& entry, const std::string& json, const Opts& run = {}) {
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
                          const Opts& run = {}) {
  Program p(source);
  return decide(p, entry, json, run);
}

}  // namespace gai::interp::test

namespace gai::interp::test {

// The message of the only finding, or "error: ..." of the only error, else the decision.
inline std::string firstMessage(const std::string& decision) {
  auto grab = [&](const std::string& key) -> std::string {
    size_t at = decision.find(key);
    if (at == std::string::npos) return {};
    at += key.size();
    std::string out;
    for (size_t i = at; i < decision.size() && decision[i] != '"'; ++i) {
      if (decision[i] == '\\' && i + 1 < decision.size()) ++i;
      out += decision[i];
    }
    return out;
  };
  if (decision.find("\"findings\":[{") != std::string::npos) return grab("\"message\":\"");
  if (decision.find("\"errors\":[{") != std::string::npos) return "error: " + grab("\"error\":\"");
  return decision;
}

// Evaluates `expr` (of type `type`) with `e` bound to a record E { fields } from `json`,
// rendered as a message interpolation: "<error: ...>" when it fails at run time.
inline std::string show(const std::string& fields, const std::string& type, const std::string& expr,
                        const std::string& json = "{}", const std::string& extra = "", const Opts& run = {}) {
  std::string src = "import std.text\nimport std.time\nimport std.math\nrecord E { " + fields + " }\n" + extra + "\nfn v(e: E): " + type + " = " + expr +
                    "\nrule r(e: E) { cites \"x\" when true then flag message \"{v(e)}\" }\n";
  return firstMessage(decide(src, "E", json, run));
}

// Evaluates a bool `cond` as a rule's `when`: "fires", "no", or "error: ...".
inline std::string when(const std::string& fields, const std::string& cond, const std::string& json = "{}",
                        const std::string& extra = "", const Opts& run = {}) {
  std::string src = "import std.text\nimport std.time\nimport std.math\nrecord E { " + fields + " }\n" + extra + "\nrule r(e: E) { cites \"x\" when " + cond +
                    " then flag message \"fires\" }\n";
  std::string d = decide(src, "E", json, run);
  std::string m = firstMessage(d);
  return m == d && d.find("\"findings\":[]") != std::string::npos && d.find("\"errors\":[]") != std::string::npos ? "no" : m;
}

}  // namespace gai::interp::test
