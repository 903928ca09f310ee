// Which right operands of and / or / implies the emitter computes without a branch.
#include "codegen/eager.h"

#include <gtest/gtest.h>

#include <deque>

namespace gai::codegen::test {
namespace {

using ir::Node;
using ir::Op;

class Nodes {
 public:
  Nodes() {
    boolT_.kind = rt::Kind::Bool;
    intT_.kind = rt::Kind::Int;
    strT_.kind = rt::Kind::String;
  }
  const Node* leaf(Op op, const rt::Type& type) { return add(op, type, {}); }
  const Node* add(Op op, const rt::Type& type, std::vector<const Node*> kids) {
    Node& n = nodes_.emplace_back();
    n.op = op;
    n.type = &type;
    n.kids = std::move(kids);
    return &n;
  }
  const rt::Type& boolT() const { return boolT_; }
  const rt::Type& intT() const { return intT_; }
  const rt::Type& strT() const { return strT_; }

 private:
  rt::Type boolT_, intT_, strT_;
  std::deque<Node> nodes_;
};

TEST(Eager, LoadsComparisonsAndLogic) {
  Nodes t;
  const Node* e = t.leaf(Op::Local, t.intT());
  const Node* five = t.leaf(Op::Const, t.intT());
  const Node* cmp = t.add(Op::CmpInt, t.boolT(), {t.add(Op::Field, t.intT(), {e}), five});
  EXPECT_TRUE(evaluatesEagerly(*cmp));
  EXPECT_TRUE(evaluatesEagerly(*t.add(Op::And, t.boolT(), {cmp, t.add(Op::Not, t.boolT(), {cmp})})));
  EXPECT_TRUE(evaluatesEagerly(*t.leaf(Op::Const, t.boolT())));
}

TEST(Eager, NothingThatCanFailOrCall) {
  Nodes t;
  const Node* e = t.leaf(Op::Local, t.intT());
  const Node* quotient = t.add(Op::IntDiv, t.intT(), {e, e});
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::CmpInt, t.boolT(), {quotient, e})));
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::IntAdd, t.intT(), {e, e})));  // may overflow
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::CallStd, t.boolT(), {e})));
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::CallFn, t.boolT(), {e})));
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::EqStr, t.boolT(), {t.leaf(Op::Local, t.strT()), t.leaf(Op::Const, t.strT())})));
  EXPECT_FALSE(evaluatesEagerly(*t.leaf(Op::Now, t.intT())));  // an error without `now`
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::And, t.boolT(), {e, t.add(Op::CmpInt, t.boolT(), {quotient, e})})));
}

TEST(Eager, OnlySmallOperands) {
  Nodes t;
  const Node* x = t.leaf(Op::Local, t.boolT());
  for (int i = 0; i < 11; ++i) x = t.add(Op::Not, t.boolT(), {x});
  EXPECT_TRUE(evaluatesEagerly(*x));  // 12 nodes
  EXPECT_FALSE(evaluatesEagerly(*t.add(Op::Not, t.boolT(), {x})));
}

}  // namespace
}  // namespace gai::codegen::test
