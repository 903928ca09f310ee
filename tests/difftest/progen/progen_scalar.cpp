// Expressions of scalar types: logic, comparisons, arithmetic, quantifiers, std calls.
#include "progen_impl.h"

namespace gai::progen {
namespace {

const Type kBool = Type::of(Kind::Bool), kInt = Type::of(Kind::Int), kFloat = Type::of(Kind::Float),
           kString = Type::of(Kind::String), kDate = Type::of(Kind::Date), kTs = Type::of(Kind::Timestamp),
           kDur = Type::of(Kind::Duration);

std::string bin(const std::string& a, const char* op, const std::string& b) { return "(" + a + " " + op + " " + b + ")"; }

const char* cmpOp(Rand& r) {
  static const char* ops[] = {"<", "<=", ">", ">=", "==", "!="};
  return ops[r.below(6)];
}

}  // namespace

// A list or set type to quantify over: mostly one a local's path reaches.
Type ExprGen::collectionOf(int d, bool scalarElems, Type* elem) {
  std::vector<std::pair<std::string, Type>> all;
  std::vector<Type> fit;
  for (const Local& l : scope) collectPaths(l.name, l.type, false, 0, all);
  for (auto& p : all)
    if ((p.second.kind == Kind::List || p.second.kind == Kind::Set) &&
        (!scalarElems || p.second.inner().kind != Kind::Record))
      fit.push_back(p.second);
  Type t;
  if (!fit.empty() && r_.chance(75)) {
    t = r_.pick(fit);
  } else {
    Type e = scalarElems || r_.chance(70) ? Type::of(static_cast<Kind>(r_.below(7))) : randomType(1);
    if (e.kind == Kind::Bool || e.kind == Kind::Duration || e.kind == Kind::Timestamp || e.kind == Kind::Record ||
        e.kind == Kind::List || e.kind == Kind::Set || e.kind == Kind::Opt || r_.chance(50))
      t = Type::wrap(Kind::List, e);
    else
      t = Type::wrap(Kind::Set, e);
  }
  *elem = t.inner();
  return t;
}

std::string ExprGen::genQuant(int d, const char* q, const Type& bodyType) {
  Type elem;
  Type coll = collectionOf(d, false, &elem);
  std::string c = gen(coll, d - 1), name = freshName("it");
  if (quantDepth_ > 0) note(Construct::NestedQuantifier);
  ++quantDepth_;
  scope.push_back({name, elem});
  std::string body = gen(bodyType, d - 1);
  scope.pop_back();
  --quantDepth_;
  return std::string(q) + "(" + name + " in " + c + ": " + body + ")";
}

std::string ExprGen::genCompare(int d) {
  static const Kind kinds[] = {Kind::Int, Kind::Float, Kind::String, Kind::Date, Kind::Timestamp, Kind::Duration};
  static const Construct notes[] = {Construct::CmpInt,  Construct::CmpFloat,     Construct::CmpString,
                                    Construct::CmpDate, Construct::CmpTimestamp, Construct::CmpDuration};
  size_t k = r_.below(6);
  note(notes[k]);
  Type t = Type::of(kinds[k]);
  return bin(gen(t, d - 1), cmpOp(r_), gen(t, d - 1));
}

std::string ExprGen::genEquality(int d) {
  const char* op = r_.chance(50) ? "==" : "!=";
  switch (r_.below(4)) {
    case 0: note(Construct::EqBool); return bin(gen(kBool, d - 1), op, gen(kBool, d - 1));
    case 1: {
      if (s_.enums.empty()) return gen(kBool, d - 1);
      note(Construct::EqEnum);
      Type e = Type::of(Kind::Enum, static_cast<int>(r_.below(s_.enums.size())));
      return bin(gen(e, d - 1), op, genFlow(e, d - 1));
    }
    case 2: {
      note(Construct::EqSet);
      Type elem;
      Type coll = collectionOf(d, true, &elem);
      coll.kind = Kind::Set;
      if (elem.kind == Kind::Bool || elem.kind == Kind::Duration || elem.kind == Kind::Timestamp)
        coll = Type::wrap(Kind::Set, kInt);
      return bin(gen(coll, d - 1), op, genFlow(coll, d - 1));
    }
    default: {
      Type inner = r_.chance(70) || s_.enums.empty() ? Type::of(static_cast<Kind>(r_.below(7)))
                                                     : Type::of(Kind::Enum, static_cast<int>(r_.below(s_.enums.size())));
      Type opt = pathType([](const Type& t) { return t.kind == Kind::Opt && t.inner().kind <= Kind::Enum; },
                          Type::wrap(Kind::Opt, inner));
      inner = opt.inner();
      if (r_.chance(40)) {
        note(Construct::EqNone);
        return bin(gen(opt, d - 1), op, "none");
      }
      note(Construct::EqOpt);
      return bin(gen(opt, d - 1), op, r_.chance(50) ? gen(opt, d - 1) : gen(inner, d - 1));
    }
  }
}

std::string ExprGen::genIn(int d) {
  Type elem;
  Type coll = collectionOf(d, true, &elem);
  if (coll.kind == Kind::Set && (elem.kind == Kind::Bool || elem.kind == Kind::Duration || elem.kind == Kind::Timestamp))
    coll.kind = Kind::List;
  note(coll.kind == Kind::List ? Construct::InList : Construct::InSet);
  const char* op = "in";
  if (r_.chance(30)) {
    op = "not in";
    note(Construct::NotIn);
  }
  std::string p = elem.kind == Kind::Enum ? path(coll) : "";
  if (!p.empty() && r_.chance(50)) {
    note(Construct::BareEnum);
    return bin(r_.pick(s_.enums[elem.id].members), op, p);
  }
  return bin(gen(elem, d - 1), op, gen(coll, d - 1));
}

std::string ExprGen::genBool(int d) {
  switch (r_.below(16)) {
    case 0: return leaf(kBool);
    case 1: note(Construct::Not); return "(not " + gen(kBool, d - 1) + ")";
    case 2: note(Construct::And); return bin(gen(kBool, d - 1), "and", gen(kBool, d - 1));
    case 3: note(Construct::Or); return bin(gen(kBool, d - 1), "or", gen(kBool, d - 1));
    case 4: note(Construct::Implies); return bin(gen(kBool, d - 1), "implies", gen(kBool, d - 1));
    case 5:
    case 6: return genCompare(d);
    case 7: return genEquality(d);
    case 8: return genIn(d);
    case 9: note(Construct::Any); return genQuant(d, "any", kBool);
    case 10: note(Construct::All); return genQuant(d, "all", kBool);
    case 11: {
      note(Construct::Present);
      Type inner = randomType(1);
      if (inner.kind == Kind::Opt) inner = inner.inner();
      Type opt = pathType([](const Type& t) { return t.kind == Kind::Opt; }, Type::wrap(Kind::Opt, inner));
      return "present(" + gen(opt, d - 1) + ")";
    }
    case 12: {
      std::string s = genStd(kBool, d);
      return s.empty() ? leaf(kBool) : s;
    }
    case 13: {
      std::string s = ruleRef(d);
      return s.empty() ? genCompare(d) : s;
    }
    default: return genCommon(kBool, d);
  }
}

// The text argument of contains_any / count_terms: often text.lower(x), which the lowering
// turns into a caseless scan of x when the set is constant (stdlib/terms_lower.h).
std::string ExprGen::termsText(int d) {
  if (!r_.chance(40)) return gen(kString, d - 1);
  note(Construct::StdTextAlloc);
  return "text.lower(" + gen(kString, d - 1) + ")";
}

std::string ExprGen::genStd(const Type& t, int d) {
  switch (t.kind) {
    case Kind::Bool: {
      uint64_t k = r_.below(interp ? 4 : 5);
      if (k == 3) {
        note(Construct::StdTerms);
        return "text.contains_any(" + termsText(d) + ", " + gen(Type::wrap(Kind::Set, kString), d - 1) + ")";
      }
      if (k == 4) {
        note(Construct::StdMatches);
        return "text.matches(" + gen(kString, d - 1) + ", " + quoteGai(r_.pick(kPatterns), r_.chance(20)) + ")";
      }
      static const char* fs[] = {"text.contains(", "text.starts_with(", "text.ends_with("};
      note(Construct::StdText);
      return fs[k] + gen(kString, d - 1) + ", " + gen(kString, d - 1) + ")";
    }
    case Kind::Int:
      switch (r_.below(5)) {
        case 0: note(Construct::StdText); return "text.length(" + gen(kString, d - 1) + ")";
        case 1:
          note(Construct::StdTerms);
          return "text.count_terms(" + termsText(d) + ", " + gen(Type::wrap(Kind::Set, kString), d - 1) + ")";
        case 2: {
          static const char* fs[] = {"time.days(", "time.hours(", "time.minutes("};
          note(Construct::StdTime);
          return fs[r_.below(3)] + gen(kDur, d - 1) + ")";
        }
        case 3: note(Construct::StdMath); return "math.abs(" + gen(kInt, d - 1) + ")";
        default:
          note(Construct::StdMath);
          return std::string(r_.chance(50) ? "math.min(" : "math.max(") + gen(kInt, d - 1) + ", " + gen(kInt, d - 1) + ")";
      }
    case Kind::Float:
      note(Construct::StdMath);
      if (r_.chance(40)) return "math.abs(" + gen(kFloat, d - 1) + ")";
      return std::string(r_.chance(50) ? "math.min(" : "math.max(") + gen(kFloat, d - 1) + ", " + gen(kFloat, d - 1) + ")";
    case Kind::String:
      note(Construct::StdTextAlloc);
      return std::string(r_.chance(50) ? "text.lower(" : "text.upper(") + gen(kString, d - 1) + ")";
    case Kind::Date:
      if (r_.chance(50)) {
        note(Construct::StdDateOfOffset);
        std::string off = r_.chance(70) ? std::to_string(static_cast<int>(r_.below(29)) - 14) : gen(kInt, d - 1);
        if (off[0] == '-') off = "(" + off + ")";
        return "time.date_of(" + gen(kTs, d - 1) + ", " + off + ")";
      }
      note(Construct::StdTime);
      return "time.date_of(" + gen(kTs, d - 1) + ")";
    default: return "";
  }
}

std::string ExprGen::genInt(int d) {
  switch (r_.below(11)) {
    case 0: return leaf(kInt);
    case 1:
    case 2: {
      static const char* ops[] = {"+", "-", "*"};
      note(Construct::IntArith);
      return bin(gen(kInt, d - 1), ops[r_.below(3)], gen(kInt, d - 1));
    }
    case 3: note(Construct::IntDivMod); return bin(gen(kInt, d - 1), r_.chance(50) ? "/" : "%", gen(kInt, d - 1));
    case 4: note(Construct::IntNeg); return "(-" + gen(kInt, d - 1) + ")";
    case 5: note(Construct::Count); return genQuant(d, "count", kBool);
    case 6: note(Construct::Sum); return genQuant(d, "sum", kInt);
    case 7: {
      note(Construct::Size);
      Type elem;
      return "size(" + gen(collectionOf(d, false, &elem), d - 1) + ")";
    }
    case 8: return genStd(kInt, d);
    case 9: note(Construct::FloatToInt); return "int(" + gen(kFloat, d - 1) + ")";
    default: return genCommon(kInt, d);
  }
}

std::string ExprGen::genFloat(int d) {
  switch (r_.below(10)) {
    case 0: return leaf(kFloat);
    case 1:
    case 2: {
      static const char* ops[] = {"+", "-", "*", "/"};
      note(Construct::FloatArith);
      return bin(gen(kFloat, d - 1), ops[r_.below(4)], gen(kFloat, d - 1));
    }
    case 3: note(Construct::FloatArith); return "(-" + gen(kFloat, d - 1) + ")";
    case 4: note(Construct::IntToFloat); return "float(" + gen(kInt, d - 1) + ")";
    case 5: note(Construct::Sum); return genQuant(d, "sum", kFloat);
    case 6: return genStd(kFloat, d);
    case 7: note(Construct::FloatNaN); return "(" + gen(kFloat, d - 1) + " / 0.0)";
    case 8: note(Construct::FloatInf); return "(1e308 * " + gen(kFloat, d - 1) + ")";
    default: return genCommon(kFloat, d);
  }
}

std::string ExprGen::genString(int d) {
  switch (r_.below(3)) {
    case 0: return leaf(kString);
    case 1: return genStd(kString, d);
    default: return genCommon(kString, d);
  }
}

std::string ExprGen::genDate(int d) {
  switch (r_.below(4)) {
    case 0: return leaf(kDate);
    case 1:
      note(Construct::TimeArith);
      if (r_.chance(30)) return bin(gen(kDur, d - 1), "+", gen(kDate, d - 1));
      return bin(gen(kDate, d - 1), r_.chance(50) ? "+" : "-", gen(kDur, d - 1));
    case 2: return genStd(kDate, d);
    default: return genCommon(kDate, d);
  }
}

std::string ExprGen::genTimestamp(int d) {
  switch (r_.below(4)) {
    case 0: return leaf(kTs);
    case 1: note(Construct::Now); return "now";
    case 2:
      note(Construct::TimeArith);
      if (r_.chance(30)) return bin(gen(kDur, d - 1), "+", gen(kTs, d - 1));
      return bin(gen(kTs, d - 1), r_.chance(50) ? "+" : "-", gen(kDur, d - 1));
    default: return genCommon(kTs, d);
  }
}

std::string ExprGen::genDuration(int d) {
  switch (r_.below(8)) {
    case 0: return leaf(kDur);
    case 1: note(Construct::TimeArith); return bin(gen(kTs, d - 1), "-", gen(kTs, d - 1));
    case 2: note(Construct::TimeArith); return bin(gen(kDate, d - 1), "-", gen(kDate, d - 1));
    case 3: note(Construct::DurArith); return bin(gen(kDur, d - 1), r_.chance(50) ? "+" : "-", gen(kDur, d - 1));
    case 4: note(Construct::DurArith); return "(-" + gen(kDur, d - 1) + ")";
    case 5:
      note(Construct::DurArith);
      if (r_.chance(50)) return bin(gen(kInt, d - 1), "*", gen(kDur, d - 1));
      return bin(gen(kDur, d - 1), "*", gen(kInt, d - 1));
    case 6: note(Construct::Sum); return genQuant(d, "sum", kDur);
    default: return genCommon(kDur, d);
  }
}

}  // namespace gai::progen
