#include "codegen/eager.h"

namespace gai::codegen {

namespace {

using ir::Op;
using rt::Kind;

// Nodes an eager operand may hold; more than this is not worth computing when unneeded.
constexpr int kEagerBudget = 12;

bool scalarConstant(const ir::Node& n) {
  switch (n.type->kind) {
    case Kind::Bool: case Kind::Int: case Kind::Enum: case Kind::Date: return true;
    case Kind::Set: return n.type->isBitSet();
    default: return false;
  }
}

bool eager(const ir::Node& n, int& budget) {
  if (--budget < 0) return false;
  auto kids = [&] {
    for (const ir::Node* k : n.kids)
      if (!eager(*k, budget)) return false;
    return true;
  };
  switch (n.op) {
    case Op::Const: return scalarConstant(n);
    case Op::Local: return true;
    case Op::Field:  // the base is a record's address: its bytes are always readable
    case Op::OptPresent:
    case Op::Not: case Op::And: case Op::Or: case Op::Implies:
    case Op::EqBool: case Op::EqInt: case Op::EqEnum: case Op::EqDate: case Op::EqBitSet:
    case Op::CmpInt: case Op::CmpDate:
    case Op::BitSetHas: case Op::MakeBitSet:
      return kids();
    default: return false;
  }
}

}  // namespace

bool evaluatesEagerly(const ir::Node& n) {
  int budget = kEagerBudget;
  return eager(n, budget);
}

}  // namespace gai::codegen
