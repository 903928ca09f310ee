// The syntax layer's entry points: source text in, AST out, syntax errors to the sink.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "syntax/ast.h"

namespace gai::syntax {

struct ParseLimits {
  uint32_t maxNesting = 256;         // brackets, nested if/let/quantifiers
  uint64_t maxSourceBytes = 64u << 20;
  uint32_t maxDecls = 100000;        // declarations per file (E0903)
  uint64_t maxBundleBytes = 256u << 20;  // all files of a bundle together (E0904)
};

// Parses one file already added to `sources`. Always returns a File (possibly partial);
// errors go to `diags`. Never throws, never crashes on any byte sequence.
std::unique_ptr<ast::File> parseFile(const SourceManager& sources, FileId file, DiagnosticSink& diags,
                                     const ParseLimits& limits = {});

}  // namespace gai::syntax
