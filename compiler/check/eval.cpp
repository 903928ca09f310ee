#include "check/eval.h"

#include <cmath>

#include "core/ops.h"

namespace gai::check {

using VK = Value::Kind;

namespace {
struct DepthGuard {
  int& depth;
  explicit DepthGuard(int& d) : depth(d) { ++depth; }
  ~DepthGuard() { --depth; }
};

bool isTrue(const Value& v) { return v.kind == VK::Bool && v.b; }

// IEEE comparison for floats (false with NaN); total order otherwise.
bool ordered(ast::BinaryOp op, const Value& a, const Value& b) {
  if (a.kind == VK::Float) {
    switch (op) {
      case ast::BinaryOp::Lt: return a.f < b.f;
      case ast::BinaryOp::Le: return a.f <= b.f;
      case ast::BinaryOp::Gt: return a.f > b.f;
      default: return a.f >= b.f;
    }
  }
  int c = compareValues(a, b);
  switch (op) {
    case ast::BinaryOp::Lt: return c < 0;
    case ast::BinaryOp::Le: return c <= 0;
    case ast::BinaryOp::Gt: return c > 0;
    default: return c >= 0;
  }
}
}  // namespace

void ConstEvaluator::notConstant(Loc loc, std::string what) {
  throw EvalFailure{EvalFailure::Kind::NotConstant, std::move(what), loc};
}

void ConstEvaluator::error(Loc loc, std::string message) {
  throw EvalFailure{EvalFailure::Kind::Error, std::move(message), loc};
}

Value ConstEvaluator::eval(const ast::Expr& expr, Frame& frame) {
  DepthGuard guard(depth_);
  if (depth_ > 400) error(expr.loc, "evaluation nests too deeply");
  if (!expr.type || expr.type->isError()) notConstant(expr.loc, "an ill-typed expression");
  bool asFloat = expr.type->is(TypeKind::Float);
  switch (expr.kind) {
    case ast::ExprKind::IntLit: {
      uint64_t m = expr.as<ast::IntLit>()->magnitude;
      return asFloat ? Value::ofFloat(static_cast<double>(m)) : Value::ofInt(static_cast<int64_t>(m));
    }
    case ast::ExprKind::FloatLit: return Value::ofFloat(expr.as<ast::FloatLit>()->value);
    case ast::ExprKind::StringLit: return Value::ofString(expr.as<ast::StringLit>()->value);
    case ast::ExprKind::BoolLit: return Value::ofBool(expr.as<ast::BoolLit>()->value);
    case ast::ExprKind::NoneLit: return Value::none();
    case ast::ExprKind::DateLit: return Value::ofScalar(VK::Date, expr.as<ast::DateLit>()->days);
    case ast::ExprKind::TimestampLit: return Value::ofScalar(VK::Timestamp, expr.as<ast::TimestampLit>()->micros);
    case ast::ExprKind::DurationLit: return Value::ofScalar(VK::Duration, expr.as<ast::DurationLit>()->seconds);
    case ast::ExprKind::Now: notConstant(expr.loc, "'now'");
    case ast::ExprKind::Name: return evalName(expr, expr.as<ast::NameExpr>()->res, frame);
    case ast::ExprKind::Field: return evalField(*expr.as<ast::FieldExpr>(), frame);
    case ast::ExprKind::Call: return evalCall(*expr.as<ast::CallExpr>(), frame);
    case ast::ExprKind::Unary: return evalUnary(*expr.as<ast::UnaryExpr>(), frame);
    case ast::ExprKind::Binary: return evalBinary(*expr.as<ast::BinaryExpr>(), frame);
    case ast::ExprKind::If: {
      auto& e = *expr.as<ast::IfExpr>();
      return isTrue(eval(*e.cond, frame)) ? eval(*e.then, frame) : eval(*e.otherwise, frame);
    }
    case ast::ExprKind::Let: {
      auto& e = *expr.as<ast::LetExpr>();
      Value init = eval(*e.init, frame);
      if (e.var.slot >= frame.slots.size()) notConstant(expr.loc, "a local");
      frame.slots[e.var.slot] = std::move(init);
      frame.known[e.var.slot] = true;
      Value body = eval(*e.body, frame);
      frame.known[e.var.slot] = false;
      return body;
    }
    case ast::ExprKind::Quant: return evalQuant(*expr.as<ast::QuantExpr>(), frame);
    case ast::ExprKind::SetLit:
    case ast::ExprKind::ListLit: {
      bool isSet = expr.kind == ast::ExprKind::SetLit;
      const auto& elems = isSet ? expr.as<ast::SetLit>()->elems : expr.as<ast::ListLit>()->elems;
      std::vector<Value> values;
      for (const ast::ExprPtr& e : elems) values.push_back(eval(*e, frame));
      if (isSet) canonicalizeSet(values);
      return Value::ofElems(isSet ? VK::Set : VK::List, std::move(values));
    }
    case ast::ExprKind::RecordLit: return evalRecordLit(*expr.as<ast::RecordLit>(), frame);
    case ast::ExprKind::With: return evalWith(*expr.as<ast::WithExpr>(), frame);
  }
  notConstant(expr.loc, "this expression");
}

Value ConstEvaluator::evalName(const ast::Expr& expr, const ast::Resolution& res, Frame& frame) {
  switch (res.ref) {
    case ast::Ref::Local: {
      uint32_t slot = res.local ? res.local->slot : UINT32_MAX;
      if (slot >= frame.slots.size() || !frame.known[slot]) notConstant(expr.loc, "'" + res.local->name.name + "'");
      return frame.slots[slot];
    }
    case ast::Ref::EnumMember: return Value::ofScalar(VK::Enum, res.index);
    case ast::Ref::Const: {
      const Value* v = hooks_.constValue(static_cast<const ast::ConstDecl*>(res.decl));
      if (!v) notConstant(expr.loc, "a const without a value");
      return *v;
    }
    default: notConstant(expr.loc, "this name");
  }
}

Value ConstEvaluator::evalField(const ast::FieldExpr& expr, Frame& frame) {
  if (expr.res.ref != ast::Ref::RecordField) return evalName(expr, expr.res, frame);
  Value base = eval(*expr.base, frame);
  if (base.isNone()) {
    if (expr.optionalChain) return Value::none();
    error(expr.loc, "reading field '" + expr.field.name + "' of none");
  }
  if (base.kind != VK::Record || expr.res.index >= base.elems.size()) notConstant(expr.loc, "a field");
  return base.elems[expr.res.index];
}

Value ConstEvaluator::evalCall(const ast::CallExpr& call, Frame& frame) {
  const ast::Resolution* res = nullptr;
  if (auto* n = call.callee->as<ast::NameExpr>()) res = &n->res;
  if (auto* f = call.callee->as<ast::FieldExpr>()) res = &f->res;
  if (!res) notConstant(call.loc, "this call");
  if (res->ref == ast::Ref::Fn) {
    auto* fn = static_cast<const ast::FnDecl*>(res->decl);
    if (!fn->body || call.args.size() != fn->params.size()) notConstant(call.loc, "this call");
    Frame callee(std::max<uint32_t>(hooks_.frameSize(fn), static_cast<uint32_t>(fn->params.size())));
    for (size_t i = 0; i < call.args.size(); ++i) {
      uint32_t slot = fn->params[i].binder.slot;
      callee.slots[slot] = eval(*call.args[i], frame);
      callee.known[slot] = true;
    }
    return eval(*fn->body, callee);
  }
  if (res->ref == ast::Ref::Rule) notConstant(call.loc, "a rule reference");
  if (res->ref == ast::Ref::StdFn) {
    std::vector<Value> args;
    for (const ast::ExprPtr& arg : call.args) args.push_back(eval(*arg, frame));
    return evalStd(res->index, args, call.loc);
  }
  if (res->ref != ast::Ref::Builtin || call.args.size() != 1) notConstant(call.loc, "this call");
  auto builtin = static_cast<ast::Builtin>(res->index);
  if (builtin == ast::Builtin::Lines) notConstant(call.loc, "lines()");
  Value v = eval(*call.args[0], frame);
  switch (builtin) {
    case ast::Builtin::Int: {
      if (v.kind == VK::Int) return v;
      int64_t out = 0;
      rt::OpStatus s = rt::floatToInt(v.f, out);
      if (s != rt::OpStatus::Ok) error(call.loc, rt::opStatusMessage(s));
      return Value::ofInt(out);
    }
    case ast::Builtin::Float:
      return v.kind == VK::Float ? v : Value::ofFloat(rt::intToFloat(v.i));
    case ast::Builtin::Present: return Value::ofBool(!v.isNone());
    case ast::Builtin::Size: return Value::ofInt(static_cast<int64_t>(v.elems.size()));
    default: notConstant(call.loc, "this call");
  }
}

Value ConstEvaluator::evalUnary(const ast::UnaryExpr& expr, Frame& frame) {
  if (expr.op == ast::UnaryOp::Not) return Value::ofBool(!isTrue(eval(*expr.operand, frame)));
  if (auto* lit = expr.operand->as<ast::IntLit>()) {
    if (expr.type->is(TypeKind::Float)) return Value::ofFloat(-static_cast<double>(lit->magnitude));
    return Value::ofInt(static_cast<int64_t>(0 - lit->magnitude));
  }
  Value v = eval(*expr.operand, frame);
  if (v.kind == VK::Float) return Value::ofFloat(-v.f);
  int64_t out = 0;
  rt::OpStatus s = rt::intNeg(v.i, out);
  if (s != rt::OpStatus::Ok) error(expr.loc, rt::opStatusMessage(s));
  return Value::ofScalar(v.kind, out);
}

Value ConstEvaluator::evalBinary(const ast::BinaryExpr& expr, Frame& frame) {
  using Op = ast::BinaryOp;
  switch (expr.op) {
    case Op::And: return Value::ofBool(isTrue(eval(*expr.lhs, frame)) && isTrue(eval(*expr.rhs, frame)));
    case Op::Or: return Value::ofBool(isTrue(eval(*expr.lhs, frame)) || isTrue(eval(*expr.rhs, frame)));
    case Op::Implies: return Value::ofBool(!isTrue(eval(*expr.lhs, frame)) || isTrue(eval(*expr.rhs, frame)));
    case Op::Coalesce: {
      Value l = eval(*expr.lhs, frame);
      return l.isNone() ? eval(*expr.rhs, frame) : l;
    }
    default: break;
  }
  Value a = eval(*expr.lhs, frame);
  Value b = eval(*expr.rhs, frame);
  switch (expr.op) {
    case Op::Eq: return Value::ofBool(valuesEqual(a, b));
    case Op::Ne: return Value::ofBool(!valuesEqual(a, b));
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
      return Value::ofBool(ordered(expr.op, a, b));
    case Op::In:
    case Op::NotIn: {
      bool found = false;
      for (const Value& e : b.elems) found = found || valuesEqual(a, e);
      return Value::ofBool(expr.op == Op::In ? found : !found);
    }
    default: return evalArith(expr, a, b);
  }
}

Value ConstEvaluator::evalArith(const ast::BinaryExpr& expr, const Value& a, const Value& b) {
  using Op = ast::BinaryOp;
  Op op = expr.op;
  if (a.kind == VK::Float && b.kind == VK::Float) {
    switch (op) {
      case Op::Add: return Value::ofFloat(a.f + b.f);
      case Op::Sub: return Value::ofFloat(a.f - b.f);
      case Op::Mul: return Value::ofFloat(a.f * b.f);
      case Op::Div: return Value::ofFloat(a.f / b.f);
      default: notConstant(expr.loc, "this operation");
    }
  }
  int64_t out = 0;
  int32_t day = 0;
  rt::OpStatus s = rt::OpStatus::Ok;
  VK kind = a.kind;
  auto both = [&](VK x, VK y) { return a.kind == x && b.kind == y; };
  if (both(VK::Int, VK::Int) || both(VK::Duration, VK::Duration)) {
    switch (op) {
      case Op::Add: s = rt::intAdd(a.i, b.i, out); break;
      case Op::Sub: s = rt::intSub(a.i, b.i, out); break;
      case Op::Mul: s = rt::intMul(a.i, b.i, out); break;
      case Op::Div: s = rt::intDiv(a.i, b.i, out); break;
      case Op::Mod: s = rt::intMod(a.i, b.i, out); break;
      default: break;
    }
  } else if (both(VK::Duration, VK::Int) || both(VK::Int, VK::Duration)) {
    kind = VK::Duration;
    s = rt::durationMul(a.i, b.i, out);
  } else if (both(VK::Timestamp, VK::Duration)) {
    s = op == Op::Add ? rt::timestampAddDuration(a.i, b.i, out) : rt::timestampSubDuration(a.i, b.i, out);
  } else if (both(VK::Duration, VK::Timestamp)) {
    kind = VK::Timestamp;
    s = rt::timestampAddDuration(b.i, a.i, out);
  } else if (both(VK::Date, VK::Duration) || both(VK::Duration, VK::Date)) {
    bool dateFirst = a.kind == VK::Date;
    int32_t date = static_cast<int32_t>(dateFirst ? a.i : b.i);
    int64_t dur = dateFirst ? b.i : a.i;
    s = op == Op::Sub ? rt::dateSubDuration(date, dur, day) : rt::dateAddDuration(date, dur, day);
    kind = VK::Date;
    out = day;
  } else if (both(VK::Timestamp, VK::Timestamp)) {
    kind = VK::Duration;
    s = rt::timestampDiff(a.i, b.i, out);
  } else if (both(VK::Date, VK::Date)) {
    kind = VK::Duration;
    out = rt::dateDiff(static_cast<int32_t>(a.i), static_cast<int32_t>(b.i));
  } else {
    notConstant(expr.loc, "this operation");
  }
  if (s != rt::OpStatus::Ok) error(expr.loc, rt::opStatusMessage(s));
  return Value::ofScalar(kind, out);
}

Value ConstEvaluator::evalQuant(const ast::QuantExpr& expr, Frame& frame) {
  Value coll = eval(*expr.collection, frame);
  uint32_t slot = expr.var.slot;
  if (slot >= frame.slots.size()) notConstant(expr.loc, "a local");
  const Type* bodyType = expr.body->type;
  Value acc;
  switch (expr.quant) {
    case ast::QuantKind::Any: acc = Value::ofBool(false); break;
    case ast::QuantKind::All: acc = Value::ofBool(true); break;
    case ast::QuantKind::Count: acc = Value::ofInt(0); break;
    case ast::QuantKind::Sum:
      acc = bodyType->is(TypeKind::Float) ? Value::ofFloat(0)
            : Value::ofScalar(bodyType->is(TypeKind::Duration) ? VK::Duration : VK::Int, 0);
      break;
  }
  for (const Value& elem : coll.elems) {
    frame.slots[slot] = elem;
    frame.known[slot] = true;
    Value v = eval(*expr.body, frame);
    if (expr.quant == ast::QuantKind::Any && isTrue(v)) { acc.b = true; break; }
    if (expr.quant == ast::QuantKind::All && !isTrue(v)) { acc.b = false; break; }
    if (expr.quant == ast::QuantKind::Count && isTrue(v)) ++acc.i;
    if (expr.quant != ast::QuantKind::Sum) continue;
    if (acc.kind == VK::Float) {
      acc.f += v.f;
    } else if (rt::intAdd(acc.i, v.i, acc.i) != rt::OpStatus::Ok) {
      error(expr.loc, rt::opStatusMessage(rt::OpStatus::IntOverflow));
    }
  }
  frame.known[slot] = false;
  return acc;
}

Value ConstEvaluator::evalRecordLit(const ast::RecordLit& expr, Frame& frame) {
  if (!expr.record) notConstant(expr.loc, "a record literal");
  auto* record = static_cast<const ast::RecordDecl*>(expr.record);
  std::vector<Value> fields(record->fields.size());
  std::vector<bool> given(record->fields.size(), false);
  for (const ast::FieldInit& init : expr.fields) {
    if (init.fieldIndex >= fields.size()) notConstant(expr.loc, "a record literal");
    fields[init.fieldIndex] = eval(*init.value, frame);
    given[init.fieldIndex] = true;
  }
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (given[i]) continue;
    const Value* def = hooks_.fieldDefault(record, i);
    if (!def) notConstant(expr.loc, "a record literal missing a field");
    fields[i] = *def;
  }
  return Value::ofElems(VK::Record, std::move(fields));
}

Value ConstEvaluator::evalWith(const ast::WithExpr& expr, Frame& frame) {
  Value result = eval(*expr.base, frame);
  for (const ast::WithUpdate& update : expr.updates) {
    if (update.fieldPath.size() != update.path.size() || update.path.empty()) notConstant(expr.loc, "a 'with' path");
    Value v = eval(*update.value, frame);
    Value* cur = &result;
    std::string shown;
    for (size_t i = 0; i < update.fieldPath.size(); ++i) {
      if (cur->isNone()) {
        throw EvalFailure{EvalFailure::Kind::NonePath,
                          "'" + shown + "' is none, so '" + update.path[i].name + "' cannot be set", update.path[i].loc, shown + "." + update.path[i].name};
      }
      if (cur->kind != VK::Record || update.fieldPath[i] >= cur->elems.size()) notConstant(expr.loc, "a 'with' path");
      shown += (i ? "." : "") + update.path[i].name;
      cur = &cur->elems[update.fieldPath[i]];
    }
    *cur = std::move(v);
  }
  return result;
}

}  // namespace gai::check
