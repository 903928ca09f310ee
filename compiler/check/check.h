// The checker's entry point: a parsed bundle in, a checked program out.
#pragma once

#include <memory>

#include "diagnostics/diagnostic.h"
#include "syntax/bundle.h"

namespace gai::check {

struct CheckOptions {
  bool strict = false;  // --strict: rules without cites and free-text citations are errors
};

class Program;  // compiler/check/program.h

// Resolves names, checks types, evaluates constants and checks the graphs, citations,
// messages and tests of `bundle`, annotating its AST in place. Returns the program even
// when there are errors (for tools that want partial results); it is fit for evaluation
// only when `diags.hasErrors()` is false. The bundle must outlive the program.
std::unique_ptr<Program> checkBundle(syntax::Bundle& bundle, DiagnosticSink& diags,
                                     const CheckOptions& options = {});

}  // namespace gai::check
