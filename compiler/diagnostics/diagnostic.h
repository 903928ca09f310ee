// Diagnostics: what the compiler reports, collected by a sink and rendered at the edge.
// Every diagnostic is declared once, in diagnostics.def.
#pragma once

#include <fmt/core.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "source.h"

namespace gai {

enum class Severity : uint8_t { Error, Warning };

enum class DiagId : uint16_t {
#define DIAG(Id, Code, Sev, Format) Id,
#include "diagnostics.def"
#undef DIAG
  Count
};

struct DiagInfo {
  DiagId id;
  const char* name;    // the Id, e.g. "UnknownName"
  const char* code;    // stable, e.g. "E0101"
  Severity severity;
  const char* format;  // fmt template
};

const DiagInfo& diagInfo(DiagId id);
const std::vector<DiagInfo>& allDiagnostics();
// Looks a diagnostic up by its code ("E0101"); nullptr when unknown.
const DiagInfo* diagByCode(std::string_view code);

struct DiagNote {
  Loc loc;  // may be invalid: a note without a place
  std::string message;
};

struct Diagnostic {
  DiagId id;
  Severity severity;
  Loc loc;
  std::string message;
  std::string help;  // empty when none
  std::vector<DiagNote> notes;

  const char* code() const { return diagInfo(id).code; }

  Diagnostic& withHelp(std::string text) {
    help = std::move(text);
    return *this;
  }
  Diagnostic& withNote(Loc at, std::string text) {
    notes.push_back(DiagNote{at, std::move(text)});
    return *this;
  }
};

// Collects diagnostics of one compilation; never throws, never stops at the first.
class DiagnosticSink {
 public:
  template <typename... Args>
  Diagnostic& emit(DiagId id, Loc loc, const Args&... args) {
    const DiagInfo& info = diagInfo(id);
    return add(Diagnostic{id, info.severity, loc, fmt::format(fmt::runtime(info.format), args...), {}, {}});
  }
  Diagnostic& add(Diagnostic diagnostic);

  // Under --strict, warnings that the language makes errors become errors.
  void setStrict(bool strict) { strict_ = strict; }
  bool strict() const { return strict_; }

  bool hasErrors() const { return errorCount_ > 0; }
  size_t errorCount() const { return errorCount_; }
  size_t warningCount() const { return diagnostics_.size() - errorCount_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Orders by file, then offset, keeping emission order for ties.
  void sortByLocation();

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t errorCount_ = 0;
  bool strict_ = false;
};

}  // namespace gai
