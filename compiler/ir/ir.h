// The one typed program both engines consume (the interpreter in compiler/interp, the LLVM
// JIT in compiler/codegen). Built from a checked program by lower.h.
//
// Expressions are trees of Node. Every node has its runtime type (rt::Type, whose flat
// layout is final) and an explicit operation: the operation alone says what to compute, so
// an engine never inspects types to pick semantics (IntAdd vs FloatAdd vs TsAddDur).
//
// Values (see runtime/core/layout.h): a node produces a value of its `type`. Scalars, enums,
// strings, lists and sets are plain values (bool, int64, double, int32 days, uint32 ordinal,
// Str, Slice, uint64 bitmask). Records and optionals are addresses of bytes in the flat
// layout (read-only; building ops allocate new bytes in the evaluation arena).
//
// Evaluation order is always the kids' order (left to right), and the lazy operations
// (And, Or, Implies, If, Coalesce, OptField, quantifiers) evaluate only what decides the
// result. Fallible operations (marked "!") stop the enclosing rule with a runtime error;
// the message is rt::opStatusMessage(status) or gai_std_error_message(status).
//
// Locals live in a per-call frame of `frameSize` slots: rule/exception parameter, fn
// parameters, let and quantifier variables. Fns are called by index with a fresh frame.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/types.h"

struct gai_terms;
struct gai_regex;

namespace gai::ir {

enum class Op : uint8_t {
  // ---- leaves
  Const,   // constant `index` in Module::constants (scalars also in `imm`/`fimm`)
  NoneOf,  // none of the optional `type`
  Now,     // the evaluation instant (timestamp); an error in test mode without `now`
  Local,   // frame slot `slot`

  // ---- binding and control
  Let,      // kids: init, body; binds `slot` to init
  If,       // kids: cond, then, else
  Not,      // kids: x
  And,      // kids: a, b (lazy)
  Or,       // kids: a, b (lazy)
  Implies,  // kids: a, b (lazy: b only when a)

  // ---- optionals
  OptWrap,     // kids: x (of type->element) -> present T?
  OptPresent,  // kids: x (T?) -> bool
  Coalesce,    // kids: x (T?), d: x's value when present (T, or x itself when `type` is T?), else d
  OptField,    // kids: base (R?); field `index` of R at `offset` (relative to the record);
               // none when base is none; result `type` is optional (present value wrapped
               // unless the field is itself optional)

  // ---- records
  Field,       // kids: base (record address); the value of field `index` at `offset`
  MakeRecord,  // kids: values of fields `fieldIndexes` (source order); others take defaults
  With,        // kids: base, then one value per update; `updates` paths (! through a none)

  // ---- equality and order (operands of the same type)
  EqBool, EqInt, EqFloat, EqStr, EqDate, EqEnum, EqBitSet, EqValue,
  // EqInt: int, duration, timestamp. EqValue: optionals and slice sets, compared as
  // rt::valuesEqual over the layout (kids' `type` says which).
  CmpInt, CmpFloat, CmpStr, CmpDate,  // `cmp` says which of < <= > >=; floats IEEE (NaN false)

  // ---- int (! overflow, division by zero)
  IntAdd, IntSub, IntMul, IntDiv, IntMod, IntNeg,
  // ---- float (IEEE 754, never fails; never fused or reordered)
  FloatAdd, FloatSub, FloatMul, FloatDiv, FloatNeg,
  // ---- conversions
  IntToFloat,  // float(x)
  FloatToInt,  // int(x): truncation, ! out of range / NaN
  // ---- time (durations are int64 seconds; ! overflow / out of range)
  DurAdd, DurSub, DurNeg,
  DurMul,      // kids: a, b, one a duration and one an int (either order)
  TsAddDur,    // kids: ts, dur
  TsSubDur,    // kids: ts, dur
  DurAddTs,    // kids: dur, ts
  DateAddDur,  // kids: date, dur (dur truncated to whole days)
  DateSubDur,  // kids: date, dur
  DurAddDate,  // kids: dur, date
  TsDiff,      // kids: ts, ts -> duration
  DateDiff,    // kids: date, date -> duration

  // ---- collections
  MakeList,      // kids: elements
  MakeSet,       // kids: elements -> sorted, deduplicated slice
  MakeBitSet,    // kids: enum elements -> bitmask
  ListHas,       // kids: x, list: linear scan with equality of the element type
  SetHas,        // kids: x, slice set: binary search in canonical order
  BitSetHas,     // kids: x (enum), mask
  ListSize, SetSize, BitSetSize,
  // Quantifiers: kids: collection, body; `slot` the variable; `iter` says how to iterate.
  // Any/All stop at the first decisive element; Count counts true bodies; SumInt (int and
  // duration, ! overflow) and SumFloat add bodies in iteration order from 0.
  Any, All, Count, SumInt, SumFloat,

  // ---- calls
  CallFn,   // kids: args; Module::fns[index]
  CallStd,  // kids: runtime args; std function `index` (check::stdFunctions order, the
            // STD_FN order of stdlib.def); `prepared` >= 0: the prepared gai_terms (StringSet)
            // or gai_regex (Pattern) argument, which has no kid
  RuleRef,  // kids: entry value; true when rule `index` fires for it (memoised per value)
};

const char* opName(Op op);

enum class Cmp : uint8_t { Lt, Le, Gt, Ge };
// How a quantifier iterates its collection.
enum class Iter : uint8_t { List, SliceSet, BitSet };

struct WithUpdate {
  std::vector<uint32_t> path;       // field indexes from the base record
  std::vector<std::string> names;   // field names along the path (for the none-path error)
};

struct Node {
  Op op = Op::Const;
  const rt::Type* type = nullptr;  // the result type
  std::vector<const Node*> kids;
  uint32_t index = 0;   // Const: pool index; Field/OptField: field; CallFn/CallStd/RuleRef: callee
  uint32_t offset = 0;  // Field/OptField: byte offset of the field in the record
  uint32_t slot = 0;    // Local/Let/quantifiers: frame slot
  int32_t prepared = -1;  // CallStd: prepared object, or -1
  Cmp cmp = Cmp::Lt;
  Iter iter = Iter::List;
  int64_t imm = 0;      // Const scalar: bool/int/date/timestamp/duration/enum bits
  double fimm = 0;      // Const float
  std::vector<uint32_t> fieldIndexes;  // MakeRecord
  std::vector<WithUpdate> updates;     // With
};

// A constant bound into the flat layout; bytes live in the TypeTable's constants arena.
struct Constant {
  const rt::Type* type = nullptr;
  const void* bytes = nullptr;
};

struct Fn {
  std::string name;  // qualified
  std::vector<uint32_t> paramSlots;
  std::vector<const rt::Type*> paramTypes;
  uint32_t frameSize = 0;
  const Node* body = nullptr;
};

// A rule or an exception. Rules and exceptions are indexed separately, like rt::RuleTable.
struct RuleCode {
  std::string name;  // qualified
  bool isException = false;
  uint32_t entry = 0;       // index in Module::entries
  uint32_t paramSlot = 0;   // the entry value's frame slot
  uint32_t frameSize = 1;
  // Effective at `now` when fromMicros <= now < untilMicros (D1 00:00 and the day after D2
  // 00:00, both at UTC+8); unbounded sides are INT64_MIN / INT64_MAX.
  int64_t fromMicros = INT64_MIN;
  int64_t untilMicros = INT64_MAX;
  const Node* when = nullptr;
  std::vector<uint32_t> exceptedBy;  // exceptions targeting this, in declaration order
  // Exceptions: the targets, as (isException, index) pairs.
  std::vector<std::pair<bool, uint32_t>> targets;
  // Rules: one expression per rt::RuleInfo slot (effect arguments and interpolations).
  std::vector<const Node*> slots;
};

// A `test` block, prepared for `gaic test`: the given bound into the layout and the
// `assert` conditions (evaluated in a frame of `frameSize` slots with the given at `givenSlot`).
struct TestCode {
  std::string name;
  std::optional<int64_t> nowMicros;
  const rt::Type* givenType = nullptr;  // null without a given
  const void* given = nullptr;          // the given value in the layout
  int32_t entry = -1;  // index in Module::entries of givenType; -1 when no rule takes it
  uint32_t givenSlot = 0;
  uint32_t frameSize = 1;
  std::vector<const Node*> asserts;  // in order of the test's `assert`s (null if not lowered)
  // `expect require a(args)`: the argument expressions (in the same frame), per expectation
  // in order of the test's `expect require` with arguments.
  std::vector<std::vector<const Node*>> requireArgs;
};

class Module {
 public:
  Module();
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  rt::TypeTable& types() { return *types_; }
  const rt::TypeTable& types() const { return *types_; }

  // Record types that are the entry of some rule or exception, in order of first use.
  std::vector<const rt::Type*> entries;
  // Index in `entries` of a record by qualified name, or unqualified when unambiguous; -1.
  int findEntry(const std::string& name) const;
  // Every enum and record of the program by qualified name (declaration order).
  std::vector<const rt::Type*> namedTypes;
  const rt::Type* findType(const std::string& name) const;

  rt::RuleTable table;             // what decide() needs
  std::vector<RuleCode> rules;     // indexed like table.rules
  std::vector<RuleCode> exceptions;  // indexed like table.exceptions
  std::vector<Fn> fns;
  std::vector<Constant> constants;
  std::vector<gai_terms*> terms;     // prepared keyword sets, owned
  std::vector<gai_regex*> regexes;   // prepared patterns, owned
  std::vector<TestCode> tests;

  Node* newNode(Op op, const rt::Type* type);

 private:
  std::unique_ptr<rt::TypeTable> types_;
  std::deque<Node> nodes_;
};

// A readable dump of the module (types, constants, fns, rules, tests) for golden tests.
std::string print(const Module& module);

}  // namespace gai::ir
