#include "core/decision.h"

#include <algorithm>

#include "core/json_write.h"
#include "core/value_render.h"

namespace gai::rt {

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "medium";
}

bool RuleInfo::hasDeny() const {
  for (const EffectInfo& e : effects)
    if (e.kind == EffectKind::Deny) return true;
  return false;
}

const MessageTemplate* RuleTable::messageFor(uint32_t rule, Lang lang) const {
  const RuleInfo& info = rules[rule];
  const auto& first = lang == Lang::En ? info.messageEn : info.messageZh;
  const auto& second = lang == Lang::En ? info.messageZh : info.messageEn;
  if (first) return &*first;
  if (second) return &*second;
  return nullptr;
}

std::vector<uint32_t> RuleTable::neededSlots(uint32_t rule, Lang lang) const {
  std::vector<uint32_t> slots;
  for (const EffectInfo& e : rules[rule].effects) slots.insert(slots.end(), e.argSlots.begin(), e.argSlots.end());
  if (const MessageTemplate* m = messageFor(rule, lang)) slots.insert(slots.end(), m->slots.begin(), m->slots.end());
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return slots;
}

void Outcome::reset(const RuleTable& table) {
  rules.assign(table.rules.size(), RuleOutcome{RuleState::NotEffective, 0, nullptr, nullptr});
  exceptions.assign(table.exceptions.size(), ExceptionOutcome{ExceptionState::NotEffective, nullptr});
}

namespace {

const char* orUnknown(const char* error) { return error ? error : "unknown error"; }

void renderSlot(const RuleInfo& rule, const RuleOutcome& outcome, uint32_t slot, bool nested, std::string& out) {
  const SlotValue* value = outcome.slots && slot < rule.slotTypes.size() ? &outcome.slots[slot] : nullptr;
  if (!value || !value->value) {
    out += "<error: ";
    out += value && value->error ? value->error : "not evaluated";
    out += '>';
    return;
  }
  renderValue(*rule.slotTypes[slot], value->value, out, nested);
}

std::string renderEffect(const RuleInfo& rule, const RuleOutcome& outcome, const EffectInfo& effect) {
  switch (effect.kind) {
    case EffectKind::Deny: return "deny";
    case EffectKind::Flag: return "flag";
    case EffectKind::Require: break;
  }
  std::string out = "require " + effect.action;
  if (effect.argSlots.empty()) return out;
  out += '(';
  for (size_t i = 0; i < effect.argSlots.size(); ++i) {
    if (i) out += ", ";
    renderSlot(rule, outcome, effect.argSlots[i], true, out);
  }
  out += ')';
  return out;
}

std::optional<std::string> pickTitle(const RuleInfo& rule, Lang lang) {
  const auto& first = lang == Lang::En ? rule.titleEn : rule.titleZh;
  const auto& second = lang == Lang::En ? rule.titleZh : rule.titleEn;
  return first ? first : second;
}

Finding makeFinding(const RuleTable& table, uint32_t index, const RuleOutcome& outcome, Lang lang) {
  const RuleInfo& rule = table.rules[index];
  Finding f{index, pickTitle(rule, lang), {}, {}};
  for (const EffectInfo& e : rule.effects) f.effects.push_back(renderEffect(rule, outcome, e));
  if (const MessageTemplate* m = table.messageFor(index, lang)) {
    for (size_t i = 0; i < m->parts.size(); ++i) {
      f.message += m->parts[i];
      if (i < m->slots.size()) renderSlot(rule, outcome, m->slots[i], false, f.message);
    }
  } else {
    f.message = f.title ? *f.title : rule.name;
  }
  return f;
}

}  // namespace

Decision decide(const RuleTable& table, const Outcome& outcome, const DecideOptions& options) {
  Decision d;
  d.table = &table;
  size_t n = std::min(table.rules.size(), outcome.rules.size());
  for (uint32_t i = 0; i < n; ++i) {
    const RuleOutcome& o = outcome.rules[i];
    const RuleInfo& rule = table.rules[i];
    switch (o.state) {
      case RuleState::Fired:
        d.findings.push_back(makeFinding(table, i, o, options.lang));
        if (rule.hasDeny()) d.effect = Effect::Deny;
        break;
      case RuleState::Excepted:
        if (o.exceptedBy < table.exceptions.size()) d.excepted.push_back(ExceptedEntry{i, o.exceptedBy});
        break;
      case RuleState::Errored:
        d.errors.push_back(ErrorEntry{false, i, orUnknown(o.error)});
        if (!options.failOpen && rule.hasDeny()) d.effect = Effect::Deny;
        break;
      default: break;
    }
  }
  size_t m = std::min(table.exceptions.size(), outcome.exceptions.size());
  for (uint32_t i = 0; i < m; ++i) {
    const ExceptionOutcome& o = outcome.exceptions[i];
    if (o.state == ExceptionState::Errored) d.errors.push_back(ErrorEntry{true, i, orUnknown(o.error)});
  }
  auto order = [&](const ErrorEntry& e) {
    return e.isException ? table.exceptions[e.index].order : table.rules[e.index].order;
  };
  std::sort(d.errors.begin(), d.errors.end(),
                   [&](const ErrorEntry& a, const ErrorEntry& b) { return order(a) != order(b) ? order(a) < order(b) : a.index < b.index; });
  return d;
}

namespace {

void appendStringArray(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    appendJsonString(out, items[i]);
  }
  out += ']';
}

void appendFinding(std::string& out, const RuleTable& table, const Finding& f) {
  const RuleInfo& rule = table.rules[f.rule];
  out += "{\"rule\":";
  appendJsonString(out, rule.name);
  if (f.title) {
    out += ",\"title\":";
    appendJsonString(out, *f.title);
  }
  out += ",\"severity\":\"";
  out += severityName(rule.severity);
  out += "\",\"cites\":";
  appendStringArray(out, rule.cites);
  out += ",\"effects\":";
  appendStringArray(out, f.effects);
  out += ",\"message\":";
  appendJsonString(out, f.message);
  out += '}';
}

}  // namespace

void Decision::appendJson(std::string& out) const {
  out += "{\"effect\":\"";
  out += effect == Effect::Deny ? "deny" : "allow";
  out += "\",\"findings\":[";
  for (size_t i = 0; i < findings.size(); ++i) {
    if (i) out += ',';
    appendFinding(out, *table, findings[i]);
  }
  out += "],\"excepted\":[";
  for (size_t i = 0; i < excepted.size(); ++i) {
    if (i) out += ',';
    out += "{\"rule\":";
    appendJsonString(out, table->rules[excepted[i].rule].name);
    out += ",\"by\":";
    appendJsonString(out, table->exceptions[excepted[i].by].name);
    out += '}';
  }
  out += "],\"errors\":[";
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i) out += ',';
    const ErrorEntry& e = errors[i];
    out += "{\"rule\":";
    appendJsonString(out, e.isException ? table->exceptions[e.index].name : table->rules[e.index].name);
    out += ",\"error\":";
    appendJsonString(out, e.error);
    out += '}';
  }
  out += "]}";
}

std::string Decision::toJson() const {
  std::string out;
  appendJson(out);
  return out;
}

std::string inputErrorJson(uint64_t line, std::string_view message) {
  std::string out = "{\"line\":" + std::to_string(line) + ",\"error\":";
  appendJsonString(out, message);
  out += '}';
  return out;
}

}  // namespace gai::rt
