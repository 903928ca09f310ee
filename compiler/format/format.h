// The canonical layout of .gai sources (`gaic fmt`). Layout decisions: README.md here and
// docs/language.md "Formatting".
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"
#include "syntax/ast.h"

namespace gai::format {

// Lines longer than this are broken where the layout allows.
constexpr int kMaxWidth = 100;

// Prints a parsed file in the canonical layout, keeping every comment of `file.comments`
// (read from `sources`, which must hold the file's text). The result ends with one newline.
std::string formatFile(const ast::File& file, const SourceManager& sources);

// Parses file `id` of `sources` and formats it; syntax errors go to `diags` (their
// locations refer to `sources`), leaving `out` empty and returning false. Never throws.
bool formatSource(const SourceManager& sources, FileId id, std::string& out, DiagnosticSink& diags);

// Parses `text` (shown as `path` in diagnostics) and formats it. On a syntax error the
// diagnostics go to `diags` (their locations refer to a
// temporary SourceManager holding only this text, as FileId 0), `out` is left empty and the result is false. Never throws.
bool formatSource(const std::string& path, const std::string& text, std::string& out,
                  DiagnosticSink& diags);

}  // namespace gai::format
