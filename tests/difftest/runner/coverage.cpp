// --coverage: how much of the generated programs the JIT runs natively (the rest runs in
// the interpreter inside a JIT evaluation), from codegen::JitProgram::coverage().
#include "difftest.h"

#ifdef GAI_DIFFTEST_WITH_CODEGEN
#include "codegen/codegen.h"
#include "diagnostics/diagnostic.h"
#include "interp/engine.h"
#endif

namespace gai::difftest {

bool nativeCoverage(const std::string& source, NativeCoverage& cov) {
#ifdef GAI_DIFFTEST_WITH_CODEGEN
  DiagnosticSink diags;
  std::string error;
  auto compiled = interp::compileSources({{"difftest.gai", source}}, diags, &error);
  if (!compiled) return false;
  auto jit = codegen::JitProgram::create(*compiled->module, error);
  if (!jit) return false;
  const codegen::Coverage& c = jit->coverage();
  cov.nativeRules += c.nativeRules;
  cov.totalRules += c.totalRules;
  cov.nativeExceptions += c.nativeExceptions;
  cov.totalExceptions += c.totalExceptions;
  for (const auto* reasons : {&c.ruleReasons, &c.exceptionReasons})
    for (const std::string& r : *reasons)
      if (!r.empty()) ++cov.reasons[r];
  return true;
#else
  (void)source;
  (void)cov;
  return false;
#endif
}

}  // namespace gai::difftest
