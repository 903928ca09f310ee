// Symbol visibility of the gai library: libgai.so is built with hidden visibility and exports
// only what is marked GAI_API (the C++ API in gai.hpp and the C ABI in gai.h).
#pragma once

#if defined(_WIN32)
#define GAI_API
#elif defined(__GNUC__) || defined(__clang__)
#define GAI_API __attribute__((visibility("default")))
#else
#define GAI_API
#endif
