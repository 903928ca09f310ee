// Internals of gai_progen: the type model, the schema and the expression generator.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "progen.h"

namespace gai::progen {

enum class Kind : uint8_t { Bool, Int, Float, String, Date, Timestamp, Duration, Enum, Record, List, Set, Opt };

struct Type {
  Kind kind = Kind::Bool;
  int id = -1;             // enum or record index
  std::vector<Type> elem;  // List, Set, Opt: exactly one

  static Type of(Kind k, int id = -1) { return Type{k, id, {}}; }
  static Type wrap(Kind k, Type t) { return Type{k, -1, {std::move(t)}}; }
  const Type& inner() const { return elem[0]; }
  bool isScalar() const { return kind <= Kind::Duration; }
  bool operator==(const Type& o) const { return kind == o.kind && id == o.id && elem == o.elem; }
  bool operator!=(const Type& o) const { return !(*this == o); }
};

struct EnumDecl {
  std::string name;
  std::vector<std::string> members;
};

struct Field {
  std::string name;
  Type type;
  std::string defaultExpr;  // empty: no default
};

struct RecordDecl {
  std::string name;
  std::vector<Field> fields;
};

struct Schema {
  std::vector<EnumDecl> enums;
  std::vector<RecordDecl> records;  // a record only contains records of lower index
};

// Uniform draws that read 0 once the source is exhausted (then every pick is the first
// option and every chance is false).
class Rand {
 public:
  explicit Rand(RandomSource& s) : s_(s) {}
  uint64_t next() { return s_.exhausted() ? 0 : s_.next(); }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  bool chance(unsigned pct) { return below(100) + pct >= 100; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  RandomSource& s_;
};

std::string typeName(const Schema& s, const Type& t);
std::string quoteGai(const std::string& text, bool escapeUnicode);
Type randomFieldType(Rand& r, const Schema& s, int maxRecord, int depth);
void generateSchema(Rand& r, Schema& s, const Options& o, ConstructCounts& counts);
std::string inputJson(Rand& r, const Schema& s, int record, int violationPct, ConstructCounts& counts);

// Pools of interesting literal values (progen_values.cpp).
extern const std::vector<std::string> kIntLits, kFloatLits, kStringLits, kDateLits, kTimestampLits,
    kDurationLits, kPatterns, kPivotDates;

struct Local {
  std::string name;
  Type type;
};

struct FnSig {
  std::string name;
  std::vector<Local> params;
  Type result;
};

struct RuleSig {
  std::string name;
  int entry;  // record index
};

// Generates expressions of a wanted type over the locals in scope.
class ExprGen {
 public:
  ExprGen(Rand& r, const Schema& s, ConstructCounts& counts, const Options& o)
      : r_(r), s_(s), counts_(counts), o_(o) {}

  std::vector<Local> scope;
  std::vector<FnSig> fns;       // callable
  std::vector<RuleSig> rules;   // referable by r(x)
  int maxRuleRef = 0;           // only rules[0 .. maxRuleRef) may be referenced
  bool interp = false;          // inside a message interpolation: no literals with quotes or braces
  std::vector<std::string> extraDecls;  // helper consts made on demand

  std::string gen(const Type& t, int depth);      // exactly of type t
  std::string genFlow(const Type& t, int depth);  // where t is the expected type
  void note(Construct c) { ++counts_[static_cast<size_t>(c)]; }
  Rand& rand() { return r_; }
  std::string freshName(const char* prefix) { return prefix + std::to_string(++fresh_); }
  std::string constOf(const Type& t);  // a helper const of type t
  Type randomType(int depth);          // any value type in this schema

 private:
  std::string leaf(const Type& t);
  std::string literal(const Type& t, bool flow = false);
  std::string path(const Type& t);
  // The type of some path in scope that `fits`, else `otherwise`.
  Type pathType(bool (*fits)(const Type&), const Type& otherwise);
  void collectPaths(const std::string& base, const Type& t, bool opt, int depth,
                    std::vector<std::pair<std::string, Type>>& out) const;
  std::string genBool(int d);
  std::string genCompare(int d);
  std::string genEquality(int d);
  std::string genIn(int d);
  std::string genQuant(int d, const char* q, const Type& bodyType);
  std::string genInt(int d);
  std::string genFloat(int d);
  std::string genString(int d);
  std::string genDate(int d);
  std::string genTimestamp(int d);
  std::string genDuration(int d);
  std::string genRecord(const Type& t, int d);
  std::string genCollection(const Type& t, int d);
  std::string genOpt(const Type& t, int d);
  std::string genCommon(const Type& t, int d);  // if / let / fn call / ??; empty if none fits
  std::string genStd(const Type& t, int d);
  std::string termsText(int d);                 // a string, often text.lower(...)     // a std call of result t; empty if none
  std::string recordLiteral(int rec, int d);
  std::string withExpr(const Type& t, int d);
  std::string fnCall(const Type& t, int d);
  std::string ruleRef(int d);
  Type collectionOf(int d, bool scalarElems, Type* elem);

  Rand& r_;
  const Schema& s_;
  ConstructCounts& counts_;
  const Options& o_;
  int fresh_ = 0;
  int quantDepth_ = 0;
  bool inLiteral_ = false;  // inside a collection literal's elements
};

}  // namespace gai::progen
