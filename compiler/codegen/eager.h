// Which right operands of `and` / `or` / `implies` native code may evaluate eagerly.
#pragma once

#include "ir/ir.h"

namespace gai::codegen {

// True when evaluating `n` can neither fail nor call anything and costs a few instructions:
// loads of record fields, locals, scalar constants, comparisons of ints, enums, dates and
// bools, enum bit-set tests, `not` and the logical operators over such operands. Its value
// is then the same whether or not it is needed, so `a and n` may compute both sides and
// combine them without a branch (a branch per rule mispredicts on varied records).
bool evaluatesEagerly(const ir::Node& n);

}  // namespace gai::codegen
