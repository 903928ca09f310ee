// Lowering of expressions: literals, names, fields, control forms, collections, records.
#include <algorithm>

#include "ir/lowerer.h"

namespace gai::ir {

Node* Lowerer::node(Op op, const rt::Type* type, std::vector<const Node*> kids) {
  Node* n = mod_.newNode(op, type);
  n->kids = std::move(kids);
  return n;
}

void Lowerer::noteSlot(uint32_t slot) { maxSlot_ = std::max(maxSlot_, slot + 1); }

// A `T` where `T?` is expected is wrapped; an untyped `none` takes the expected type.
const Node* Lowerer::coerce(const Node* n, const rt::Type* target) {
  if (!target || n->type == target) return n;
  if (n->op == Op::NoneOf && target->kind == rt::Kind::Optional) return node(Op::NoneOf, target);
  if (target->kind == rt::Kind::Optional && n->type == target->element) return node(Op::OptWrap, target, {n});
  fail("cannot convert " + (n->type ? rt::typeName(*n->type) : std::string("none")) + " to " +
       rt::typeName(*target));
}

const Node* Lowerer::expr(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::IntLit:
    case ast::ExprKind::FloatLit:
    case ast::ExprKind::StringLit:
    case ast::ExprKind::BoolLit:
    case ast::ExprKind::NoneLit:
    case ast::ExprKind::DateLit:
    case ast::ExprKind::TimestampLit:
    case ast::ExprKind::DurationLit: return literal(e);
    case ast::ExprKind::Now: return node(Op::Now, mod_.types().timestampType());
    case ast::ExprKind::Name: return name(e, e.as<ast::NameExpr>()->res);
    case ast::ExprKind::Field: return field(*e.as<ast::FieldExpr>());
    case ast::ExprKind::Call: return call(*e.as<ast::CallExpr>());
    case ast::ExprKind::Unary: return unary(*e.as<ast::UnaryExpr>());
    case ast::ExprKind::Binary: return binary(*e.as<ast::BinaryExpr>());
    case ast::ExprKind::If: {
      auto& x = *e.as<ast::IfExpr>();
      const rt::Type* t = rtType(e.type);
      const Node* c = expr(*x.cond);
      const Node* a = exprAs(*x.then, t);
      const Node* b = exprAs(*x.otherwise, t);
      return node(Op::If, t, {c, a, b});
    }
    case ast::ExprKind::Let: {
      auto& x = *e.as<ast::LetExpr>();
      const Node* init = expr(*x.init);
      noteSlot(x.var.slot);
      const rt::Type* t = rtType(e.type);
      Node* n = node(Op::Let, t, {init, exprAs(*x.body, t)});
      n->slot = x.var.slot;
      return n;
    }
    case ast::ExprKind::Quant: return quant(*e.as<ast::QuantExpr>());
    case ast::ExprKind::SetLit: return collection(e, e.as<ast::SetLit>()->elems, true);
    case ast::ExprKind::ListLit: return collection(e, e.as<ast::ListLit>()->elems, false);
    case ast::ExprKind::RecordLit: return recordLit(*e.as<ast::RecordLit>());
    case ast::ExprKind::With: return with(*e.as<ast::WithExpr>());
  }
  fail("unknown expression kind");
}

const Node* Lowerer::literal(const ast::Expr& e) {
  rt::TypeTable& t = mod_.types();
  switch (e.kind) {
    case ast::ExprKind::IntLit: {
      uint64_t m = e.as<ast::IntLit>()->magnitude;
      if (e.type && e.type->is(check::TypeKind::Float)) return scalarConst(t.floatType(), 0, static_cast<double>(m));
      return scalarConst(t.intType(), static_cast<int64_t>(m));
    }
    case ast::ExprKind::FloatLit: return scalarConst(t.floatType(), 0, e.as<ast::FloatLit>()->value);
    case ast::ExprKind::StringLit:
      return constNode(check::Value::ofString(e.as<ast::StringLit>()->value), t.stringType());
    case ast::ExprKind::BoolLit: return scalarConst(t.boolType(), e.as<ast::BoolLit>()->value ? 1 : 0);
    case ast::ExprKind::NoneLit: return node(Op::NoneOf, rtType(e.type));
    case ast::ExprKind::DateLit: return scalarConst(t.dateType(), e.as<ast::DateLit>()->days);
    case ast::ExprKind::TimestampLit: return scalarConst(t.timestampType(), e.as<ast::TimestampLit>()->micros);
    case ast::ExprKind::DurationLit: return scalarConst(t.durationType(), e.as<ast::DurationLit>()->seconds);
    default: fail("not a literal");
  }
}

const Node* Lowerer::name(const ast::Expr& e, const ast::Resolution& res) {
  switch (res.ref) {
    case ast::Ref::Local: {
      if (!res.local) fail("a local without a binder");
      Node* n = node(Op::Local, rtType(e.type));
      n->slot = res.local->slot;
      noteSlot(n->slot);
      return n;
    }
    case ast::Ref::EnumMember: return scalarConst(rtType(e.type), res.index);
    case ast::Ref::Const: return constRef(constOf(static_cast<const ast::ConstDecl*>(res.decl)));
    default: fail("name cannot be used as a value");
  }
}

const Node* Lowerer::field(const ast::FieldExpr& e) {
  if (e.res.ref != ast::Ref::RecordField) return name(e, e.res);
  const Node* base = expr(*e.base);
  const rt::Type* rec = base->type;
  bool optional = rec->kind == rt::Kind::Optional;
  if (optional) rec = rec->element;
  if (rec->kind != rt::Kind::Record || e.res.index >= rec->fields.size()) fail("field of a non-record");
  Node* n = node(optional ? Op::OptField : Op::Field, rtType(e.type), {base});
  n->index = e.res.index;
  n->offset = rec->fields[e.res.index].offset;
  return n;
}

const Node* Lowerer::unary(const ast::UnaryExpr& e) {
  if (e.op == ast::UnaryOp::Not) return node(Op::Not, mod_.types().boolType(), {expr(*e.operand)});
  const rt::Type* t = rtType(e.type);
  if (auto* lit = e.operand->as<ast::IntLit>()) {
    if (t->kind == rt::Kind::Float) return scalarConst(t, 0, -static_cast<double>(lit->magnitude));
    return scalarConst(t, static_cast<int64_t>(0 - lit->magnitude));
  }
  const Node* x = expr(*e.operand);
  switch (t->kind) {
    case rt::Kind::Int: return node(Op::IntNeg, t, {x});
    case rt::Kind::Float: return node(Op::FloatNeg, t, {x});
    case rt::Kind::Duration: return node(Op::DurNeg, t, {x});
    default: fail("negation of " + rt::typeName(*t));
  }
}

static Iter iterOf(const rt::Type* coll) {
  if (coll->kind == rt::Kind::List) return Iter::List;
  return coll->isBitSet() ? Iter::BitSet : Iter::SliceSet;
}

const Node* Lowerer::quant(const ast::QuantExpr& e) {
  const Node* coll = expr(*e.collection);
  if (coll->type->kind != rt::Kind::List && coll->type->kind != rt::Kind::Set) fail("quantifier over a non-collection");
  noteSlot(e.var.slot);
  const Node* body = expr(*e.body);
  const rt::Type* t = rtType(e.type);
  Op op = Op::Any;
  switch (e.quant) {
    case ast::QuantKind::Any: op = Op::Any; break;
    case ast::QuantKind::All: op = Op::All; break;
    case ast::QuantKind::Count: op = Op::Count; break;
    case ast::QuantKind::Sum: op = t->kind == rt::Kind::Float ? Op::SumFloat : Op::SumInt; break;
  }
  Node* n = node(op, t, {coll, body});
  n->slot = e.var.slot;
  n->iter = iterOf(coll->type);
  return n;
}

const Node* Lowerer::collection(const ast::Expr& e, const std::vector<ast::ExprPtr>& elems, bool isSet) {
  const rt::Type* t = rtType(e.type);
  if (!t || !t->element) fail("collection literal without an element type");
  std::vector<const Node*> kids;
  for (const ast::ExprPtr& x : elems) kids.push_back(exprAs(*x, t->element));
  Op op = !isSet ? Op::MakeList : (t->isBitSet() ? Op::MakeBitSet : Op::MakeSet);
  return node(op, t, std::move(kids));
}

const Node* Lowerer::recordLit(const ast::RecordLit& e) {
  const rt::Type* t = rtType(e.type);
  if (t->kind != rt::Kind::Record) fail("record literal of a non-record");
  Node* n = node(Op::MakeRecord, t);
  for (const ast::FieldInit& f : e.fields) {
    if (f.fieldIndex >= t->fields.size()) fail("record literal field out of range");
    n->kids.push_back(exprAs(*f.value, t->fields[f.fieldIndex].type));
    n->fieldIndexes.push_back(f.fieldIndex);
  }
  return n;
}

const Node* Lowerer::with(const ast::WithExpr& e) {
  const Node* base = expr(*e.base);
  Node* n = node(Op::With, base->type, {base});
  for (const ast::WithUpdate& u : e.updates) {
    if (u.fieldPath.empty() || u.fieldPath.size() != u.path.size()) fail("'with' path not resolved");
    const rt::Type* cur = base->type;
    WithUpdate step;
    for (size_t i = 0; i < u.fieldPath.size(); ++i) {
      if (cur->kind == rt::Kind::Optional) cur = cur->element;
      if (cur->kind != rt::Kind::Record || u.fieldPath[i] >= cur->fields.size()) fail("bad 'with' path");
      cur = cur->fields[u.fieldPath[i]].type;
      step.path.push_back(u.fieldPath[i]);
      step.names.push_back(u.path[i].name);
    }
    n->kids.push_back(exprAs(*u.value, cur));
    n->updates.push_back(std::move(step));
  }
  return n;
}

}  // namespace gai::ir
