// Deliberately ugly but valid sources: every construct of LANGUAGE.md, odd spacing,
// comments everywhere, deep nesting, long expressions, Chinese text.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace gai::format::testing {

struct UglyInput {
  const char* name;
  std::string text;
};

const std::vector<UglyInput>& uglyInputs();

inline void PrintTo(const UglyInput& input, std::ostream* os) { *os << input.name; }

}  // namespace gai::format::testing
