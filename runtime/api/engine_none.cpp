// Built when the interpreter (compiler/interp) is not part of this build.
#include "api/engine.h"

namespace gai::api {

std::unique_ptr<EngineProgram> makeInterpProgram(const ir::Module&, std::string& error) {
  error = "this build of gai has no interpreter (compiler/interp was not built)";
  return nullptr;
}

}  // namespace gai::api
