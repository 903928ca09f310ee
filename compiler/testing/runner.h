// `gaic test`: runs the `test` blocks of a compiled bundle (LANGUAGE.md §6) on the reference
// interpreter and checks their expectations; failures are described as expected vs actual.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/decision.h"
#include "diagnostics/source.h"

namespace gai::interp {
struct Compiled;
struct EvalOptions;
}
namespace gai::rt {
class Arena;
}
namespace gai::ast {
struct TestDecl;
}
namespace gai::ir {
struct Node;
}

namespace gai::testing {

// Evaluates one given like interp::evaluate: (entry, bound given, now, options, scratch).
using Evaluator = std::function<rt::Outcome(uint32_t, const void*, int64_t, const interp::EvalOptions&, rt::Arena&)>;

// Evaluates one `assert` or `require` argument like interp::evaluateExpr: (node, frame
// size, given slot, given, now, options, scratch, out) -> null or the runtime error text.
using ExprEvaluator = std::function<const char*(const ir::Node&, uint32_t, uint32_t, const void*, int64_t,
                                                const interp::EvalOptions&, rt::Arena&, void*)>;

struct RunOptions {
  std::string filter;  // run only tests whose name contains this (empty: all)
  Evaluator evaluate;  // the engine deciding each given; empty: the interpreter
  ExprEvaluator evaluateExpr;  // the engine of asserts and require arguments; empty: the interpreter
};

// One failed expectation (or an unexpected runtime error, with `where` empty).
struct Failure {
  std::string where;     // `file:line:col` of the expectation
  std::string what;      // the expectation as written, or "runtime error"
  std::string expected;
  std::string actual;
};

struct TestResult {
  const ast::TestDecl* decl = nullptr;
  uint32_t index = 0;  // in Module::tests (and Program::tests)
  std::string name;
  std::string package;
  std::string file;
  LineCol pos;
  double seconds = 0;
  std::vector<Failure> failures;
  bool passed() const { return failures.empty(); }

  // The decision, for the failure report: qualified rule names.
  bool hasGiven = false;
  bool evaluated = false;  // false without a given or when its type is the entry of no rule
  bool deny = false;
  std::vector<std::string> findings;
  std::vector<std::string> excepted;  // "rule (by exception)"
  std::vector<std::string> errors;    // "rule: message"
  // Per rule and exception of the module (indexed like Module::rules / ::exceptions):
  // what happened; all NotEffective / NotInForce when not evaluated.
  std::vector<rt::RuleState> rules;
  std::vector<rt::ExceptionState> exceptions;
};

struct RunResult {
  std::vector<TestResult> tests;  // in declaration order (filtered)
  size_t passed = 0, failed = 0;
};

// Runs the tests of `compiled` in declaration order. Never throws.
RunResult runTests(const interp::Compiled& compiled, const RunOptions& options = {});

// The report of a failed test: a `FAIL` line, one block per failure, the decision.
std::string formatFailure(const TestResult& test);
// Exactly "N passed, M failed\n".
std::string formatSummary(const RunResult& result);
// JUnit XML: one <testsuite> per package (in order of first test), one <testcase> per test.
std::string junitXml(const RunResult& result);

}  // namespace gai::testing
