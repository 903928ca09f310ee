// A clean entry point over the interpreter for the driver (`gaic eval`, `gaic test`), the
// embedding API and tests: sources or paths -> checked, lowered program; JSON line ->
// decision JSON (or the input error line).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/arena.h"
#include "core/decision.h"
#include "core/json_bind.h"
#include "diagnostics/diagnostic.h"
#include "interp/interp.h"
#include "ir/ir.h"

namespace gai::syntax {
struct Bundle;
}
namespace gai::check {
class Program;
}

namespace gai::interp {

// A compiled bundle: the AST, the checked program and the IR module (which refers to
// neither after lowering, but keeping them lets tools map decisions back to source).
struct Compiled {
  std::unique_ptr<syntax::Bundle> bundle;
  std::unique_ptr<check::Program> program;
  std::unique_ptr<ir::Module> module;
  Compiled();
  ~Compiled();
};

// Parses, checks and lowers. Diagnostics go to `diags`; returns null when there are errors
// (`error` then says which phase failed).
std::unique_ptr<Compiled> compileSources(std::vector<std::pair<std::string, std::string>> sources,
                                         DiagnosticSink& diags, std::string* error = nullptr);
std::unique_ptr<Compiled> compilePaths(const std::vector<std::string>& paths, DiagnosticSink& diags,
                                       std::string* error = nullptr);

struct LineOptions {
  int64_t nowMicros = 0;
  bool hasNow = true;
  rt::Lang lang = rt::Lang::En;
  bool failOpen = false;
  bool strictInput = false;
};

// Evaluates JSON lines for one entry type, reusing its arena and binder. Not thread-safe;
// use one per thread (the module may be shared).
class LineEvaluator {
 public:
  LineEvaluator(const ir::Module& module, uint32_t entry, LineOptions options = {});
  // The decision JSON for one input line, or `{"line":N,"error":"..."}` (then `inputError`).
  std::string evalLine(std::string_view json, uint64_t lineNumber, bool* inputError = nullptr);

 private:
  const ir::Module& module_;
  uint32_t entry_;
  LineOptions options_;
  rt::Arena arena_;
  rt::JsonBinder binder_;
};

}  // namespace gai::interp
