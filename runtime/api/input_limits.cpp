#include "api/input_limits.h"

#include <algorithm>

namespace gai::api {

void applyInputLimits(rt::JsonBinder& binder, const EvalOptions& options) {
  rt::BindLimits limits;
  limits.maxDocumentBytes = static_cast<size_t>(options.maxInputBytes);
  limits.maxDepth = std::max<uint32_t>(options.maxJsonDepth, 1);
  limits.maxStringBytes = static_cast<size_t>(options.maxStringBytes);
  // The binder's element counts are 24-bit (see json_bind.h).
  limits.maxArrayElements = static_cast<size_t>(std::min<uint64_t>(options.maxArrayElements, 16777214));
  limits.strict = options.strictInput;
  const rt::BindLimits& now = binder.limits();
  if (now.maxDocumentBytes == limits.maxDocumentBytes && now.maxDepth == limits.maxDepth &&
      now.maxStringBytes == limits.maxStringBytes && now.maxArrayElements == limits.maxArrayElements &&
      now.strict == limits.strict)
    return;
  binder.setLimits(limits);
}

}  // namespace gai::api
