#pragma once

#include <deque>
#include <string>
#include <string_view>

#include "stdlib/std.h"

namespace gai::stdlib::test {

// A tiny arena for the allocator callback.
struct Arena {
  std::deque<std::string> blocks;
  int calls = 0;
  bool fail = false;
  static void* alloc(void* ctx, int64_t size) {
    auto* a = static_cast<Arena*>(ctx);
    ++a->calls;
    if (a->fail) return nullptr;
    a->blocks.emplace_back(size_t(size), '\0');
    return a->blocks.back().data();
  }
};

inline gai_str str(std::string_view s) { return gai_str{s.data(), int64_t(s.size())}; }
inline std::string_view view(gai_str s) { return std::string_view(s.data, size_t(s.len)); }

}  // namespace gai::stdlib::test
