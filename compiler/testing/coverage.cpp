#include "testing/coverage.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "check/program.h"
#include "interp/engine.h"
#include "ir/ir.h"
#include "syntax/ast.h"

namespace gai::testing {

const char* statusName(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::Uncited: return "uncited";
    case ArticleStatus::Untested: return "untested";
    case ArticleStatus::Covered: return "covered";
  }
  return "";
}

namespace {

std::string citationLabel(const ast::Citation& c) {
  if (c.kind == ast::Citation::Kind::Free) return c.text;
  std::string out = c.lawDecl ? c.lawDecl->name.name : c.law.str();
  if (c.article) out += " art " + std::to_string(*c.article);
  if (c.para) out += " para " + std::to_string(*c.para);
  if (c.item) out += " item " + std::to_string(*c.item);
  return out;
}

void addUnique(std::vector<uint32_t>& v, uint32_t x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

class Builder {
 public:
  Builder(const interp::Compiled& c, const RunResult& run) : c_(c), run_(run) {}
  Coverage build();

 private:
  void addLaws();
  void addRule(const check::RuleInfo& info);
  void observe(RuleCoverage& rc, const ast::Decl* decl, int moduleIndex, uint32_t entry);
  int moduleIndex(const std::string& name, bool isException) const;

  const interp::Compiled& c_;
  const RunResult& run_;
  Coverage out_;
  std::map<std::pair<const ast::Decl*, int64_t>, uint32_t> articleIndex_;  // (law, article or -1)
};

void Builder::addLaws() {
  for (const ast::Decl* d : c_.program->decls()) {
    const ast::LawDecl* law = d->as<ast::LawDecl>();
    if (!law) continue;
    ArticleCoverage self;
    self.law = law->name.name;
    self.label = law->name.name;
    if (law->title) {
      const ast::LocalizedText& t = *law->title;
      self.heading = t.plain ? t.plain->value : t.en ? t.en->value : t.zh ? t.zh->value : "";
    }
    articleIndex_[{law, -1}] = static_cast<uint32_t>(out_.articles.size());
    out_.articles.push_back(self);
    for (const ast::Article& a : law->articles) {
      ArticleCoverage ac;
      ac.law = law->name.name;
      ac.article = a.number;
      ac.heading = a.heading;
      ac.label = ac.law + " art " + std::to_string(a.number);
      articleIndex_[{law, a.number}] = static_cast<uint32_t>(out_.articles.size());
      out_.articles.push_back(std::move(ac));
    }
  }
}

int Builder::moduleIndex(const std::string& name, bool isException) const {
  const auto& list = isException ? c_.module->exceptions : c_.module->rules;
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].name == name) return static_cast<int>(i);
  return -1;
}

bool names(const ast::TestDecl* test, const ast::Decl* decl) {
  for (const ast::Expectation& x : test->expectations)
    if (x.targetDecl == decl || x.byDecl == decl) return true;
  return false;
}

void Builder::observe(RuleCoverage& rc, const ast::Decl* decl, int index, uint32_t entry) {
  for (const TestResult& t : run_.tests) {
    const ir::TestCode& code = c_.module->tests[t.index];
    bool fired = false;
    if (index >= 0 && t.evaluated && code.entry == static_cast<int32_t>(entry)) {
      fired = rc.isException ? t.exceptions[index] == rt::ExceptionState::InForce
                             : t.rules[index] == rt::RuleState::Fired;
      (fired ? rc.fired : rc.notFired).push_back(t.index);
    }
    if (fired || names(t.decl, decl)) rc.exercisedBy.push_back(t.index);
  }
}

void Builder::addRule(const check::RuleInfo& info) {
  const ast::RuleLike* decl = info.decl;
  RuleCoverage rc;
  rc.name = c_.program->qualifiedName(decl);
  rc.isException = info.isException;
  const SourceManager& sm = c_.bundle->sources;
  if (decl->loc.valid()) {
    LineCol lc = sm.lineCol(decl->loc);
    rc.where = sm.file(decl->loc.file).path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  int index = moduleIndex(rc.name, rc.isException);
  uint32_t entry = 0;
  if (index >= 0) entry = (rc.isException ? c_.module->exceptions : c_.module->rules)[index].entry;
  observe(rc, decl, index, entry);
  uint32_t self = static_cast<uint32_t>(out_.rules.size());
  for (const ast::Citation& c : decl->cites) {
    rc.cites.push_back(citationLabel(c));
    if (c.kind != ast::Citation::Kind::Structured || !c.lawDecl) continue;
    auto it = articleIndex_.find({c.lawDecl, c.article.value_or(-1)});
    if (it == articleIndex_.end()) continue;
    ArticleCoverage& ac = out_.articles[it->second];
    addUnique(ac.rules, self);
    for (uint32_t t : rc.exercisedBy) addUnique(ac.tests, t);
  }
  out_.rules.push_back(std::move(rc));
}

Coverage Builder::build() {
  for (const ir::TestCode& t : c_.module->tests) out_.tests.push_back(t.name);
  addLaws();
  for (const check::RuleInfo& info : c_.program->rules()) addRule(info);
  // A law entry stays only when something cites the law itself or it has no articles.
  std::vector<ArticleCoverage> kept;
  for (size_t i = 0; i < out_.articles.size(); ++i) {
    ArticleCoverage& a = out_.articles[i];
    bool lawOnly = !a.article && (i + 1 == out_.articles.size() || !out_.articles[i + 1].article);
    if (!a.article && a.rules.empty() && !lawOnly) continue;
    std::sort(a.tests.begin(), a.tests.end());
    a.status = a.rules.empty() ? ArticleStatus::Uncited
               : a.tests.empty() ? ArticleStatus::Untested : ArticleStatus::Covered;
    kept.push_back(std::move(a));
  }
  out_.articles = std::move(kept);
  return std::move(out_);
}

}  // namespace

Coverage computeCoverage(const interp::Compiled& compiled, const RunResult& run) {
  return Builder(compiled, run).build();
}

}  // namespace gai::testing
