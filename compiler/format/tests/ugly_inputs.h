// Deliberately ugly but valid sources: every construct of LANGUAGE.md, odd spacing,
// comments everywhere, deep nesting, long expressions, Chinese text.
#pragma once

#include <string>
#include <vector>

namespace gai::format::testing {

struct UglyInput {
  const char* name;
  std::string text;
};

const std::vector<UglyInput>& uglyInputs();

}  // namespace gai::format::testing
