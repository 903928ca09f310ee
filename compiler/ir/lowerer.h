// Internal to the lowering: the state shared by lower*.cpp.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "check/program.h"
#include "ir/ir.h"

namespace gai::ir {

struct LowerError {
  std::string message;
};

class Lowerer {
 public:
  Lowerer(const check::Program& program, Module& module) : prog_(program), mod_(module) {}

  void run();

 private:
  // types and values (lower.cpp)
  void declareTypes();
  void setDefaults();
  const rt::Type* rtType(const check::Type* type);
  void writeValue(const check::Value& value, const rt::Type& type, void* dst);
  uint32_t addConstant(const check::Value& value, const rt::Type* type);
  const Node* constNode(const check::Value& value, const rt::Type* type);
  const Node* constRef(uint32_t index);
  const Node* scalarConst(const rt::Type* type, int64_t bits, double f = 0);
  uint32_t constOf(const ast::ConstDecl* decl);

  // expressions (lower_expr.cpp)
  const Node* expr(const ast::Expr& e);
  const Node* coerce(const Node* node, const rt::Type* target);
  const Node* exprAs(const ast::Expr& e, const rt::Type* target) { return coerce(expr(e), target); }
  const Node* literal(const ast::Expr& e);
  const Node* name(const ast::Expr& e, const ast::Resolution& res);
  const Node* field(const ast::FieldExpr& e);
  const Node* unary(const ast::UnaryExpr& e);
  const Node* quant(const ast::QuantExpr& e);
  const Node* collection(const ast::Expr& e, const std::vector<ast::ExprPtr>& elems, bool isSet);
  const Node* recordLit(const ast::RecordLit& e);
  const Node* with(const ast::WithExpr& e);
  Node* node(Op op, const rt::Type* type, std::vector<const Node*> kids = {});
  void noteSlot(uint32_t slot);

  // operators and calls (lower_ops.cpp)
  const Node* binary(const ast::BinaryExpr& e);
  const Node* equality(const ast::BinaryExpr& e);
  const Node* order(const ast::BinaryExpr& e);
  const Node* membership(const ast::BinaryExpr& e);
  const Node* arith(const ast::BinaryExpr& e);
  const Node* call(const ast::CallExpr& e);
  const Node* builtin(const ast::CallExpr& e, ast::Builtin which);
  const Node* stdCall(const ast::CallExpr& e, uint32_t index);
  int preparedTerms(const ast::Expr& arg, bool lowered);
  bool isStdCall(const Node* n, const char* id) const;

  // declarations (lower_rules.cpp)
  void numberRules();
  void lowerFns();
  void lowerRules();
  void lowerRule(const check::RuleInfo& info, RuleCode& code);
  void buildRuleInfo(const check::RuleInfo& info, RuleCode& code, rt::RuleInfo& out);
  void lowerTests();
  uint32_t entryIndex(const rt::Type* type);

  [[noreturn]] void fail(const std::string& message) { throw LowerError{message}; }

  const check::Program& prog_;
  Module& mod_;
  std::unordered_map<const check::Type*, const rt::Type*> types_;
  std::unordered_map<const ast::Decl*, rt::Type*> declTypes_;
  std::unordered_map<const ast::Decl*, uint32_t> consts_;
  std::unordered_map<const ast::Decl*, uint32_t> fnIndex_;
  std::vector<std::pair<bool, uint32_t>> ruleSlots_;  // program rule index -> (isException, index)
  uint32_t maxSlot_ = 0;
  bool layoutsDone_ = false;  // records laid out: new composite types are laid out at once  // highest frame slot seen + 1 while lowering one frame
};

}  // namespace gai::ir
