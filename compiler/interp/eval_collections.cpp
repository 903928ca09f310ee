// Collections, quantifiers and calls (fns and std functions).
#include <cmath>

#include "core/ops.h"
#include "interp/evaluator.h"
#include "std.h"

namespace gai::interp {

using ir::Op;

namespace {

enum class StdId : uint32_t {
#define STD_FN(Id, ...) Id,
#include "stdlib.def"
};

const char* elementAt(const rt::Slice& s, const rt::Type& elem, int64_t i) {
  return static_cast<const char*>(s.data) + i * static_cast<int64_t>(elem.size);
}

bool sliceSetHas(const rt::Type& elem, const rt::Slice& s, const Val& x) {
  if (elem.kind == rt::Kind::Float && std::isnan(x.f)) return false;
  int64_t lo = 0, hi = s.count;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    int c = rt::compareElements(elem, elementAt(s, elem, mid), &x);
    if (c == 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

void* stdAlloc(void* ctx, int64_t size) { return static_cast<rt::Arena*>(ctx)->allocate(static_cast<size_t>(size), 1); }

void checkStd(gai_std_status s) {
  if (s != GAI_STD_OK) raise(gai_std_error_message(s));
}

}  // namespace

Val Evaluator::evalCollection(const ir::Node& n, Val* frame) {
  if (n.op == Op::MakeBitSet) {
    uint64_t mask = 0;
    for (const ir::Node* k : n.kids) mask |= uint64_t(1) << eval(*k, frame).e;
    Val v = zeroVal();
    v.mask = mask;
    return v;
  }
  if (n.op == Op::MakeList || n.op == Op::MakeSet) {
    const rt::Type& elem = *n.type->element;
    char* data = static_cast<char*>(alloc(elem.size * n.kids.size(), elem.align < 8 ? 8 : elem.align));
    for (size_t i = 0; i < n.kids.size(); ++i) store(elem, eval(*n.kids[i], frame), data + i * elem.size);
    int64_t count = static_cast<int64_t>(n.kids.size());
    if (n.op == Op::MakeSet) count = rt::canonicalizeSet(elem, data, count);
    Val v = zeroVal();
    v.sl = rt::Slice{data, count};
    return v;
  }
  if (n.op == Op::ListSize || n.op == Op::SetSize) return ofInt(eval(*n.kids[0], frame).sl.count);
  if (n.op == Op::BitSetSize) return ofInt(__builtin_popcountll(eval(*n.kids[0], frame).mask));
  Val x = eval(*n.kids[0], frame);
  Val c = eval(*n.kids[1], frame);
  const rt::Type& elem = *n.kids[1]->type->element;
  if (n.op == Op::BitSetHas) return ofBool((c.mask >> x.e) & 1);
  if (n.op == Op::SetHas) return ofBool(sliceSetHas(elem, c.sl, x));
  const void* want = addressOf(elem, x);  // ListHas
  for (int64_t i = 0; i < c.sl.count; ++i)
    if (rt::valuesEqual(elem, want, elementAt(c.sl, elem, i))) return ofBool(true);
  return ofBool(false);
}

Val Evaluator::evalQuant(const ir::Node& n, Val* frame) {
  Val coll = eval(*n.kids[0], frame);
  const rt::Type& elem = *n.kids[0]->type->element;
  const ir::Node& body = *n.kids[1];
  int64_t count = 0, sum = 0;
  double fsum = 0;
  // Returns true when the quantifier is decided.
  auto step = [&](const Val& x) {
    frame[n.slot] = x;
    Val v = eval(body, frame);
    switch (n.op) {
      case Op::Any: return v.b;
      case Op::All: return !v.b;
      case Op::Count: count += v.b ? 1 : 0; return false;
      case Op::SumInt:
        if (rt::intAdd(sum, v.i, sum) != rt::OpStatus::Ok) raise(rt::opStatusMessage(rt::OpStatus::IntOverflow));
        return false;
      default: fsum += v.f; return false;
    }
  };
  bool decided = false;
  if (n.iter == ir::Iter::BitSet) {
    for (uint32_t bit = 0; bit < 64 && !decided; ++bit) {
      if (!((coll.mask >> bit) & 1)) continue;
      Val x = zeroVal();
      x.e = bit;
      decided = step(x);
    }
  } else {
    for (int64_t i = 0; i < coll.sl.count && !decided; ++i) decided = step(load(elem, elementAt(coll.sl, elem, i)));
  }
  switch (n.op) {
    case Op::Any: return ofBool(decided);
    case Op::All: return ofBool(!decided);
    case Op::Count: return ofInt(count);
    case Op::SumInt: return ofInt(sum);
    default: return ofFloat(fsum);
  }
}

Val Evaluator::evalCall(const ir::Node& n, Val* frame) {
  const ir::Fn& fn = mod_.fns[n.index];
  std::vector<Val> callee(fn.frameSize, zeroVal());
  for (size_t i = 0; i < n.kids.size(); ++i) callee[fn.paramSlots[i]] = eval(*n.kids[i], frame);
  return eval(*fn.body, callee.data());
}

Val Evaluator::evalStd(const ir::Node& n, Val* frame) {
  Val a[2] = {zeroVal(), zeroVal()};
  for (size_t i = 0; i < n.kids.size() && i < 2; ++i) a[i] = eval(*n.kids[i], frame);
  const gai_terms* terms = n.prepared >= 0 && n.prepared < static_cast<int32_t>(mod_.terms.size()) ? mod_.terms[n.prepared] : nullptr;
  Val out = zeroVal();
  switch (static_cast<StdId>(n.index)) {
    case StdId::TextLength: return ofInt(gai_std_text_length(a[0].s.data, a[0].s.len));
    case StdId::TextLower:
    case StdId::TextUpper: {
      gai_str r{nullptr, 0};
      auto fn = static_cast<StdId>(n.index) == StdId::TextLower ? gai_std_text_lower : gai_std_text_upper;
      checkStd(fn(a[0].s.data, a[0].s.len, stdAlloc, &arena_, &r));
      out.s = rt::Str{r.data, r.len};
      return out;
    }
    case StdId::TextContains: return ofBool(gai_std_text_contains(a[0].s.data, a[0].s.len, a[1].s.data, a[1].s.len));
    case StdId::TextStartsWith: return ofBool(gai_std_text_starts_with(a[0].s.data, a[0].s.len, a[1].s.data, a[1].s.len));
    case StdId::TextEndsWith: return ofBool(gai_std_text_ends_with(a[0].s.data, a[0].s.len, a[1].s.data, a[1].s.len));
    case StdId::TextMatches: return ofBool(gai_std_text_matches(a[0].s.data, a[0].s.len, mod_.regexes.at(n.prepared)));
    case StdId::TextContainsAny:
      if (terms) return ofBool(gai_std_text_contains_any(a[0].s.data, a[0].s.len, terms));
      return ofBool(gai_std_text_contains_any_list(a[0].s.data, a[0].s.len, static_cast<const gai_str*>(a[1].sl.data), a[1].sl.count));
    case StdId::TextCountTerms:
      if (terms) return ofInt(gai_std_text_count_terms(a[0].s.data, a[0].s.len, terms));
      return ofInt(gai_std_text_count_terms_list(a[0].s.data, a[0].s.len, static_cast<const gai_str*>(a[1].sl.data), a[1].sl.count));
    case StdId::TimeDays: return ofInt(gai_std_time_days(a[0].i));
    case StdId::TimeHours: return ofInt(gai_std_time_hours(a[0].i));
    case StdId::TimeMinutes: return ofInt(gai_std_time_minutes(a[0].i));
    case StdId::TimeDateOf: return ofDate(gai_std_time_date_of(a[0].i));
    case StdId::TimeDateOfOffset: {
      int32_t d = 0;
      checkStd(gai_std_time_date_of_offset(a[0].i, a[1].i, &d));
      return ofDate(d);
    }
    case StdId::MathAbsInt: {
      int64_t r = 0;
      checkStd(gai_std_math_abs_int(a[0].i, &r));
      return ofInt(r);
    }
    case StdId::MathAbsFloat: return ofFloat(gai_std_math_abs_float(a[0].f));
    case StdId::MathMinInt: return ofInt(gai_std_math_min_int(a[0].i, a[1].i));
    case StdId::MathMinFloat: return ofFloat(gai_std_math_min_float(a[0].f, a[1].f));
    case StdId::MathMaxInt: return ofInt(gai_std_math_max_int(a[0].i, a[1].i));
    case StdId::MathMaxFloat: return ofFloat(gai_std_math_max_float(a[0].f, a[1].f));
  }
  raise("unknown std function");
}

}  // namespace gai::interp
