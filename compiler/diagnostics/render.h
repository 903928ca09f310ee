// Renderers: diagnostics out as text with source snippets and carets, JSON or SARIF 2.1.0.
// Positions are 1-based lines and code-point columns; an end column is exclusive (the
// column just after the span), as in SARIF.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "source.h"

namespace gai {

// `path:line:col: error[E0101]: message`, the source line, a caret line under the span,
// then `help:` and each note with its own location and snippet.
std::string renderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

// "2 errors, 1 warning"; empty when there are neither.
std::string summaryLine(size_t errors, size_t warnings);

// One JSON array of objects {code, severity, message, file, line, column, endLine,
// endColumn, help, notes}; location fields are null for a diagnostic without a place.
std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics);

struct SarifTool {
  std::string name = "gai";
  std::string version;
  std::string informationUri;
};

// A SARIF 2.1.0 log with one run: the tool, a rule per registered diagnostic, one result
// per diagnostic (notes as related locations).
std::string renderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifTool& tool);

// The JSON form of a string: quoted, escaped; invalid UTF-8 becomes U+FFFD.
std::string jsonQuote(std::string_view text);

}  // namespace gai
