// gai_progen: random well-typed .gai programs and random JSON inputs for them, for
// differential testing (JIT vs interpreter) and fuzzing. See tests/difftest/README.md.
//
//   gai::progen::SplitMixSource rng(seed);
//   gai::progen::Program p = gai::progen::generateProgram(rng);
//   gai::compileSources({{"difftest.gai", p.source}}, ...);
//   for (auto& in : gai::progen::generateInputs(rng, p, 20)) ... in.entry, in.json ...
//
// Light header: the standard library and random_source.h only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "random_source.h"

namespace gai::progen {

// Classes of constructs the generator emits; counted per program (tests assert each
// appears over many programs).
#define GAI_PROGEN_CONSTRUCTS(X)                                                             \
  X(And) X(Or) X(Not) X(Implies) X(If) X(Let) X(CmpInt) X(CmpFloat) X(CmpString)            \
  X(CmpDate) X(CmpTimestamp) X(CmpDuration) X(EqBool) X(EqEnum) X(EqSet) X(EqOpt)            \
  X(EqNone) X(IntArith) X(IntDivMod) X(IntNeg) X(IntNearLimit) X(FloatArith) X(FloatNaN)     \
  X(FloatInf) X(FloatNegZero) X(IntToFloat) X(FloatToInt) X(NonAsciiString) X(OptChain)      \
  X(Coalesce) X(Present) X(InList) X(InSet) X(NotIn) X(Any) X(All) X(Count) X(Sum)           \
  X(NestedQuantifier) X(Size) X(FnCall) X(RuleRef) X(RecordLit) X(ListLit) X(SetLit)        \
  X(EmptyCollection) X(With) X(BareEnum) X(Now) X(TimeArith) X(DurArith) X(StdText)          \
  X(StdTextAlloc) X(StdMatches) X(StdTerms) X(StdTime) X(StdDateOfOffset) X(StdMath)         \
  X(ConstRef) X(Exception) X(ExceptionOfException) X(EffectiveFrom) X(EffectiveUntil)       \
  X(Severity) X(MessageInterp) X(RequireArgs) X(LawCite) X(NestedRecordEntry)                \
  X(InputViolation) X(InputOptionalNull) X(InputDuplicateSet) X(BigEnum)

enum class Construct : uint16_t {
#define GAI_PROGEN_ENUM(N) N,
  GAI_PROGEN_CONSTRUCTS(GAI_PROGEN_ENUM)
#undef GAI_PROGEN_ENUM
      Count_
};
constexpr size_t kNumConstructs = static_cast<size_t>(Construct::Count_);
const char* constructName(Construct c);
using ConstructCounts = std::array<uint32_t, kNumConstructs>;

struct Options {
  int minRules = 6, maxRules = 14;
  int maxExceptions = 5;
  int maxFns = 4;
  int maxDepth = 4;       // expression nesting
  int maxRecords = 5;     // record types besides the entry records
  int violationPct = 6;   // share of inputs that break the schema
};

struct Schema;  // types of the program, for generateInputs (opaque here)

// One declaration of the program, as source text. `kind` is "rule", "exception", "fn",
// "const", "type", "action", "law" or "header"; shrinking deletes rules and exceptions.
struct Decl {
  std::string kind;
  std::string name;
  std::string text;
};

struct Program {
  std::vector<Decl> decls;          // in order; source() joins them
  std::vector<std::string> entries; // record names some rule or exception takes
  std::vector<std::string> nows;    // RFC 3339 instants around the effective dates
  std::shared_ptr<const Schema> schema;
  ConstructCounts counts{};
  std::string source() const;       // the one-file bundle `package difftest ...`
};

struct Input {
  std::string entry;  // record name
  std::string json;   // one JSON line (occasionally not valid for the schema)
};

Program generateProgram(RandomSource& rng, const Options& options = {});
// `count` inputs spread over the program's entry types; violations counted into p.counts.
std::vector<Input> generateInputs(RandomSource& rng, Program& p, int count, const Options& options = {});

}  // namespace gai::progen
