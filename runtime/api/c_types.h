// The C ABI's handle types over the C++ API, shared by c_api.cpp and c_store.cpp.
#pragma once

#include <memory>

#include "gai/gai.h"
#include "gai/gai.hpp"

struct gai_policy {
  std::shared_ptr<const gai::Policy> policy;
};

namespace gai::capi {

// The C options to the C++ ones (NULL: the defaults); a limit of 0 keeps the default.
EvalOptions toEvalOptions(const gai_eval_options* options);
CompileOptions toCompileOptions(const gai_compile_options* options);

}  // namespace gai::capi
