// Rules, exceptions, laws and tests: bodies of clauses, one per line, in source order.
#include <algorithm>

#include "format/format.h"
#include "format/formatter.h"

namespace gai::format {

using namespace ast;

static Line partLine(std::string text, Loc loc) { return Line{0, std::move(text), loc.offset, loc.end(), -1}; }

// The keyword, then the items on one line joined by `separator`; when that is too long,
// one item per line (ended by `lineEnd` but for the last), continuation lines starting at
// the clause column.
Lines Formatter::clauseItems(const std::string& keyword, const std::vector<Line>& items, int indent, uint32_t from,
                             const char* separator, const char* lineEnd) const {
  std::string prefix = padKeyword(keyword);
  std::string joined;
  uint32_t to = from;
  for (const Line& item : items) {
    joined += (joined.empty() ? "" : separator) + item.text;
    to = std::max(to, item.to);
  }
  if (indent + width(prefix) + width(joined) <= kMaxWidth || items.size() < 2) {
    return {Line{indent, prefix + joined, from, to, -1}};
  }
  Lines out;
  for (size_t i = 0; i < items.size(); ++i) {
    Line line = items[i];
    if (i + 1 < items.size()) line.text += lineEnd;
    line.col = indent + kClauseColumn;
    if (i == 0) {
      line.col = indent;
      line.text = prefix + line.text;
      line.from = from;
    }
    out.push_back(std::move(line));
  }
  return out;
}

// `cites a, b`: one citation or effect per line when too long.
Lines Formatter::listClause(const std::string& keyword, const std::vector<Line>& items, int indent,
                            uint32_t from) const {
  return clauseItems(keyword, items, indent, from, ", ", ",");
}

// `title en "..." zh "..."`: on one line when it fits, else one language per line.
Lines Formatter::textClause(const std::string& keyword, std::vector<Line> parts, int indent, uint32_t from) const {
  return clauseItems(keyword, parts, indent, from, " ", "");
}

Lines Formatter::titleLines(const LocalizedText& title, int indent, uint32_t from) const {
  std::vector<Line> parts;
  if (title.plain) parts.push_back(partLine(quoteString(title.plain->value), title.plain->loc));
  if (title.en) parts.push_back(partLine("en " + quoteString(title.en->value), title.en->loc));
  if (title.zh) parts.push_back(partLine("zh " + quoteString(title.zh->value), title.zh->loc));
  return textClause("title", std::move(parts), indent, from);
}

static std::string templateText(const Template& t) {
  if (!t.source.empty() && t.source.front() == '"') return t.source;
  return "\"" + t.source + "\"";
}

Lines Formatter::messageLines(const Message& message, int indent, uint32_t from) const {
  std::vector<Line> parts;
  if (message.plain) parts.push_back(partLine(templateText(*message.plain), message.plain->loc));
  std::vector<Line> langs;
  if (message.en) langs.push_back(partLine("en " + templateText(*message.en), message.en->loc));
  if (message.zh) langs.push_back(partLine("zh " + templateText(*message.zh), message.zh->loc));
  if (!message.enFirst) std::reverse(langs.begin(), langs.end());
  parts.insert(parts.end(), langs.begin(), langs.end());
  return textClause("message", std::move(parts), indent, from);
}

static std::string citationText(const Citation& c) {
  if (c.kind == Citation::Kind::Free) return quoteString(c.text);
  std::string out = c.law.str() + " art " + std::to_string(c.article.value_or(0));
  if (c.para) out += " para " + std::to_string(*c.para);
  if (c.item) out += " item " + std::to_string(*c.item);
  return out;
}

static std::string effectiveText(const Effective& e) {
  std::string out = e.fromText;
  if (e.untilDays || !e.untilText.empty()) out += " until " + e.untilText;
  return out;
}

void Formatter::ruleLike(const RuleLike& d) {
  std::string head = (d.kind == DeclKind::Rule ? "rule " : "exception ") + d.name.name + "(" +
                     d.param.binder.name.name + ": " + (d.param.type ? typeText(*d.param.type) : "") + ")";
  uint32_t headEnd = d.param.type ? d.param.type->loc.end() : d.name.loc.end();
  if (const auto* e = d.as<ExceptionDecl>()) {
    std::string targets;
    for (const QualName& t : e->targets) {
      targets += (targets.empty() ? "" : ", ") + t.str();
      headEnd = std::max(headEnd, t.loc.end());
    }
    head += " for " + targets;
  }
  if (d.clauses.empty() && emptyBody(d, headEnd)) {
    writer_.emit(Line{0, head + " {}", d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  writer_.emit(Line{0, head + " {", d.loc.offset, headEnd, -1}, true);
  std::vector<bool> done(8, false);
  for (const ClauseLoc& c : d.clauses) {
    auto k = static_cast<size_t>(c.kind);
    if (k < done.size() && done[k]) continue;
    if (k < done.size()) done[k] = true;
    clause(d, c);
  }
  close(d);
}

void Formatter::clause(const RuleLike& d, const ClauseLoc& c) {
  const auto* rule = d.as<RuleDecl>();
  uint32_t from = c.loc.offset, to = c.loc.end();
  Lines lines;
  switch (c.kind) {
    case ClauseKind::Title:
      if (d.title) lines = titleLines(*d.title, kIndent, from);
      break;
    case ClauseKind::Cites: {
      std::vector<Line> items;
      for (const Citation& cite : d.cites) items.push_back(partLine(citationText(cite), cite.loc));
      lines = listClause("cites", items, kIndent, from);
      break;
    }
    case ClauseKind::Severity:
      if (rule && rule->severity) lines = {Line{kIndent, padKeyword("severity") + spelling(*rule->severity), from, to, -1}};
      break;
    case ClauseKind::Effective:
      if (d.effective) lines = {Line{kIndent, padKeyword("effective") + effectiveText(*d.effective), from, to, -1}};
      break;
    case ClauseKind::When:
      if (d.when) lines = exprLine(padKeyword("when"), *d.when, kIndent, from, true);
      break;
    case ClauseKind::Then: {
      if (!rule) break;
      std::vector<Line> items;
      for (const Effect& e : rule->effects) {
        std::string text = e.kind == EffectKind::Deny ? "deny" : e.kind == EffectKind::Flag ? "flag" : "require ";
        if (e.kind == EffectKind::Require) {
          text += e.action.str();
          if (e.hasArgs || !e.args.empty()) text += "(" + argsText(e.args) + ")";
        }
        items.push_back(partLine(text, e.loc));
      }
      lines = listClause("then", items, kIndent, from);
      break;
    }
    case ClauseKind::Message:
      if (rule && rule->message) lines = messageLines(*rule->message, kIndent, from);
      break;
  }
  if (!lines.empty()) writer_.emitAll(lines, true);
}

void Formatter::lawDecl(const LawDecl& d) {
  struct Item {
    uint32_t offset;
    int kind;  // 0 title, 1 effective, 2 article
    size_t index;
  };
  std::vector<Item> items;
  if (d.title) items.push_back({d.title->loc.offset, 0, 0});
  if (d.effective) items.push_back({d.effective->loc.offset, 1, 0});
  size_t numberWidth = 0;
  for (size_t i = 0; i < d.articles.size(); ++i) {
    const Article& a = d.articles[i];
    items.push_back({a.loc.offset, 2, i});
    bool more = !a.heading.empty() || a.paras || a.items;
    if (more) numberWidth = std::max(numberWidth, std::to_string(a.number).size());
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.offset < b.offset || (a.offset == b.offset && a.kind < b.kind); });
  std::string head = "law " + d.name.name + " {";
  if (items.empty() && emptyBody(d, d.name.loc.end())) {
    writer_.emit(Line{0, head + "}", d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  writer_.emit(Line{0, head, d.loc.offset, d.name.loc.end(), -1}, true);
  for (const Item& item : items) {
    if (item.kind == 0) {
      writer_.emitAll(titleLines(*d.title, kIndent, item.offset), true);
    } else if (item.kind == 1) {
      const Effective& e = *d.effective;
      writer_.emit(Line{kIndent, padKeyword("effective") + effectiveText(e), e.loc.offset, e.loc.end(), -1}, true);
    } else {
      const Article& a = d.articles[item.index];
      std::string number = std::to_string(a.number);
      std::string rest;
      if (!a.heading.empty()) rest += " " + quoteString(a.heading);
      if (a.paras || a.items) {
        rest += " {";
        if (a.paras) rest += " paras " + std::to_string(*a.paras);
        if (a.items) rest += " items " + std::to_string(*a.items);
        rest += " }";
      }
      if (!rest.empty()) number.resize(numberWidth, ' ');
      writer_.emit(Line{kIndent, "article " + number + rest, a.loc.offset, a.loc.end(), -1}, true);
    }
  }
  close(d);
}

void Formatter::testDecl(const TestDecl& d) {
  struct Item {
    uint32_t offset;
    int kind;  // 0 now, 1 given, 2 expectation
    size_t index;
  };
  std::vector<Item> items;
  if (d.nowMicros || !d.nowText.empty()) items.push_back({d.nowLoc.offset, 0, 0});
  if (d.givenValue) items.push_back({d.givenLoc.offset, 1, 0});
  for (size_t i = 0; i < d.expectations.size(); ++i) items.push_back({d.expectations[i].loc.offset, 2, i});
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.offset < b.offset || (a.offset == b.offset && a.kind < b.kind); });
  std::string head = "test " + quoteString(d.name.name) + " {";
  if (items.empty() && emptyBody(d, d.name.loc.end())) {
    writer_.emit(Line{0, head + "}", d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  writer_.emit(Line{0, head, d.loc.offset, d.name.loc.end(), -1}, true);
  for (const Item& item : items) {
    if (item.kind == 0) {
      writer_.emit(Line{kIndent, "now " + d.nowText, d.nowLoc.offset, d.nowLoc.end(), -1}, true);
    } else if (item.kind == 1) {
      writer_.emitAll(exprLine("given " + d.given.name.name + " = ", *d.givenValue, kIndent, d.givenLoc.offset), true);
    } else {
      expectation(d.expectations[item.index]);
    }
  }
  close(d);
}

void Formatter::expectation(const Expectation& e) {
  if (e.kind == ExpectKind::Assert) {
    if (e.condition) writer_.emitAll(exprLine("assert ", *e.condition, kIndent, e.loc.offset), true);
    return;
  }
  std::string text = "expect ";
  switch (e.kind) {
    case ExpectKind::Fires: text += e.target.str(); break;
    case ExpectKind::NotFires: text += "not " + e.target.str(); break;
    case ExpectKind::Excepted:
      text += "excepted " + e.target.str();
      if (e.by) text += " by " + e.by->str();
      break;
    case ExpectKind::Error: text += "error " + e.target.str(); break;
    case ExpectKind::Deny: text += "deny"; break;
    case ExpectKind::Allow: text += "allow"; break;
    case ExpectKind::Require:
      text += "require " + e.target.str();
      if (e.hasArgs || !e.args.empty()) text += "(" + argsText(e.args) + ")";
      break;
    case ExpectKind::Assert: break;
  }
  writer_.emit(Line{kIndent, text, e.loc.offset, e.loc.end(), -1}, true);
}

}  // namespace gai::format
