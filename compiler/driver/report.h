// Printing diagnostics at the driver's edge.
#pragma once

#include <string>

#include "diagnostics/diagnostic.h"

namespace gai::driver {

enum class OutputFormat { Text, Json, Sarif };

OutputFormat outputFormatNamed(const std::string& name);  // "text", "json" or "sarif"

// Text goes to stderr, followed by a summary line when there is anything to report; JSON
// and SARIF go to stdout. Sorts the sink's diagnostics by location first.
void printDiagnostics(const SourceManager& sources, DiagnosticSink& diags, OutputFormat format);

}  // namespace gai::driver
