// `gaic coverage`: which declared articles the rules cite and which tests exercise those
// rules. Computed from a compiled bundle and the result of running all its tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "testing/runner.h"

namespace gai::testing {

enum class ArticleStatus : uint8_t {
  Uncited,   // no rule or exception cites it
  Untested,  // cited, but no test exercises a citing rule
  Covered,
};
const char* statusName(ArticleStatus status);  // "uncited", "untested", "covered"

struct ArticleCoverage {
  std::string law;                // the law's name as declared
  std::optional<int64_t> article; // none: the law itself (cited without an article)
  std::string heading;
  std::string label;              // "gai_measures art 12", as decisions print citations
  std::vector<uint32_t> rules;    // indexes in Coverage::rules, declaration order
  std::vector<uint32_t> tests;    // indexes in Coverage::tests exercising those rules
  ArticleStatus status = ArticleStatus::Uncited;
};

struct RuleCoverage {
  std::string name;  // qualified
  bool isException = false;
  std::string where;  // file:line:col
  std::vector<std::string> cites;  // every citation as printed (structured and free)
  std::vector<uint32_t> fired;     // tests where it fired (an exception: was in force)
  std::vector<uint32_t> notFired;  // tests deciding its entry type where it did not
  std::vector<uint32_t> exercisedBy;
};

struct Coverage {
  std::vector<std::string> tests;  // test names, declaration order
  std::vector<ArticleCoverage> articles;  // laws and articles in declaration order
  std::vector<RuleCoverage> rules;         // rules and exceptions in declaration order
};

// `run` must hold every test of the bundle (no filter).
Coverage computeCoverage(const interp::Compiled& compiled, const RunResult& run);
std::string coverageText(const Coverage& coverage);
std::string coverageJson(const Coverage& coverage);

}  // namespace gai::testing
