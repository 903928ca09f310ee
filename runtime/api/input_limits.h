// EvalOptions' input limits onto a session's JSON binder.
#pragma once

#include "core/json_bind.h"
#include "gai/gai.hpp"

namespace gai::api {

// Sets `binder`'s limits and strictness from `options` (nothing to do when unchanged).
void applyInputLimits(rt::JsonBinder& binder, const EvalOptions& options);

}  // namespace gai::api
