// Lowering of operators and calls to explicit typed operations.
#include <string_view>

#include "check/eval.h"
#include "ir/lowerer.h"
#include "std.h"

namespace gai::ir {

namespace {
bool isIntLike(rt::Kind k) { return k == rt::Kind::Int || k == rt::Kind::Duration || k == rt::Kind::Timestamp; }
}  // namespace

const Node* Lowerer::binary(const ast::BinaryExpr& e) {
  using B = ast::BinaryOp;
  const rt::Type* boolT = mod_.types().boolType();
  switch (e.op) {
    case B::And: return node(Op::And, boolT, {expr(*e.lhs), expr(*e.rhs)});
    case B::Or: return node(Op::Or, boolT, {expr(*e.lhs), expr(*e.rhs)});
    case B::Implies: return node(Op::Implies, boolT, {expr(*e.lhs), expr(*e.rhs)});
    case B::Eq: return equality(e);
    case B::Ne: return node(Op::Not, boolT, {equality(e)});
    case B::Lt:
    case B::Le:
    case B::Gt:
    case B::Ge: return order(e);
    case B::In: return membership(e);
    case B::NotIn: return node(Op::Not, boolT, {membership(e)});
    case B::Coalesce: {
      const Node* x = expr(*e.lhs);
      if (x->type->kind != rt::Kind::Optional) fail("coalesce on a non-optional");
      const rt::Type* t = rtType(e.type);
      return node(Op::Coalesce, t, {x, exprAs(*e.rhs, t)});
    }
    default: return arith(e);
  }
}

const Node* Lowerer::equality(const ast::BinaryExpr& e) {
  const rt::Type* boolT = mod_.types().boolType();
  // `x == none` is a presence test.
  if (e.lhs->as<ast::NoneLit>() || e.rhs->as<ast::NoneLit>()) {
    const ast::Expr& other = e.lhs->as<ast::NoneLit>() ? *e.rhs : *e.lhs;
    const Node* x = expr(other);
    if (x->op == Op::NoneOf) return scalarConst(boolT, 1);
    return node(Op::Not, boolT, {node(Op::OptPresent, boolT, {x})});
  }
  const Node* a = expr(*e.lhs);
  const Node* b = expr(*e.rhs);
  if (a->type->kind == rt::Kind::Optional || b->type->kind == rt::Kind::Optional) {
    const rt::Type* t = a->type->kind == rt::Kind::Optional ? a->type : b->type;
    return node(Op::EqValue, boolT, {coerce(a, t), coerce(b, t)});
  }
  if (a->type != b->type) fail("equality of different types");
  Op op = Op::EqValue;
  switch (a->type->kind) {
    case rt::Kind::Bool: op = Op::EqBool; break;
    case rt::Kind::Int:
    case rt::Kind::Duration:
    case rt::Kind::Timestamp: op = Op::EqInt; break;
    case rt::Kind::Float: op = Op::EqFloat; break;
    case rt::Kind::String: op = Op::EqStr; break;
    case rt::Kind::Date: op = Op::EqDate; break;
    case rt::Kind::Enum: op = Op::EqEnum; break;
    case rt::Kind::Set: op = a->type->isBitSet() ? Op::EqBitSet : Op::EqValue; break;
    default: fail("equality on " + rt::typeName(*a->type));
  }
  return node(op, boolT, {a, b});
}

const Node* Lowerer::order(const ast::BinaryExpr& e) {
  const Node* a = expr(*e.lhs);
  const Node* b = expr(*e.rhs);
  if (a->type != b->type) fail("comparison of different types");
  Op op;
  rt::Kind k = a->type->kind;
  if (isIntLike(k)) op = Op::CmpInt;
  else if (k == rt::Kind::Float) op = Op::CmpFloat;
  else if (k == rt::Kind::String) op = Op::CmpStr;
  else if (k == rt::Kind::Date) op = Op::CmpDate;
  else fail("comparison on " + rt::typeName(*a->type));
  Node* n = node(op, mod_.types().boolType(), {a, b});
  switch (e.op) {
    case ast::BinaryOp::Lt: n->cmp = Cmp::Lt; break;
    case ast::BinaryOp::Le: n->cmp = Cmp::Le; break;
    case ast::BinaryOp::Gt: n->cmp = Cmp::Gt; break;
    default: n->cmp = Cmp::Ge; break;
  }
  return n;
}

const Node* Lowerer::membership(const ast::BinaryExpr& e) {
  const rt::Type* ct = rtType(e.rhs->type);
  if (!ct || !ct->element) fail("membership in a non-collection");
  const Node* x = exprAs(*e.lhs, ct->element);
  const Node* c = expr(*e.rhs);
  Op op = ct->kind == rt::Kind::List ? Op::ListHas : (ct->isBitSet() ? Op::BitSetHas : Op::SetHas);
  return node(op, mod_.types().boolType(), {x, c});
}

const Node* Lowerer::arith(const ast::BinaryExpr& e) {
  using B = ast::BinaryOp;
  using K = rt::Kind;
  const Node* a = expr(*e.lhs);
  const Node* b = expr(*e.rhs);
  const rt::Type* t = rtType(e.type);
  K ka = a->type->kind, kb = b->type->kind;
  auto both = [&](K x, K y) { return ka == x && kb == y; };
  B op = e.op;
  Op out;
  bool ok = true;
  if (both(K::Int, K::Int)) {
    static const Op ops[] = {Op::IntAdd, Op::IntSub, Op::IntMul, Op::IntDiv, Op::IntMod};
    out = ops[static_cast<int>(op) - static_cast<int>(B::Add)];
  } else if (both(K::Float, K::Float) && op != B::Mod) {
    static const Op ops[] = {Op::FloatAdd, Op::FloatSub, Op::FloatMul, Op::FloatDiv};
    out = ops[static_cast<int>(op) - static_cast<int>(B::Add)];
  } else if (both(K::Duration, K::Duration) && (op == B::Add || op == B::Sub)) {
    out = op == B::Add ? Op::DurAdd : Op::DurSub;
  } else if ((both(K::Duration, K::Int) || both(K::Int, K::Duration)) && op == B::Mul) {
    out = Op::DurMul;
  } else if (both(K::Timestamp, K::Duration) && (op == B::Add || op == B::Sub)) {
    out = op == B::Add ? Op::TsAddDur : Op::TsSubDur;
  } else if (both(K::Duration, K::Timestamp) && op == B::Add) {
    out = Op::DurAddTs;
  } else if (both(K::Date, K::Duration) && (op == B::Add || op == B::Sub)) {
    out = op == B::Add ? Op::DateAddDur : Op::DateSubDur;
  } else if (both(K::Duration, K::Date) && op == B::Add) {
    out = Op::DurAddDate;
  } else if (both(K::Timestamp, K::Timestamp) && op == B::Sub) {
    out = Op::TsDiff;
  } else if (both(K::Date, K::Date) && op == B::Sub) {
    out = Op::DateDiff;
  } else {
    ok = false;
  }
  if (!ok) fail(std::string("operator ") + ast::spelling(op) + " on " + rt::typeName(*a->type) + " and " + rt::typeName(*b->type));
  return node(out, t, {a, b});
}

const Node* Lowerer::call(const ast::CallExpr& e) {
  const ast::Resolution* res = nullptr;
  if (auto* n = e.callee->as<ast::NameExpr>()) res = &n->res;
  if (auto* f = e.callee->as<ast::FieldExpr>()) res = &f->res;
  if (!res) fail("call of an unresolved callee");
  switch (res->ref) {
    case ast::Ref::Fn: {
      auto it = fnIndex_.find(res->decl);
      if (it == fnIndex_.end()) fail("unknown fn");
      const Fn& fn = mod_.fns[it->second];
      if (e.args.size() != fn.paramTypes.size()) fail("fn argument count");
      Node* n = node(Op::CallFn, rtType(e.type));
      n->index = it->second;
      for (size_t i = 0; i < e.args.size(); ++i) n->kids.push_back(exprAs(*e.args[i], fn.paramTypes[i]));
      return n;
    }
    case ast::Ref::Rule: {
      int index = prog_.ruleIndex(res->decl);
      if (index < 0 || e.args.size() != 1) fail("bad rule reference");
      Node* n = node(Op::RuleRef, mod_.types().boolType(), {expr(*e.args[0])});
      n->index = ruleSlots_.at(index).second;
      return n;
    }
    case ast::Ref::StdFn: return stdCall(e, res->index);
    case ast::Ref::Builtin: return builtin(e, static_cast<ast::Builtin>(res->index));
    default: fail("call of a non-function");
  }
}

const Node* Lowerer::builtin(const ast::CallExpr& e, ast::Builtin which) {
  if (e.args.size() != 1) fail("builtin argument count");
  const Node* x = expr(*e.args[0]);
  rt::TypeTable& t = mod_.types();
  switch (which) {
    case ast::Builtin::Int:
      return x->type->kind == rt::Kind::Float ? node(Op::FloatToInt, t.intType(), {x}) : x;
    case ast::Builtin::Float:
      return x->type->kind == rt::Kind::Int ? node(Op::IntToFloat, t.floatType(), {x}) : x;
    case ast::Builtin::Present:
      if (x->op == Op::NoneOf) return scalarConst(t.boolType(), 0);
      return node(Op::OptPresent, t.boolType(), {x});
    case ast::Builtin::Size: {
      Op op = x->type->kind == rt::Kind::List ? Op::ListSize : (x->type->isBitSet() ? Op::BitSetSize : Op::SetSize);
      return node(op, t.intType(), {x});
    }
    case ast::Builtin::Lines: fail("lines() outside a const");
  }
  fail("unknown builtin");
}

const Node* Lowerer::stdCall(const ast::CallExpr& e, uint32_t index) {
  const auto& table = check::stdFunctions();
  if (index >= table.size()) fail("unknown std function");
  const check::StdFn& fn = table[index];
  if (e.args.size() != fn.params.size()) fail("std argument count");
  Node* n = node(Op::CallStd, rtType(e.type));
  n->index = index;
  for (size_t i = 0; i < e.args.size(); ++i) {
    const ast::Expr& arg = *e.args[i];
    if (fn.params[i] == check::StdParam::Pattern) {
      const std::string* pattern = prog_.regexPattern(&e);
      if (!pattern) fail("text.matches without a checked pattern");
      gai_regex* re = gai_regex_new(pattern->data(), static_cast<int64_t>(pattern->size()));
      if (!re || !gai_regex_ok(re)) {
        gai_regex_free(re);
        fail("invalid pattern");
      }
      mod_.regexes.push_back(re);
      n->prepared = static_cast<int32_t>(mod_.regexes.size() - 1);
      continue;
    }
    if (fn.params[i] == check::StdParam::StringSet) {
      bool lowered = i == 1 && isStdCall(n->kids[0], "TextLower");
      n->prepared = preparedTerms(arg, lowered);
      if (n->prepared < 0) {
        n->kids.push_back(expr(arg));
        continue;
      }
      // text.contains_any(text.lower(x), T) / text.count_terms(text.lower(x), T): scan x
      // with T prepared for lowered text (gai_terms_new_lowered answers exactly what the
      // lowered text would give, without lowering x; see stdlib/terms_lower.h).
      if (lowered) n->kids[0] = n->kids[0]->kids[0];
      continue;
    }
    n->kids.push_back(expr(arg));
  }
  return n;
}

bool Lowerer::isStdCall(const Node* n, const char* id) const {
  if (n->op != Op::CallStd) return false;
  const auto& table = check::stdFunctions();
  return n->index < table.size() && std::string_view(table[n->index].id) == id;
}

// A constant set<string> argument becomes a prepared keyword set (for text.lower(x) when
// `lowered`); -1 when not constant.
int Lowerer::preparedTerms(const ast::Expr& arg, bool lowered) {
  const check::Program& prog = prog_;
  check::ConstEvaluator::Hooks hooks;
  hooks.constValue = [&prog](const ast::ConstDecl* d) { return prog.constValue(d); };
  hooks.fieldDefault = [&prog](const ast::RecordDecl* r, uint32_t i) { return prog.fieldDefault(r, i); };
  hooks.frameSize = [&prog](const ast::Decl* d) { return prog.frameSize(d); };
  check::ConstEvaluator eval(std::move(hooks));
  check::ConstEvaluator::Frame frame(0);
  check::Value v;
  try {
    v = eval.eval(arg, frame);
  } catch (const check::EvalFailure&) {
    return -1;
  }
  std::vector<gai_str> terms;
  for (const check::Value& s : v.elems) terms.push_back(gai_str{s.s.data(), static_cast<int64_t>(s.s.size())});
  auto count = static_cast<int64_t>(terms.size());
  gai_terms* prepared = lowered ? gai_terms_new_lowered(terms.data(), count) : gai_terms_new(terms.data(), count);
  if (!prepared) fail("out of memory");
  mod_.terms.push_back(prepared);
  return static_cast<int>(mod_.terms.size() - 1);
}

}  // namespace gai::ir
