// Shared helpers of the API tests: the shop policy of testdata/eval_basic, compiled once.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gai/gai.hpp"

namespace gai::testing {

inline std::string sourceDir() { return GAI_SOURCE_DIR; }
inline std::string shopDir() { return sourceDir() + "/runtime/api/testdata/eval_basic"; }

inline std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<std::string> readLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The engine these tests run on: $GAI_TEST_ENGINE ("interp" or "jit"; default jit). ctest
// runs the test binaries once per engine (runtime/api/CMakeLists.txt).
inline Engine testEngine() {
  const char* e = std::getenv("GAI_TEST_ENGINE");
  return e && std::string(e) == "interp" ? Engine::Interp : Engine::Jit;
}

inline CompileOptions testOptions() {
  CompileOptions options;
  options.engine = testEngine();
  return options;
}

// `paths` compiled on `engine` (a failure is a test failure; the result is then null).
inline std::shared_ptr<const Policy> compileWith(const std::vector<std::string>& paths, Engine engine) {
  CompileOptions options;
  options.engine = engine;
  CompileResult r = compile(paths, options);
  EXPECT_TRUE(r.ok()) << r.diagnosticsText;
  return r.policy;
}

// The 10-rule bench policy (bench_records.h has the same rules in C++).
inline std::string benchPolicyPath() { return sourceDir() + "/runtime/api/tests/bench_policy.gai"; }

inline std::shared_ptr<const Policy> shopPolicy() {
  static std::shared_ptr<const Policy> policy = [] {
    CompileResult r = compile({shopDir()}, testOptions());
    EXPECT_TRUE(r.ok()) << r.diagnosticsText;
    return r.policy;
  }();
  return policy;
}

inline EvalOptions at(const char* timestamp, Lang lang = Lang::En) {
  EvalOptions options;
  options.nowMicros = *parseTimestamp(timestamp);
  options.lang = lang;
  return options;
}

}  // namespace gai::testing
