// Type-directed expression generation: every expression is built for a wanted type, so the
// program type-checks by construction. Compound operands are always parenthesised.
#include "progen_impl.h"

namespace gai::progen {


Type ExprGen::randomType(int depth) {
  uint64_t k = r_.below(24);
  if (k < 16 || depth > 1) {
    if (k % 8 == 7 && !s_.enums.empty()) return Type::of(Kind::Enum, static_cast<int>(r_.below(s_.enums.size())));
    return Type::of(static_cast<Kind>(k % 7));
  }
  if (k < 18) return Type::of(Kind::Record, static_cast<int>(r_.below(s_.records.size())));
  if (k < 22) return randomFieldType(r_, s_, static_cast<int>(s_.records.size()), 1 + depth);
  return Type::wrap(Kind::Opt, randomType(depth + 2));
}

void ExprGen::collectPaths(const std::string& base, const Type& t, bool opt, int depth,
                           std::vector<std::pair<std::string, Type>>& out) const {
  Type shown = opt && t.kind != Kind::Opt ? Type::wrap(Kind::Opt, t) : t;
  out.emplace_back(base, shown);
  if (depth >= 3) return;
  const Type* rec = t.kind == Kind::Record ? &t : t.kind == Kind::Opt && t.inner().kind == Kind::Record ? &t.inner() : nullptr;
  if (!rec) return;
  bool chain = opt || t.kind == Kind::Opt;
  for (const Field& f : s_.records[rec->id].fields)
    collectPaths(base + (chain ? "?." : ".") + f.name, f.type, chain, depth + 1, out);
}

Type ExprGen::pathType(bool (*fits)(const Type&), const Type& otherwise) {
  std::vector<std::pair<std::string, Type>> all;
  std::vector<Type> fit;
  for (const Local& l : scope) collectPaths(l.name, l.type, false, 0, all);
  for (auto& p : all)
    if (fits(p.second)) fit.push_back(p.second);
  return fit.empty() || r_.chance(15) ? otherwise : r_.pick(fit);
}

std::string ExprGen::path(const Type& t) {
  std::vector<std::pair<std::string, Type>> all, fit;
  for (const Local& l : scope) collectPaths(l.name, l.type, false, 0, all);
  for (auto& p : all)
    if (p.second == t) fit.push_back(p);
  if (fit.empty()) return "";
  const std::string& p = r_.pick(fit).first;
  if (p.find("?.") != std::string::npos) note(Construct::OptChain);
  return p;
}

std::string ExprGen::constOf(const Type& t) {
  std::vector<Local> saved;
  saved.swap(scope);
  bool savedInterp = interp, savedInLiteral = inLiteral_;
  interp = false;
  inLiteral_ = true;  // leaves only: no `now`, rule references or errors in a const
  std::string value;
  if (t.kind == Kind::Opt) value = r_.chance(40) ? "none" : literal(t.inner());
  else value = literal(t);
  interp = savedInterp;
  inLiteral_ = savedInLiteral;
  scope.swap(saved);
  std::string name = freshName("c");
  extraDecls.push_back("const " + name + ": " + typeName(s_, t) + " = " + value);
  note(Construct::ConstRef);
  return name;
}

std::string ExprGen::literal(const Type& t, bool flow) {
  switch (t.kind) {
    case Kind::Bool: return r_.chance(50) ? "true" : "false";
    case Kind::Int: {
      const std::string& v = r_.pick(kIntLits);
      if (v.size() > 15) note(Construct::IntNearLimit);
      return v;
    }
    case Kind::Float: {
      const std::string& v = r_.pick(kFloatLits);
      if (v == "(-0.0)") note(Construct::FloatNegZero);
      return v;
    }
    case Kind::String: {
      if (interp) return constOf(t);
      const std::string& v = r_.pick(kStringLits);
      for (char c : v)
        if (static_cast<unsigned char>(c) >= 0x80) {
          note(Construct::NonAsciiString);
          break;
        }
      return quoteGai(v, r_.chance(20));
    }
    case Kind::Date: return r_.pick(kDateLits);
    case Kind::Timestamp: return r_.pick(kTimestampLits);
    case Kind::Duration: return r_.chance(20) ? "(-" + r_.pick(kDurationLits) + ")" : r_.pick(kDurationLits);
    case Kind::Enum: return s_.enums[t.id].name + "." + r_.pick(s_.enums[t.id].members);
    case Kind::Record: return interp ? constOf(t) : recordLiteral(t.id, 0);
    case Kind::List:
    case Kind::Set: {
      if (interp) return constOf(t);
      note(t.kind == Kind::List ? Construct::ListLit : Construct::SetLit);
      std::string out = t.kind == Kind::List ? "[" : "{";
      size_t n = 1 + r_.below(3);
      // Elements are leaves, except (not nested) computed ones: NaN, -0.0, duplicates to canonicalise.
      int depth = !inLiteral_ && r_.chance(30) ? 2 : 0;
      bool outer = !inLiteral_;
      inLiteral_ = true;
      for (size_t i = 0; i < n; ++i) out += (i ? ", " : "") + (flow ? genFlow(t.inner(), depth) : gen(t.inner(), depth));
      if (outer) inLiteral_ = false;
      return out + (t.kind == Kind::List ? "]" : "}");
    }
    case Kind::Opt: return constOf(t);
  }
  return "true";
}

std::string ExprGen::leaf(const Type& t) {
  if (r_.chance(90)) {
    std::string p = path(t);
    if (!p.empty()) return p;
  }
  return literal(t);
}

std::string ExprGen::genFlow(const Type& t, int d) {
  if (t.kind == Kind::Enum && r_.chance(30)) {
    note(Construct::BareEnum);
    return r_.pick(s_.enums[t.id].members);
  }
  if (t.kind == Kind::Opt) {
    if (r_.chance(20)) return "none";
    if (r_.chance(40)) return genFlow(t.inner(), d);
  }
  if ((t.kind == Kind::List || t.kind == Kind::Set) && !interp && r_.chance(30)) {
    if (r_.chance(70)) return literal(t, true);
    note(Construct::EmptyCollection);
    return t.kind == Kind::List ? "[]" : "{}";
  }
  return gen(t, d);
}

std::string ExprGen::gen(const Type& t, int d) {
  if (d <= 0 || r_.chance(12)) return leaf(t);
  switch (t.kind) {
    case Kind::Bool: return genBool(d);
    case Kind::Int: return genInt(d);
    case Kind::Float: return genFloat(d);
    case Kind::String: return genString(d);
    case Kind::Date: return genDate(d);
    case Kind::Timestamp: return genTimestamp(d);
    case Kind::Duration: return genDuration(d);
    case Kind::Enum: return r_.chance(50) ? leaf(t) : genCommon(t, d);
    case Kind::Record: return genRecord(t, d);
    case Kind::List:
    case Kind::Set: return genCollection(t, d);
    case Kind::Opt: return genOpt(t, d);
  }
  return leaf(t);
}

std::string ExprGen::genCommon(const Type& t, int d) {
  switch (r_.below(4)) {
    case 0: {
      note(Construct::If);
      return "(if " + gen(Type::of(Kind::Bool), d - 1) + " then " + gen(t, d - 1) + " else " + gen(t, d - 1) + ")";
    }
    case 1: {
      note(Construct::Let);
      Type it = randomType(1);
      std::string init = gen(it, d - 1), name = freshName("v");
      scope.push_back({name, it});
      std::string body = gen(t, d - 1);
      scope.pop_back();
      return "(let " + name + " = " + init + " in " + body + ")";
    }
    case 2: {
      std::string call = fnCall(t, d);
      if (!call.empty()) return call;
      return leaf(t);
    }
    default: {
      Type opt = t.kind == Kind::Opt ? t : Type::wrap(Kind::Opt, t);
      if (path(opt).empty() && r_.chance(80)) return leaf(t);
      note(Construct::Coalesce);
      std::string rhs = t.kind == Kind::Opt ? gen(t, d - 1) : genFlow(t, d - 1);
      return "(" + gen(opt, d - 1) + " ?? " + rhs + ")";
    }
  }
}

std::string ExprGen::fnCall(const Type& t, int d) {
  std::vector<const FnSig*> fit;
  for (const FnSig& f : fns)
    if (f.result == t) fit.push_back(&f);
  if (fit.empty()) return "";
  const FnSig& f = *fit[r_.below(fit.size())];
  note(Construct::FnCall);
  std::string out = f.name + "(";
  for (size_t i = 0; i < f.params.size(); ++i) out += (i ? ", " : "") + genFlow(f.params[i].type, d - 1);
  return out + ")";
}

std::string ExprGen::ruleRef(int d) {
  if (maxRuleRef <= 0) return "";
  const RuleSig& rule = rules[r_.below(maxRuleRef)];
  note(Construct::RuleRef);
  return rule.name + "(" + gen(Type::of(Kind::Record, rule.entry), d - 1) + ")";
}

std::string ExprGen::recordLiteral(int rec, int d) {
  if (interp) return constOf(Type::of(Kind::Record, rec));
  note(Construct::RecordLit);
  const RecordDecl& r = s_.records[rec];
  std::string out = r.name + " {";
  bool first = true;
  for (const Field& f : r.fields) {
    if ((!f.defaultExpr.empty() || f.type.kind == Kind::Opt) && r_.chance(50)) continue;
    out += (first ? " " : ", ") + f.name + ": " + genFlow(f.type, d - 1);
    first = false;
  }
  return out + (first ? "}" : " }");
}

std::string ExprGen::withExpr(const Type& t, int d) {
  if (interp) return leaf(t);
  note(Construct::With);
  std::string base = gen(t, d - 1);
  const RecordDecl& r = s_.records[t.id];
  size_t start = r_.below(r.fields.size()), n = 1 + r_.below(2);
  std::string out = "(" + base + " with { ";
  for (size_t i = 0; i < n && i < r.fields.size(); ++i) {
    const Field* f = &r.fields[(start + i) % r.fields.size()];
    std::string p = f->name;
    for (int depth = 0; depth < 2 && r_.chance(40); ++depth) {
      const Type& ft = f->type.kind == Kind::Opt ? f->type.inner() : f->type;
      if (ft.kind != Kind::Record) break;
      f = &s_.records[ft.id].fields[r_.below(s_.records[ft.id].fields.size())];
      p += "." + f->name;
    }
    out += (i ? ", " : "") + p + ": " + genFlow(f->type, d - 1);
  }
  return out + " })";
}

std::string ExprGen::genRecord(const Type& t, int d) {
  switch (r_.below(4)) {
    case 0: return leaf(t);
    case 1: return recordLiteral(t.id, d);
    case 2: return withExpr(t, d);
    default: return genCommon(t, d);
  }
}

std::string ExprGen::genCollection(const Type& t, int d) {
  switch (r_.below(3)) {
    case 0: return leaf(t);
    case 1: return literal(t);
    default: return genCommon(t, d);
  }
}

std::string ExprGen::genOpt(const Type& t, int d) {
  switch (r_.below(3)) {
    case 0: return leaf(t);
    default: return genCommon(t, d);
  }
}


}  // namespace gai::progen
