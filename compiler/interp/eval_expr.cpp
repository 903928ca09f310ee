// Expression evaluation: one case per IR operation, left to right, lazy where the language is.
#include <cmath>

#include "core/builder.h"
#include "core/ops.h"
#include "interp/evaluator.h"

namespace gai::interp {

using ir::Op;

namespace {
void check(rt::OpStatus s) {
  if (s != rt::OpStatus::Ok) raise(rt::opStatusMessage(s));
}

bool compare(ir::Cmp cmp, int c) {
  switch (cmp) {
    case ir::Cmp::Lt: return c < 0;
    case ir::Cmp::Le: return c <= 0;
    case ir::Cmp::Gt: return c > 0;
    case ir::Cmp::Ge: return c >= 0;
  }
  return false;
}

template <typename T>
int threeWay(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

void* Evaluator::alloc(size_t size, size_t align) {
  void* p = arena_.allocateZeroed(size ? size : 1, align);
  if (!p) raise("out of memory");
  return p;
}

Val Evaluator::none(const rt::Type& type) { return ofPtr(alloc(type.size, type.align)); }

Val Evaluator::wrap(const rt::Type& optional, const Val& v) {
  char* p = static_cast<char*>(alloc(optional.size, optional.align));
  p[0] = 1;
  store(*optional.element, v, p + optional.valueOffset);
  return ofPtr(p);
}

Val Evaluator::eval(const ir::Node& n, Val* frame) {
  switch (n.op) {
    case Op::Const: return load(*n.type, mod_.constants[n.index].bytes);
    case Op::NoneOf: return none(*n.type);
    case Op::Now:
      if (!options_.hasNow) raise(kNoNowError);
      return ofInt(now_);
    case Op::Local: return frame[n.slot];
    case Op::Let:
    case Op::If:
    case Op::Not:
    case Op::And:
    case Op::Or:
    case Op::Implies: return evalControl(n, frame);
    case Op::OptWrap:
    case Op::OptPresent:
    case Op::Coalesce:
    case Op::OptField: return evalOptional(n, frame);
    case Op::Field:
    case Op::MakeRecord:
    case Op::With: return evalRecord(n, frame);
    case Op::EqBool: case Op::EqInt: case Op::EqFloat: case Op::EqStr: case Op::EqDate:
    case Op::EqEnum: case Op::EqBitSet: case Op::EqValue:
    case Op::CmpInt: case Op::CmpFloat: case Op::CmpStr: case Op::CmpDate: return evalCompare(n, frame);
    case Op::IntAdd: case Op::IntSub: case Op::IntMul: case Op::IntDiv: case Op::IntMod: case Op::IntNeg:
    case Op::FloatAdd: case Op::FloatSub: case Op::FloatMul: case Op::FloatDiv: case Op::FloatNeg:
    case Op::IntToFloat: case Op::FloatToInt: return evalArith(n, frame);
    case Op::DurAdd: case Op::DurSub: case Op::DurNeg: case Op::DurMul: case Op::TsAddDur:
    case Op::TsSubDur: case Op::DurAddTs: case Op::DateAddDur: case Op::DateSubDur:
    case Op::DurAddDate: case Op::TsDiff: case Op::DateDiff: return evalTime(n, frame);
    case Op::MakeList: case Op::MakeSet: case Op::MakeBitSet: case Op::ListHas: case Op::SetHas:
    case Op::BitSetHas: case Op::ListSize: case Op::SetSize: case Op::BitSetSize: return evalCollection(n, frame);
    case Op::Any: case Op::All: case Op::Count: case Op::SumInt: case Op::SumFloat: return evalQuant(n, frame);
    case Op::CallFn: return evalCall(n, frame);
    case Op::CallStd: return evalStd(n, frame);
    case Op::RuleRef: return evalRuleRef(n, frame);
  }
  raise("unknown operation");
}

Val Evaluator::evalControl(const ir::Node& n, Val* frame) {
  const auto& k = n.kids;
  switch (n.op) {
    case Op::Let:
      frame[n.slot] = eval(*k[0], frame);
      return eval(*k[1], frame);
    case Op::If: return eval(*k[0], frame).b ? eval(*k[1], frame) : eval(*k[2], frame);
    case Op::Not: return ofBool(!eval(*k[0], frame).b);
    case Op::And: return ofBool(eval(*k[0], frame).b && eval(*k[1], frame).b);
    case Op::Or: return ofBool(eval(*k[0], frame).b || eval(*k[1], frame).b);
    default: return ofBool(!eval(*k[0], frame).b || eval(*k[1], frame).b);  // Implies
  }
}

Val Evaluator::evalOptional(const ir::Node& n, Val* frame) {
  const auto& k = n.kids;
  switch (n.op) {
    case Op::OptWrap: return wrap(*n.type, eval(*k[0], frame));
    case Op::OptPresent: return ofBool(rt::optionalPresent(eval(*k[0], frame).p));
    case Op::Coalesce: {
      Val x = eval(*k[0], frame);
      if (!rt::optionalPresent(x.p)) return eval(*k[1], frame);
      if (n.type->kind == rt::Kind::Optional) return x;
      const rt::Type& ot = *k[0]->type;
      return load(*ot.element, rt::optionalValue(ot, x.p));
    }
    default: {  // OptField
      Val base = eval(*k[0], frame);
      if (!rt::optionalPresent(base.p)) return none(*n.type);
      const rt::Type& ot = *k[0]->type;
      const rt::Type& ft = *ot.element->fields[n.index].type;
      const char* at = static_cast<const char*>(rt::optionalValue(ot, base.p)) + n.offset;
      if (ft.kind == rt::Kind::Optional) return ofPtr(at);
      return wrap(*n.type, load(ft, at));
    }
  }
}

Val Evaluator::evalRecord(const ir::Node& n, Val* frame) {
  if (n.op == Op::Field) {
    Val base = eval(*n.kids[0], frame);
    const rt::Type& rec = *n.kids[0]->type;
    return load(*rec.fields[n.index].type, static_cast<const char*>(base.p) + n.offset);
  }
  if (n.op == Op::With) return with(n, frame);
  const rt::Type& rec = *n.type;
  char* p = static_cast<char*>(alloc(rec.size, rec.align));
  rt::applyDefaults(rec, p);
  for (size_t i = 0; i < n.kids.size(); ++i) {
    uint32_t f = n.fieldIndexes[i];
    store(*rec.fields[f].type, eval(*n.kids[i], frame), p + rec.fields[f].offset);
  }
  return ofPtr(p);
}

Val Evaluator::with(const ir::Node& n, Val* frame) {
  const rt::Type& rec = *n.type;
  Val base = eval(*n.kids[0], frame);
  char* copy = static_cast<char*>(alloc(rec.size, rec.align));
  if (rec.size) std::memcpy(copy, base.p, rec.size);
  for (size_t u = 0; u < n.updates.size(); ++u) {
    const ir::WithUpdate& update = n.updates[u];
    Val v = eval(*n.kids[u + 1], frame);
    const rt::Type* cur = &rec;
    char* at = copy;
    for (size_t i = 0; i < update.path.size(); ++i) {
      if (cur->kind == rt::Kind::Optional) {
        if (!rt::optionalPresent(at)) {
          std::string shown;
          for (size_t j = 0; j < i; ++j) shown += (j ? "." : "") + update.names[j];
          std::string msg = "'" + shown + "' is none, so '" + update.names[i] + "' cannot be set";
          const char* text = arena_.copyString(msg);
          raise(text ? text : "a 'with' path goes through none");
        }
        at += cur->valueOffset;
        cur = cur->element;
      }
      const rt::Field& f = cur->fields[update.path[i]];
      at += f.offset;
      cur = f.type;
    }
    store(*cur, v, at);
  }
  return ofPtr(copy);
}

Val Evaluator::evalCompare(const ir::Node& n, Val* frame) {
  Val a = eval(*n.kids[0], frame);
  Val b = eval(*n.kids[1], frame);
  switch (n.op) {
    case Op::EqBool: return ofBool(a.b == b.b);
    case Op::EqInt: return ofBool(a.i == b.i);
    case Op::EqFloat: return ofBool(a.f == b.f);
    case Op::EqStr: return ofBool(a.s.view() == b.s.view());
    case Op::EqDate: return ofBool(a.d == b.d);
    case Op::EqEnum: return ofBool(a.e == b.e);
    case Op::EqBitSet: return ofBool(a.mask == b.mask);
    case Op::EqValue: {
      const rt::Type& t = *n.kids[0]->type;
      return ofBool(rt::valuesEqual(t, addressOf(t, a), addressOf(t, b)));
    }
    case Op::CmpInt: return ofBool(compare(n.cmp, threeWay(a.i, b.i)));
    case Op::CmpDate: return ofBool(compare(n.cmp, threeWay(a.d, b.d)));
    case Op::CmpStr: return ofBool(compare(n.cmp, rt::stringCompare(a.s.view(), b.s.view())));
    default:  // CmpFloat: IEEE, false with NaN
      switch (n.cmp) {
        case ir::Cmp::Lt: return ofBool(a.f < b.f);
        case ir::Cmp::Le: return ofBool(a.f <= b.f);
        case ir::Cmp::Gt: return ofBool(a.f > b.f);
        case ir::Cmp::Ge: return ofBool(a.f >= b.f);
      }
  }
  return ofBool(false);
}

Val Evaluator::evalArith(const ir::Node& n, Val* frame) {
  Val a = eval(*n.kids[0], frame);
  switch (n.op) {
    case Op::IntNeg: { int64_t r; check(rt::intNeg(a.i, r)); return ofInt(r); }
    case Op::FloatNeg: return ofFloat(-a.f);
    case Op::IntToFloat: return ofFloat(rt::intToFloat(a.i));
    case Op::FloatToInt: { int64_t r; check(rt::floatToInt(a.f, r)); return ofInt(r); }
    default: break;
  }
  Val b = eval(*n.kids[1], frame);
  int64_t r = 0;
  switch (n.op) {
    case Op::IntAdd: check(rt::intAdd(a.i, b.i, r)); break;
    case Op::IntSub: check(rt::intSub(a.i, b.i, r)); break;
    case Op::IntMul: check(rt::intMul(a.i, b.i, r)); break;
    case Op::IntDiv: check(rt::intDiv(a.i, b.i, r)); break;
    case Op::IntMod: check(rt::intMod(a.i, b.i, r)); break;
    case Op::FloatAdd: return ofFloat(a.f + b.f);
    case Op::FloatSub: return ofFloat(a.f - b.f);
    case Op::FloatMul: return ofFloat(a.f * b.f);
    default: return ofFloat(a.f / b.f);  // FloatDiv
  }
  return ofInt(r);
}

Val Evaluator::evalTime(const ir::Node& n, Val* frame) {
  Val a = eval(*n.kids[0], frame);
  int64_t r = 0;
  if (n.op == Op::DurNeg) {
    check(rt::durationNeg(a.i, r));
    return ofInt(r);
  }
  Val b = eval(*n.kids[1], frame);
  int32_t day = 0;
  switch (n.op) {
    case Op::DurAdd: check(rt::durationAdd(a.i, b.i, r)); return ofInt(r);
    case Op::DurSub: check(rt::durationSub(a.i, b.i, r)); return ofInt(r);
    case Op::DurMul: check(rt::durationMul(a.i, b.i, r)); return ofInt(r);
    case Op::TsAddDur: check(rt::timestampAddDuration(a.i, b.i, r)); return ofInt(r);
    case Op::TsSubDur: check(rt::timestampSubDuration(a.i, b.i, r)); return ofInt(r);
    case Op::DurAddTs: check(rt::timestampAddDuration(b.i, a.i, r)); return ofInt(r);
    case Op::DateAddDur: check(rt::dateAddDuration(a.d, b.i, day)); return ofDate(day);
    case Op::DateSubDur: check(rt::dateSubDuration(a.d, b.i, day)); return ofDate(day);
    case Op::DurAddDate: check(rt::dateAddDuration(b.d, a.i, day)); return ofDate(day);
    case Op::TsDiff: check(rt::timestampDiff(a.i, b.i, r)); return ofInt(r);
    default: return ofInt(rt::dateDiff(a.d, b.d));  // DateDiff
  }
}

}  // namespace gai::interp
