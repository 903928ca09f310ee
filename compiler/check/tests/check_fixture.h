// Helpers for the checker's unit tests: parse source strings, check, inspect diagnostics.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check/check.h"
#include "check/program.h"
#include "syntax/bundle.h"

namespace gai::check::testing {

struct Checked {
  DiagnosticSink diags;
  std::unique_ptr<syntax::Bundle> bundle;
  std::unique_ptr<Program> program;

  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.diagnostics()) out.push_back(d.code());
    return out;
  }
  bool has(const std::string& code) const {
    auto c = codes();
    return std::find(c.begin(), c.end(), code) != c.end();
  }
  size_t count(const std::string& code) const {
    auto c = codes();
    return static_cast<size_t>(std::count(c.begin(), c.end(), code));
  }
  std::string dump() const {
    std::string out;
    for (const Diagnostic& d : diags.diagnostics()) out += std::string(d.code()) + " " + d.message + "\n";
    return out;
  }
  const Diagnostic* first(const std::string& code) const {
    for (const Diagnostic& d : diags.diagnostics()) {
      if (code == d.code()) return &d;
    }
    return nullptr;
  }
  const ast::Decl* decl(const std::string& name) const {
    for (const ast::Decl* d : program->decls()) {
      if (d->name.name == name) return d;
    }
    return nullptr;
  }
};

inline std::unique_ptr<Checked> checkSources(std::vector<std::pair<std::string, std::string>> files,
                                             const std::string& root = "", bool strict = false) {
  auto c = std::make_unique<Checked>();
  c->bundle = syntax::parseBundle(std::move(files), root, c->diags);
  CheckOptions options;
  options.strict = strict;
  c->program = checkBundle(*c->bundle, c->diags, options);
  return c;
}

inline std::unique_ptr<Checked> checkSource(const std::string& text, bool strict = false) {
  return checkSources({{"main.gai", text}}, "", strict);
}

// A small schema most tests build on; everything in it is used or never "unused".
inline const char* kPrelude = R"(package t
import std.text
import std.math
import std.time
enum Modality { text, image, audio }
enum Tag { a, b, c }
record Service { offered: bool  name: string = "" }
record Output {
  modality: Modality
  labeled: bool = false
  tags: set<Tag> = {}
  score: float = 0.5
  mark: string?
  hits: int = 0
}
record Event { service: Service  output: Output  at: timestamp  window: duration = 1d }
law L { article 1 "One" { paras 2 items 3 } article 2 "Two" }
)";

inline std::unique_ptr<Checked> checkWithPrelude(const std::string& body, bool strict = false) {
  return checkSource(std::string(kPrelude) + body, strict);
}

}  // namespace gai::check::testing
