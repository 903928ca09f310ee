// The limit flags shared by gaic commands (docs/reliability.md "Limits"). Included only by
// the cmd_*.cpp files that offer them (it pulls in CLI11).
#pragma once

#include <CLI/CLI.hpp>

#include "gai/gai.hpp"
#include "syntax/parse.h"

namespace gai::driver {

// A limit is a whole number of at least 1.
inline CLI::Validator positiveLimit() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || text.find_first_not_of('0') == std::string::npos)
          return "a limit must be a whole number of at least 1, not '" + text + "'";
        return "";
      },
      "N>=1");
}

// --max-source-bytes, --max-bundle-bytes, --max-nesting, --max-declarations.
inline void addSourceLimitOptions(CLI::App& cmd, syntax::ParseLimits& limits) {
  cmd.add_option("--max-source-bytes", limits.maxSourceBytes, "Largest .gai file (E0902)")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-bundle-bytes", limits.maxBundleBytes, "Largest bundle, all files together (E0904)")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-nesting", limits.maxNesting, "Deepest nesting of brackets and expressions (E0901)")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-declarations", limits.maxDecls, "Most declarations in one file (E0903)")
      ->check(positiveLimit())
      ->capture_default_str();
}

// --max-line-bytes, --max-json-depth, --max-string-bytes, --max-array-elements (gaic eval).
inline void addInputLimitOptions(CLI::App& cmd, EvalOptions& limits) {
  cmd.add_option("--max-line-bytes", limits.maxInputBytes, "Longest input line")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-json-depth", limits.maxJsonDepth, "Deepest nesting of JSON objects and arrays")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-string-bytes", limits.maxStringBytes, "Longest JSON string value")
      ->check(positiveLimit())
      ->capture_default_str();
  cmd.add_option("--max-array-elements", limits.maxArrayElements, "Longest JSON array")
      ->check(positiveLimit())
      ->capture_default_str();
}

// Copies the input limits set by addInputLimitOptions.
inline void copyInputLimits(const EvalOptions& from, EvalOptions& to) {
  to.maxInputBytes = from.maxInputBytes;
  to.maxJsonDepth = from.maxJsonDepth;
  to.maxStringBytes = from.maxStringBytes;
  to.maxArrayElements = from.maxArrayElements;
}

}  // namespace gai::driver
