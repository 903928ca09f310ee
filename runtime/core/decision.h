// From an outcome vector to a Decision (LANGUAGE.md §5), written once for both engines.
//
// The compiler describes the program's rules statically in a RuleTable. An engine evaluates
// one input and fills an Outcome: one RuleOutcome per rule and one ExceptionOutcome per
// exception, indexed like the table. For a fired rule the engine also supplies the values
// of the rule's *slots*: every interpolation of its message templates and every argument of
// its `require` effects is a slot (numbered per rule, types in RuleInfo::slotTypes); the
// engine evaluates only the slots neededSlots() lists for the requested language and points
// SlotValue::value at the value in the flat layout (in its evaluation arena). decide() then
// orders, combines effects, renders messages and effects, and toJson() prints the exact JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/effective.h"
#include "core/types.h"

namespace gai::rt {

enum class Lang : uint8_t { En, Zh };
enum class Severity : uint8_t { Info, Low, Medium, High, Critical };
const char* severityName(Severity severity);

// A message: parts[0] slot parts[1] slot ... parts[n]; `{{` / `}}` already unescaped.
struct MessageTemplate {
  std::vector<std::string> parts;  // slots.size() + 1 literal texts
  std::vector<uint32_t> slots;     // rule slot index of each interpolation
};

enum class EffectKind : uint8_t { Deny, Flag, Require };

struct EffectInfo {
  EffectKind kind = EffectKind::Deny;
  std::string action;              // Require: the action's name as printed (unqualified)
  std::vector<uint32_t> argSlots;  // Require: rule slot index of each argument
};

struct RuleInfo {
  std::string name;  // qualified: measures.generation.unlabeled_media
  // A one-string title or message is given as `en` only; it then serves both languages.
  std::optional<std::string> titleEn, titleZh;
  Severity severity = Severity::Medium;
  std::vector<std::string> cites;  // as printed: "gai_measures art 12", free text as written
  std::vector<EffectInfo> effects;
  std::optional<MessageTemplate> messageEn, messageZh;
  std::vector<const Type*> slotTypes;
  uint32_t order = 0;  // declaration order among all rules and exceptions (files in path order)
  EffectiveRange effective;  // for the engines: see isEffectiveAt (decide does not read it)

  bool hasDeny() const;
};

struct ExceptionInfo {
  std::string name;  // qualified
  uint32_t order = 0;
  EffectiveRange effective;
};

// Rules and exceptions each listed in declaration order.
struct RuleTable {
  std::vector<RuleInfo> rules;
  std::vector<ExceptionInfo> exceptions;

  // The template a fired rule's message comes from in `lang` (the other language as
  // fallback); null when the rule has no message (title, then name, are used).
  const MessageTemplate* messageFor(uint32_t rule, Lang lang) const;
  // The slots an engine must evaluate for a fired rule: effect arguments, then the
  // interpolations of messageFor(rule, lang), ascending, without duplicates.
  std::vector<uint32_t> neededSlots(uint32_t rule, Lang lang) const;
};

enum class RuleState : uint8_t { NotEffective, NotFired, Fired, Excepted, Errored };
enum class ExceptionState : uint8_t { NotEffective, NotInForce, InForce, Errored };

// A slot's value: `value` points at a value of the slot's type; when evaluating the slot
// failed, `value` is null and `error` says why (rendered as `<error: ...>`).
struct SlotValue {
  const void* value;
  const char* error;
};

struct RuleOutcome {
  RuleState state;
  uint32_t exceptedBy;      // Excepted: the exception index (the first in force, in order)
  const char* error;        // Errored: the runtime error message
  const SlotValue* slots;   // Fired: RuleInfo::slotTypes.size() entries (needed ones set)
};

struct ExceptionOutcome {
  ExceptionState state;
  const char* error;  // Errored
};

// The engines' product. Strings and slot values it points to must stay alive until
// decide() returns (decide copies what it keeps).
struct Outcome {
  std::vector<RuleOutcome> rules;
  std::vector<ExceptionOutcome> exceptions;

  // Sizes the vectors for `table` with every entry NotEffective.
  void reset(const RuleTable& table);
};

enum class Effect : uint8_t { Allow, Deny };

struct DecideOptions {
  Lang lang = Lang::En;
  bool failOpen = false;  // default fail closed: an errored rule with `deny` denies
};

struct Finding {
  uint32_t rule;
  std::optional<std::string> title;  // in the requested language, else the other
  std::vector<std::string> effects;  // "deny", "flag", "require report(cac)"
  std::string message;
};

struct ExceptedEntry {
  uint32_t rule;
  uint32_t by;  // exception index
};

struct ErrorEntry {
  bool isException;
  uint32_t index;  // into rules or exceptions
  std::string error;
};

struct Decision {
  const RuleTable* table = nullptr;
  Effect effect = Effect::Allow;
  std::vector<Finding> findings;      // declaration order
  std::vector<ExceptedEntry> excepted;  // declaration order
  std::vector<ErrorEntry> errors;     // rules and exceptions, declaration order

  // {"effect":...,"findings":[...],"excepted":[...],"errors":[...]}: keys in this order,
  // every key always present, no white space, deterministic. Errors of exceptions use the
  // key "rule" too. Effect "deny" or "allow".
  std::string toJson() const;
  void appendJson(std::string& out) const;
};

Decision decide(const RuleTable& table, const Outcome& outcome, const DecideOptions& options = {});

// The CLI's line for an input error: {"line":N,"error":"..."}.
std::string inputErrorJson(uint64_t line, std::string_view message);

}  // namespace gai::rt
