#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "syntax/ast.h"
#include "syntax/dump.h"
#include "syntax/parse.h"

namespace gai::syntax::test {

struct Parsed {
  SourceManager sources;
  DiagnosticSink diags;
  std::unique_ptr<ast::File> file;

  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diags.diagnostics()) out.push_back(d.code());
    return out;
  }
  std::string messages() const {
    std::string out;
    for (const Diagnostic& d : diags.diagnostics()) {
      LineCol lc = d.loc.valid() ? sources.lineCol(d.loc) : LineCol{};
      out += std::string(d.code()) + " " + std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " +
             d.message + "\n";
    }
    return out;
  }
  bool has(const std::string& code) const {
    for (const Diagnostic& d : diags.diagnostics())
      if (d.code() == code) return true;
    return false;
  }
  const Diagnostic* first(const std::string& code) const {
    for (const Diagnostic& d : diags.diagnostics())
      if (d.code() == code) return &d;
    return nullptr;
  }
  std::string textAt(Loc loc) const { return std::string(sources.textOf(loc)); }
};

inline std::unique_ptr<Parsed> parse(std::string text, const ParseLimits& limits = {}) {
  auto p = std::make_unique<Parsed>();
  FileId id = p->sources.add("test.gai", std::move(text));
  p->file = parseFile(p->sources, id, p->diags, limits);
  return p;
}

// Parses `expr` as a const initialiser and returns the parse.
inline std::unique_ptr<Parsed> parseExpr(const std::string& expr) {
  return parse("package t\nconst c: int = " + expr + "\n");
}

inline const ast::Expr* constValue(const Parsed& p) {
  if (!p.file || p.file->decls.empty()) return nullptr;
  auto* c = p.file->decls[0]->as<ast::ConstDecl>();
  return c ? c->value.get() : nullptr;
}

// The dump of `expr` as a const initialiser; "<error: ...>" when it did not parse cleanly.
inline std::string dumpOf(const std::string& expr) {
  auto p = parseExpr(expr);
  if (p->diags.hasErrors()) return "<error: " + p->messages() + ">";
  const ast::Expr* e = constValue(*p);
  return e ? dumpExpr(*e) : "<none>";
}

}  // namespace gai::syntax::test
