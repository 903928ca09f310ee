#include "diagnostic.h"

#include <algorithm>

namespace gai {

namespace {
const std::vector<DiagInfo>& registry() {
  static const std::vector<DiagInfo> infos = {
#define DIAG(Id, Code, Sev, Format) DiagInfo{DiagId::Id, #Id, Code, Severity::Sev, Format},
#include "diagnostics.def"
#undef DIAG
  };
  return infos;
}
}  // namespace

const DiagInfo& diagInfo(DiagId id) { return registry()[static_cast<size_t>(id)]; }

const std::vector<DiagInfo>& allDiagnostics() { return registry(); }

const DiagInfo* diagByCode(std::string_view code) {
  for (const DiagInfo& info : registry()) {
    if (code == info.code) return &info;
  }
  return nullptr;
}

Diagnostic& DiagnosticSink::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++errorCount_;
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

void DiagnosticSink::sortByLocation() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.loc.file != b.loc.file) return a.loc.file < b.loc.file;
    return a.loc.offset < b.loc.offset;
  });
}

}  // namespace gai
