// Values known at compile time: consts, record field defaults, test givens.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gai::check {

struct Value {
  enum class Kind : uint8_t {
    None, Bool, Int, Float, String, Date, Timestamp, Duration, Enum, Record, List, Set,
  };
  Kind kind = Kind::None;
  bool b = false;
  // Int: the value; Date: days since epoch; Timestamp: microseconds since epoch (UTC);
  // Duration: seconds; Enum: the member's index in its declaration.
  int64_t i = 0;
  double f = 0;
  std::string s;
  // Record: field values in declaration order (absent optionals are None);
  // List: in order; Set: canonical order (enum index, otherwise ascending), no duplicates.
  std::vector<Value> elems;

  static Value none() { return Value{}; }
  static Value ofBool(bool v) { Value x; x.kind = Kind::Bool; x.b = v; return x; }
  static Value ofInt(int64_t v) { Value x; x.kind = Kind::Int; x.i = v; return x; }
  static Value ofFloat(double v) { Value x; x.kind = Kind::Float; x.f = v; return x; }
  static Value ofString(std::string v) { Value x; x.kind = Kind::String; x.s = std::move(v); return x; }
  static Value ofScalar(Kind kind, int64_t v) { Value x; x.kind = kind; x.i = v; return x; }
  static Value ofElems(Kind kind, std::vector<Value> elems) {
    Value x; x.kind = kind; x.elems = std::move(elems); return x;
  }

  bool isNone() const { return kind == Kind::None; }
};

// Total order used for set canonical order and equality (same-kind values).
int compareValues(const Value& a, const Value& b);
bool valuesEqual(const Value& a, const Value& b);
// Sorts and removes duplicates: a set's canonical form.
void canonicalizeSet(std::vector<Value>& elems);

}  // namespace gai::check
