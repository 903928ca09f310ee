// Text and JSON renderings of a Coverage: what is missing first, then every article and rule.
#include "core/json_write.h"
#include "testing/coverage.h"

namespace gai::testing {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

void appendItems(std::string& out, const std::string& label, const std::vector<std::string>& items) {
  out += label;
  if (items.empty()) {
    out += "(none)\n";
    return;
  }
  std::string pad(label.size(), ' ');
  for (size_t i = 0; i < items.size(); ++i) out += (i ? pad : std::string()) + items[i] + "\n";
}

std::vector<std::string> testNames(const Coverage& c, const std::vector<uint32_t>& tests) {
  std::vector<std::string> out;
  for (uint32_t t : tests) out.push_back(quoted(c.tests[t]));
  return out;
}

std::vector<std::string> ruleNames(const Coverage& c, const std::vector<uint32_t>& rules) {
  std::vector<std::string> out;
  for (uint32_t r : rules) out.push_back(c.rules[r].name);
  return out;
}

std::string articleLine(const ArticleCoverage& a) {
  return a.label + (a.heading.empty() ? "" : "  " + a.heading);
}

size_t countStatus(const Coverage& c, ArticleStatus s) {
  size_t n = 0;
  for (const ArticleCoverage& a : c.articles) n += a.status == s ? 1 : 0;
  return n;
}

size_t untestedRules(const Coverage& c) {
  size_t n = 0;
  for (const RuleCoverage& r : c.rules) n += r.exercisedBy.empty() ? 1 : 0;
  return n;
}

void textMissing(const Coverage& c, std::string& out) {
  out += "uncited articles (no rule cites them):\n";
  for (const ArticleCoverage& a : c.articles)
    if (a.status == ArticleStatus::Uncited) out += "  " + articleLine(a) + "\n";
  if (!countStatus(c, ArticleStatus::Uncited)) out += "  (none)\n";
  out += "untested articles (cited, but no test exercises a citing rule):\n";
  if (!countStatus(c, ArticleStatus::Untested)) out += "  (none)\n";
  for (const ArticleCoverage& a : c.articles) {
    if (a.status != ArticleStatus::Untested) continue;
    out += "  " + articleLine(a) + "\n";
    appendItems(out, "    rules: ", ruleNames(c, a.rules));
  }
  out += "untested rules (no test exercises them):\n";
  if (!untestedRules(c)) out += "  (none)\n";
  for (const RuleCoverage& r : c.rules)
    if (r.exercisedBy.empty()) out += "  " + r.name + "  " + r.where + "\n";
}

}  // namespace

std::string coverageText(const Coverage& c) {
  std::string out = "coverage: " + std::to_string(c.articles.size()) + " articles: " +
                    std::to_string(countStatus(c, ArticleStatus::Covered)) + " covered, " +
                    std::to_string(countStatus(c, ArticleStatus::Untested)) + " untested, " +
                    std::to_string(countStatus(c, ArticleStatus::Uncited)) + " uncited; " +
                    std::to_string(c.rules.size()) + " rules and exceptions, " + std::to_string(untestedRules(c)) +
                    " untested; " + std::to_string(c.tests.size()) + " tests\n\n";
  textMissing(c, out);
  out += "\narticles:\n";
  for (const ArticleCoverage& a : c.articles) {
    out += "  " + articleLine(a) + "  [" + statusName(a.status) + "]\n";
    if (a.status == ArticleStatus::Uncited) continue;
    appendItems(out, "    rules: ", ruleNames(c, a.rules));
    appendItems(out, "    tests: ", testNames(c, a.tests));
  }
  out += "\nrules:\n";
  for (const RuleCoverage& r : c.rules) {
    out += "  " + r.name + (r.isException ? " (exception)" : "") + "  " + r.where + "\n";
    appendItems(out, "    cites:     ", r.cites);
    appendItems(out, "    fired:     ", testNames(c, r.fired));
    appendItems(out, "    not fired: ", testNames(c, r.notFired));
  }
  return out;
}

namespace {

void jsonStrings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    rt::appendJsonString(out, items[i]);
  }
  out += ']';
}

void jsonTests(std::string& out, const Coverage& c, const std::vector<uint32_t>& tests) {
  std::vector<std::string> names;
  for (uint32_t t : tests) names.push_back(c.tests[t]);
  jsonStrings(out, names);
}

void jsonKey(std::string& out, const char* key) {
  rt::appendJsonString(out, key);
  out += ':';
}

void jsonArticle(std::string& out, const Coverage& c, const ArticleCoverage& a) {
  out += "{\"law\":";
  rt::appendJsonString(out, a.law);
  out += ",\"article\":" + (a.article ? std::to_string(*a.article) : std::string("null"));
  out += ",\"label\":";
  rt::appendJsonString(out, a.label);
  out += ",\"heading\":";
  rt::appendJsonString(out, a.heading);
  out += ",\"status\":";
  rt::appendJsonString(out, statusName(a.status));
  out += ",\"rules\":";
  jsonStrings(out, ruleNames(c, a.rules));
  out += ",\"tests\":";
  jsonTests(out, c, a.tests);
  out += '}';
}

void jsonRule(std::string& out, const Coverage& c, const RuleCoverage& r) {
  out += "{\"rule\":";
  rt::appendJsonString(out, r.name);
  out += ",\"kind\":";
  out += r.isException ? "\"exception\"" : "\"rule\"";
  out += ",\"location\":";
  rt::appendJsonString(out, r.where);
  out += ",\"cites\":";
  jsonStrings(out, r.cites);
  out += ",\"fired\":";
  jsonTests(out, c, r.fired);
  out += ",\"not_fired\":";
  jsonTests(out, c, r.notFired);
  out += ",\"exercised_by\":";
  jsonTests(out, c, r.exercisedBy);
  out += '}';
}

}  // namespace

std::string coverageJson(const Coverage& c) {
  std::vector<std::string> uncited, untested, untestedRuleNames;
  for (const ArticleCoverage& a : c.articles) {
    if (a.status == ArticleStatus::Uncited) uncited.push_back(a.label);
    if (a.status == ArticleStatus::Untested) untested.push_back(a.label);
  }
  for (const RuleCoverage& r : c.rules)
    if (r.exercisedBy.empty()) untestedRuleNames.push_back(r.name);
  std::string out = "{";
  jsonKey(out, "uncited_articles");
  jsonStrings(out, uncited);
  out += ',';
  jsonKey(out, "untested_articles");
  jsonStrings(out, untested);
  out += ',';
  jsonKey(out, "untested_rules");
  jsonStrings(out, untestedRuleNames);
  out += ",\"summary\":{\"articles\":" + std::to_string(c.articles.size()) +
         ",\"covered\":" + std::to_string(countStatus(c, ArticleStatus::Covered)) +
         ",\"untested\":" + std::to_string(countStatus(c, ArticleStatus::Untested)) +
         ",\"uncited\":" + std::to_string(countStatus(c, ArticleStatus::Uncited)) +
         ",\"rules\":" + std::to_string(c.rules.size()) + ",\"untested_rules\":" + std::to_string(untestedRules(c)) +
         ",\"tests\":" + std::to_string(c.tests.size()) + "},\"articles\":[";
  for (size_t i = 0; i < c.articles.size(); ++i) {
    if (i) out += ',';
    jsonArticle(out, c, c.articles[i]);
  }
  out += "],\"rules\":[";
  for (size_t i = 0; i < c.rules.size(); ++i) {
    if (i) out += ',';
    jsonRule(out, c, c.rules[i]);
  }
  out += "]}\n";
  return out;
}

}  // namespace gai::testing
