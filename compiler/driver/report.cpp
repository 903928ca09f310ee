#include "report.h"

#include <cstdio>

#include "diagnostics/render.h"

#ifndef GAI_VERSION
#define GAI_VERSION "0.0.0"
#endif
#ifndef GAI_INFORMATION_URI
#define GAI_INFORMATION_URI ""
#endif

namespace gai::driver {

OutputFormat outputFormatNamed(const std::string& name) {
  if (name == "json") return OutputFormat::Json;
  if (name == "sarif") return OutputFormat::Sarif;
  return OutputFormat::Text;
}

void printDiagnostics(const SourceManager& sources, DiagnosticSink& diags, OutputFormat format) {
  diags.sortByLocation();
  std::string out;
  switch (format) {
    case OutputFormat::Text: {
      out = renderText(sources, diags.diagnostics());
      std::string summary = summaryLine(diags.errorCount(), diags.warningCount());
      if (!summary.empty()) out += summary + "\n";
      std::fwrite(out.data(), 1, out.size(), stderr);
      return;
    }
    case OutputFormat::Json:
      out = renderJson(sources, diags.diagnostics());
      break;
    case OutputFormat::Sarif:
      out = renderSarif(sources, diags.diagnostics(), SarifTool{"gai", GAI_VERSION, GAI_INFORMATION_URI});
      break;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace gai::driver
