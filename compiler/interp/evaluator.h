// Internal to the interpreter: one evaluation's state.
#pragma once

#include <deque>
#include <vector>

#include "interp/interp.h"
#include "interp/value.h"

namespace gai::interp {

// A runtime error: stops the enclosing rule, exception or slot. `message` is static or
// lives in the evaluation arena.
struct EvalError {
  const char* message;
};

class Evaluator {
 public:
  Evaluator(const ir::Module& module, int64_t now, const EvalOptions& options, rt::Arena& arena,
            const WhenHook* hook = nullptr)
      : mod_(module), now_(now), options_(options), arena_(arena), hook_(hook) {}

  const ir::Module& module() const { return mod_; }

  // Rule and exception states for one entry value (per value and type: `r(x)` may name
  // another value than the one being decided).
  struct Memo {
    const void* entry;
    const rt::Type* type;
    std::vector<uint8_t> ruleDone, exceptionDone;
    std::vector<rt::RuleOutcome> rules;
    std::vector<rt::ExceptionOutcome> exceptions;
  };
  Memo& memoFor(const void* entry, const rt::Type* type);
  const rt::RuleOutcome& rule(Memo& memo, uint32_t index);
  const rt::ExceptionOutcome& exception(Memo& memo, uint32_t index);
  // Fills the slot values of a fired rule.
  const rt::SlotValue* slots(uint32_t rule, const void* entry);
  rt::Arena& arena() { return arena_; }

  Val eval(const ir::Node& n, Val* frame);

 private:
  bool effective(const ir::RuleCode& code) const;
  bool hookSlot(uint32_t rule, uint32_t slot, const void* entry, rt::SlotValue& out);
  // The `when` of a rule or exception: true/false, or an error (returned, not thrown).
  bool when(bool isException, uint32_t index, const void* entry, const char*& error);

  Val evalControl(const ir::Node& n, Val* frame);
  Val evalOptional(const ir::Node& n, Val* frame);
  Val evalRecord(const ir::Node& n, Val* frame);
  Val evalCompare(const ir::Node& n, Val* frame);
  Val evalArith(const ir::Node& n, Val* frame);
  Val evalTime(const ir::Node& n, Val* frame);
  Val evalCollection(const ir::Node& n, Val* frame);
  Val evalQuant(const ir::Node& n, Val* frame);
  Val evalCall(const ir::Node& n, Val* frame);
  Val evalStd(const ir::Node& n, Val* frame);
  Val evalRuleRef(const ir::Node& n, Val* frame);
  Val with(const ir::Node& n, Val* frame);

  void* alloc(size_t size, size_t align = 8);
  Val none(const rt::Type& type);
  Val wrap(const rt::Type& optional, const Val& v);

  const ir::Module& mod_;
  int64_t now_;
  EvalOptions options_;
  rt::Arena& arena_;
  const WhenHook* hook_;
  std::deque<Memo> memos_;  // stable addresses; memos_[0] is the decided entry
};

[[noreturn]] inline void raise(const char* message) { throw EvalError{message}; }

}  // namespace gai::interp
