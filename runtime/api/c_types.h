// The C ABI's handle types over the C++ API, shared by c_api.cpp and c_store.cpp.
#pragma once

#include <memory>

#include "gai/gai.h"
#include "gai/gai.hpp"

struct gai_policy {
  std::shared_ptr<const gai::Policy> policy;
};
