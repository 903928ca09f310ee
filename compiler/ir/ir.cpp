#include "ir/ir.h"

#include "std.h"

namespace gai::ir {

Module::Module() : types_(std::make_unique<rt::TypeTable>()) {}

Module::~Module() {
  for (gai_terms* t : terms) gai_terms_free(t);
  for (gai_regex* r : regexes) gai_regex_free(r);
}

Node* Module::newNode(Op op, const rt::Type* type) {
  nodes_.emplace_back();
  Node& n = nodes_.back();
  n.op = op;
  n.type = type;
  return &n;
}

int Module::findEntry(const std::string& name) const {
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i]->qualifiedName == name) return static_cast<int>(i);
  int found = -1;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i]->name != name) continue;
    if (found >= 0) return -1;  // ambiguous
    found = static_cast<int>(i);
  }
  return found;
}

const rt::Type* Module::findType(const std::string& name) const {
  for (const rt::Type* t : namedTypes)
    if (t->qualifiedName == name) return t;
  const rt::Type* found = nullptr;
  for (const rt::Type* t : namedTypes) {
    if (t->name != name) continue;
    if (found) return nullptr;
    found = t;
  }
  return found;
}

const char* opName(Op op) {
  switch (op) {
#define X(name) \
  case Op::name: return #name;
    X(Const) X(NoneOf) X(Now) X(Local) X(Let) X(If) X(Not) X(And) X(Or) X(Implies)
    X(OptWrap) X(OptPresent) X(Coalesce) X(OptField) X(Field) X(MakeRecord) X(With)
    X(EqBool) X(EqInt) X(EqFloat) X(EqStr) X(EqDate) X(EqEnum) X(EqBitSet) X(EqValue)
    X(CmpInt) X(CmpFloat) X(CmpStr) X(CmpDate)
    X(IntAdd) X(IntSub) X(IntMul) X(IntDiv) X(IntMod) X(IntNeg)
    X(FloatAdd) X(FloatSub) X(FloatMul) X(FloatDiv) X(FloatNeg) X(IntToFloat) X(FloatToInt)
    X(DurAdd) X(DurSub) X(DurNeg) X(DurMul) X(TsAddDur) X(TsSubDur) X(DurAddTs)
    X(DateAddDur) X(DateSubDur) X(DurAddDate) X(TsDiff) X(DateDiff)
    X(MakeList) X(MakeSet) X(MakeBitSet) X(ListHas) X(SetHas) X(BitSetHas)
    X(ListSize) X(SetSize) X(BitSetSize) X(Any) X(All) X(Count) X(SumInt) X(SumFloat)
    X(CallFn) X(CallStd) X(RuleRef)
#undef X
  }
  return "?";
}

}  // namespace gai::ir
