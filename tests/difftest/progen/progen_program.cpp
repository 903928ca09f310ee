// Whole programs: header, law, types, actions, fns, rules and exceptions.
#include <algorithm>
#include <cctype>
#include <set>

#include "progen_impl.h"

namespace gai::progen {

const char* constructName(Construct c) {
  static const char* names[] = {
#define GAI_PROGEN_NAME(N) #N,
      GAI_PROGEN_CONSTRUCTS(GAI_PROGEN_NAME)
#undef GAI_PROGEN_NAME
  };
  return c < Construct::Count_ ? names[static_cast<size_t>(c)] : "?";
}

std::string Program::source() const {
  std::string out;
  for (const Decl& d : decls) out += d.text + "\n\n";
  return out;
}

namespace {

const std::vector<std::string> kTexts = {"Rule text", "规则", "überprüfen", "a {{literal}} brace", "", "x\"q\"",
                                         "生成式人工智能", "emoji 😀 here"};

struct ProgramGen {
  Rand& r;
  const Options& o;
  Program& p;
  Schema& s;
  ExprGen g;
  std::vector<std::pair<std::string, std::string>> actions;  // name, params text
  std::vector<std::vector<Type>> actionParams;
  std::vector<int> entryOfExc;
  std::vector<int> levelOfExc;
  std::set<std::string> pivots;

  ProgramGen(Rand& rr, const Options& oo, Program& pp, Schema& ss)
      : r(rr), o(oo), p(pp), s(ss), g(rr, ss, pp.counts, oo) {}

  void add(const char* kind, const std::string& name, const std::string& text) { p.decls.push_back({kind, name, text}); }
  void flushConsts() {
    for (std::string& c : g.extraDecls) add("const", c.substr(6, c.find(':') - 6), c);
    g.extraDecls.clear();
  }

  void header();
  void types();
  void declareActions();
  void declareFns();
  std::string effective();
  std::string readingWhen(int depth);
  std::string text(const char* clause);
  std::string message();
  std::string thenClause();
  std::string cites();
  void rule(int index, int entry);
  void exception(int index, const std::vector<int>& ruleEntries);
};

void ProgramGen::header() {
  add("header", "", "package difftest\n\nimport std.text\nimport std.time\nimport std.math");
  add("law", "lw",
      "law lw {\n  title en \"Test law\" zh \"测试法\"\n  effective 2023-08-15\n  article 1 \"One\" { paras 2 items 3 }\n"
      "  article 2 \"Two\"\n}");
}

void ProgramGen::types() {
  for (const EnumDecl& e : s.enums) {
    std::string t = "enum " + e.name + " {";
    for (size_t i = 0; i < e.members.size(); ++i) t += (i ? ", " : " ") + e.members[i];
    add("type", e.name, t + " }");
  }
  for (const RecordDecl& rec : s.records) {
    std::string t = "record " + rec.name + " {\n";
    for (const Field& f : rec.fields) {
      t += "  " + f.name + ": " + typeName(s, f.type);
      if (!f.defaultExpr.empty()) t += " = " + f.defaultExpr;
      t += "\n";
    }
    add("type", rec.name, t + "}");
  }
}

void ProgramGen::declareActions() {
  add("action", "act0", "action act0");
  int n = 1 + static_cast<int>(r.below(3));
  for (int i = 1; i <= n; ++i) {
    std::vector<Type> params;
    std::string text = "action act" + std::to_string(i) + "(";
    int np = 1 + static_cast<int>(r.below(2));
    for (int k = 0; k < np; ++k) {
      params.push_back(g.randomType(1));
      text += (k ? ", p" : "p") + std::to_string(k) + ": " + typeName(s, params.back());
    }
    actionParams.push_back(params);
    add("action", "act" + std::to_string(i), text + ")");
  }
}

void ProgramGen::declareFns() {
  int n = static_cast<int>(r.below(o.maxFns + 1));
  for (int i = 0; i < n; ++i) {
    FnSig f{"fn" + std::to_string(i), {}, g.randomType(0)};
    if (r.chance(20)) f.result = Type::wrap(Kind::Opt, Type::of(static_cast<Kind>(r.below(7))));
    int np = 1 + static_cast<int>(r.below(3));
    for (int k = 0; k < np; ++k) f.params.push_back({"q" + std::to_string(k), g.randomType(1)});
    g.scope = f.params;
    std::string body = g.genFlow(f.result, o.maxDepth - 1);
    g.scope.clear();
    std::string text = "fn " + f.name + "(";
    for (size_t k = 0; k < f.params.size(); ++k)
      text += (k ? ", " : "") + f.params[k].name + ": " + typeName(s, f.params[k].type);
    flushConsts();
    add("fn", f.name, text + "): " + typeName(s, f.result) + " = " + body);
    g.fns.push_back(f);
  }
}

std::string ProgramGen::effective() {
  if (!r.chance(45)) return "";
  size_t a = 1 + 3 * r.below(3), b = 1 + 3 * r.below(3);
  if (a > b) std::swap(a, b);
  pivots.insert(kPivotDates[a]);
  g.note(Construct::EffectiveFrom);
  std::string out = "  effective " + kPivotDates[a];
  if (r.chance(50)) {
    pivots.insert(kPivotDates[b]);
    g.note(Construct::EffectiveUntil);
    out += " until " + kPivotDates[b];
  }
  return out + "\n";
}

std::string ProgramGen::text(const char* clause) {
  auto lit = [&] { return quoteGai(r.pick(kTexts), r.chance(20)); };
  if (r.chance(50)) return std::string("  ") + clause + " " + lit() + "\n";
  if (r.chance(20)) return std::string("  ") + clause + " zh " + lit() + "\n";
  return std::string("  ") + clause + " en " + lit() + " zh " + lit() + "\n";
}

std::string ProgramGen::message() {
  auto one = [&] {
    std::string body;
    int parts = 1 + static_cast<int>(r.below(3));
    for (int i = 0; i < parts; ++i) {
      std::string t = r.pick(kTexts);
      if (t.find('{') == std::string::npos && r.chance(10)) t += "}}";
      body += quoteGai(t, false).substr(1, quoteGai(t, false).size() - 2);
      if (r.chance(70)) {
        g.note(Construct::MessageInterp);
        g.interp = true;
        body += "{" + g.gen(g.randomType(1), 2) + "}";
        g.interp = false;
      }
    }
    return "\"" + body + "\"";
  };
  switch (r.below(3)) {
    case 0: return "  message " + one() + "\n";
    case 1: return "  message zh " + one() + " en " + one() + "\n";
    default: return "  message en " + one() + " zh " + one() + "\n";
  }
}

std::string ProgramGen::thenClause() {
  std::vector<std::string> effects;
  if (r.chance(50)) effects.push_back("deny");
  if (r.chance(35)) effects.push_back("flag");
  if (r.chance(30)) effects.push_back("require act0");
  for (size_t i = 0; i < actionParams.size(); ++i) {
    if (!r.chance(30)) continue;
    g.note(Construct::RequireArgs);
    std::string e = "require act" + std::to_string(i + 1) + "(";
    for (size_t k = 0; k < actionParams[i].size(); ++k) e += (k ? ", " : "") + g.genFlow(actionParams[i][k], 2);
    effects.push_back(e + ")");
  }
  if (effects.empty()) effects.push_back(r.chance(50) ? "deny" : "flag");
  std::string out = "  then ";
  for (size_t i = 0; i < effects.size(); ++i) out += (i ? ", " : "") + effects[i];
  return out + "\n";
}

std::string ProgramGen::cites() {
  switch (r.below(4)) {
    case 0: return "";
    case 1: return "  cites \"free text\"\n";
    case 2: g.note(Construct::LawCite); return "  cites lw art 1 para 2, lw art 2\n";
    default: g.note(Construct::LawCite); return "  cites lw art 1 para 1 item 3\n";
  }
}

// A `when` that reads the entry or `now` (a few tries): constant conditions test little.
std::string ProgramGen::readingWhen(int depth) {
  std::string w;
  for (int i = 0; i < 6; ++i) {
    w = g.gen(Type::of(Kind::Bool), depth);
    for (size_t k = w.find('e'); k != std::string::npos; k = w.find('e', k + 1)) {
      bool start = k == 0 || !(std::isalnum(static_cast<unsigned char>(w[k - 1])) || w[k - 1] == '_' || w[k - 1] == '"');
      char next = k + 1 < w.size() ? w[k + 1] : ' ';
      if (start && (next == '.' || next == '?' || next == ')' || next == ',' || next == ' ')) return w;
    }
    if (w.find("now") != std::string::npos) return w;
  }
  return w;
}

void ProgramGen::rule(int index, int entry) {
  static const char* sev[] = {"info", "low", "medium", "high", "critical"};
  g.scope = {{"e", Type::of(Kind::Record, entry)}};
  g.maxRuleRef = index;
  std::vector<std::string> clauses;
  clauses.push_back("  when " + readingWhen(o.maxDepth) + "\n");
  clauses.push_back(thenClause());
  if (r.chance(60)) clauses.push_back(text("title"));
  clauses.push_back(cites());
  if (r.chance(50)) {
    g.note(Construct::Severity);
    clauses.push_back(std::string("  severity ") + sev[r.below(5)] + "\n");
  }
  clauses.push_back(effective());
  if (r.chance(60)) clauses.push_back(message());
  for (size_t i = clauses.size() - 1; i > 0 && r.chance(30); --i) std::swap(clauses[i], clauses[r.below(i + 1)]);
  std::string name = "r" + std::to_string(index);
  std::string t = "rule " + name + "(e: " + s.records[entry].name + ") {\n";
  for (const std::string& c : clauses) t += c;
  flushConsts();
  add("rule", name, t + "}");
  g.rules.push_back({name, entry});
}

void ProgramGen::exception(int index, const std::vector<int>& ruleEntries) {
  int entry = ruleEntries[r.below(ruleEntries.size())];
  std::vector<std::string> targets;
  int level = static_cast<int>(ruleEntries.size());
  size_t start = r.below(ruleEntries.size());
  for (size_t k = 0; k < ruleEntries.size(); ++k) {
    size_t i = (start + k) % ruleEntries.size();
    if (ruleEntries[i] == entry && (targets.empty() || r.chance(25))) {
      targets.push_back("r" + std::to_string(i));
      level = std::min(level, static_cast<int>(i));
    }
  }
  for (size_t i = 0; i < entryOfExc.size(); ++i)
    if (entryOfExc[i] == entry && r.chance(35)) {
      g.note(Construct::ExceptionOfException);
      targets.push_back("x" + std::to_string(i));
      level = std::min(level, levelOfExc[i]);
    }
  g.note(Construct::Exception);
  g.scope = {{"e", Type::of(Kind::Record, entry)}};
  g.maxRuleRef = level;
  std::string name = "x" + std::to_string(index);
  std::string t = "exception " + name + "(e: " + s.records[entry].name + ") for ";
  for (size_t i = 0; i < targets.size(); ++i) t += (i ? ", " : "") + targets[i];
  t += " {\n  when " + readingWhen(o.maxDepth - 1) + "\n";
  if (r.chance(30)) t += text("title");
  if (r.chance(30)) t += "  cites lw art 2\n";
  t += effective();
  flushConsts();
  add("exception", name, t + "}");
  entryOfExc.push_back(entry);
  levelOfExc.push_back(level);
}

}  // namespace

Program generateProgram(RandomSource& source, const Options& o) {
  Rand r(source);
  Program p;
  auto schema = std::make_shared<Schema>();
  generateSchema(r, *schema, o, p.counts);
  ProgramGen pg(r, o, p, *schema);
  pg.header();
  pg.types();
  pg.declareActions();
  pg.declareFns();
  // Entry types: the last records (the most nested), sometimes one inside another.
  int nRec = static_cast<int>(schema->records.size());
  std::vector<int> entries = {nRec - 1};
  if (nRec > 2 && r.chance(60)) entries.push_back(nRec - 2);
  int nRules = o.minRules + static_cast<int>(r.below(o.maxRules - o.minRules + 1));
  std::vector<int> ruleEntries;
  for (int i = 0; i < nRules; ++i) {
    ruleEntries.push_back(entries[r.below(entries.size())]);
    pg.rule(i, ruleEntries.back());
  }
  int nExc = static_cast<int>(r.below(o.maxExceptions + 1));
  for (int i = 0; i < nExc; ++i) pg.exception(i, ruleEntries);
  std::set<int> used(ruleEntries.begin(), ruleEntries.end());
  for (int e : used) p.entries.push_back(schema->records[e].name);
  for (int a : used)
    for (const Field& f : schema->records[a].fields)
      if (f.type.kind == Kind::Record && used.count(f.type.id)) pg.g.note(Construct::NestedRecordEntry);
  // Instants around each effective date (UTC+8 day boundaries), and one far away.
  for (size_t i = 1; i < kPivotDates.size(); i += 3) {
    if (!pg.pivots.count(kPivotDates[i])) continue;
    p.nows.push_back(kPivotDates[i - 1] + "T23:59:59+08:00");
    p.nows.push_back(kPivotDates[i] + "T00:00:00+08:00");
    p.nows.push_back(kPivotDates[i] + "T23:59:59+08:00");
    p.nows.push_back(kPivotDates[i + 1] + "T00:00:00+08:00");
  }
  p.nows.push_back("2030-06-01T12:00:00Z");
  p.schema = schema;
  return p;
}

std::vector<Input> generateInputs(RandomSource& source, Program& p, int count, const Options& o) {
  Rand r(source);
  std::vector<Input> out;
  if (p.entries.empty()) return out;
  for (int i = 0; i < count; ++i) {
    const std::string& entry = p.entries[r.below(p.entries.size())];
    int rec = 0;
    while (p.schema->records[rec].name != entry) ++rec;
    out.push_back({entry, inputJson(r, *p.schema, rec, o.violationPct, p.counts)});
  }
  return out;
}

}  // namespace gai::progen
