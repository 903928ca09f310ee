// Compile-time evaluation of expressions over constant values: consts, field defaults,
// test givens, and folding a rule's `when` (W0007). Uses runtime/core/ops.h, the same
// primitive semantics as the interpreter.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "check/program.h"
#include "check/value.h"

namespace gai::check {

struct EvalFailure {
  enum class Kind : uint8_t { NotConstant, Error, NonePath } kind;
  std::string message;  // NotConstant: what is not constant; Error/NonePath: the error
  Loc loc;
  std::string path;     // NonePath: the `with` path
};

class ConstEvaluator {
 public:
  struct Hooks {
    // The value of a const, or nullptr when it has none (reported elsewhere).
    std::function<const Value*(const ast::ConstDecl*)> constValue;
    // The default of a field: nullptr when it has none (required field).
    std::function<const Value*(const ast::RecordDecl*, uint32_t)> fieldDefault;
    std::function<uint32_t(const ast::Decl*)> frameSize;
  };
  explicit ConstEvaluator(Hooks hooks) : hooks_(std::move(hooks)) {}

  // A frame of locals; `known[i]` false means slot i is not a constant (a rule parameter).
  struct Frame {
    std::vector<Value> slots;
    std::vector<bool> known;
    explicit Frame(uint32_t size = 0) : slots(size), known(size, false) {}
  };

  // Throws EvalFailure (caught by the callers in this library).
  Value eval(const ast::Expr& expr, Frame& frame);

 private:
  Value evalName(const ast::Expr& expr, const ast::Resolution& res, Frame& frame);
  Value evalField(const ast::FieldExpr& expr, Frame& frame);
  Value evalCall(const ast::CallExpr& expr, Frame& frame);
  Value evalStd(uint32_t index, const std::vector<Value>& args, Loc loc);
  Value evalUnary(const ast::UnaryExpr& expr, Frame& frame);
  Value evalBinary(const ast::BinaryExpr& expr, Frame& frame);
  Value evalArith(const ast::BinaryExpr& expr, const Value& a, const Value& b);
  Value evalQuant(const ast::QuantExpr& expr, Frame& frame);
  Value evalRecordLit(const ast::RecordLit& expr, Frame& frame);
  Value evalWith(const ast::WithExpr& expr, Frame& frame);
  [[noreturn]] void notConstant(Loc loc, std::string what);
  [[noreturn]] void error(Loc loc, std::string message);

  Hooks hooks_;
  int depth_ = 0;
};

}  // namespace gai::check
