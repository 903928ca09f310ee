// The checker's internal state, shared by its translation units. Not a public header.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "check/check.h"
#include "check/program.h"

namespace gai::check {

// What an import alias of one file names.
struct ImportEntry {
  const ast::Import* import = nullptr;
  int package = -1;        // index in Program::packages_, or -1 for a std module
  std::string stdModule;   // `text`, `time`, `math`
  bool used = false;
};

struct FileScope {
  ast::File* file = nullptr;
  size_t package = 0;
  uint32_t root = 0;
  std::unordered_map<std::string, ImportEntry> imports;
};

// What a (possibly qualified) name refers to outside expressions' locals.
struct Target {
  enum class Kind : uint8_t { Nothing, Reported, Decl, Package, StdModule, Type } kind = Kind::Nothing;
  const ast::Decl* decl = nullptr;
  int package = -1;
  std::string stdModule;
  const Type* type = nullptr;  // Kind::Type: a builtin scalar
};

class ConstState;

class Checker {
 public:
  Checker(syntax::Bundle& bundle, Program& program, DiagnosticSink& diags, const CheckOptions& options);
  ~Checker();

  void run();

  // ---- check.cpp: collection, scopes, lookups
  void collectPackages();
  void collectImports();
  const Type* resolveTypeRef(ast::TypeRef& ref);
  Target lookupQualified(const ast::QualName& name, size_t firstPart = 0);
  Target lookupInFile(const std::string& name);
  const ast::Decl* lookupDecl(size_t package, const std::string& name) const;
  void noteUse(const ast::Decl* decl, Loc loc);
  std::string declWhat(const ast::Decl* decl) const;  // "a rule", "a const", ...

  // ---- expr.cpp / ops.cpp: expressions
  const Type* checkExpr(ast::Expr& expr, const Type* expected);
  // Checks `expr` against `expected`; reports a mismatch at the expression.
  const Type* checkAgainst(ast::Expr& expr, const Type* expected, const char* what = nullptr);
  bool assignable(const Type* from, const Type* to) const;
  void reportMismatch(const ast::Expr& expr, const Type* expected, const Type* found);
  const Type* checkName(ast::NameExpr& expr, const Type* expected);
  const Type* checkField(ast::FieldExpr& expr, const Type* expected);
  const Type* checkCall(ast::CallExpr& expr, const Type* expected);
  const Type* checkStdCall(ast::CallExpr& call, ast::Resolution& res, const std::string& module,
                           const std::string& name);
  const Type* checkBuiltinCall(ast::CallExpr& call, ast::Builtin builtin, const Type* expected);
  const Type* checkFnCall(ast::CallExpr& call, const ast::FnDecl* fn);
  const Type* checkRuleCall(ast::CallExpr& call, const ast::RuleDecl* rule);
  const Type* checkUnary(ast::UnaryExpr& expr, const Type* expected);
  const Type* checkBinary(ast::BinaryExpr& expr, const Type* expected);
  const Type* checkEquality(ast::BinaryExpr& expr);
  const Type* checkMembership(ast::BinaryExpr& expr);
  const Type* checkArithmetic(ast::BinaryExpr& expr, const Type* expected);
  const Type* checkCoalesce(ast::BinaryExpr& expr, const Type* expected);
  const Type* checkQuant(ast::QuantExpr& expr);
  const Type* checkCollectionLit(ast::Expr& expr, std::vector<ast::ExprPtr>& elems, bool isSet,
                                 const Type* expected);
  const Type* checkRecordLit(ast::RecordLit& expr);
  const Type* checkWith(ast::WithExpr& expr);
  const Type* requireValue(ast::Expr& expr, const Type* type, const char* context);
  bool needsExpected(const ast::Expr& expr);
  void retypeIntLiteral(ast::Expr& expr, const Type* target);
  bool isIntLiteral(const ast::Expr& expr) const;

  // Locals
  void pushLocal(ast::Binder& binder, const Type* type);
  void popLocal();
  const ast::Binder* findLocal(const std::string& name) const;
  void beginFrame(const ast::Decl* owner);
  void endFrame();

  // ---- decls.cpp
  void checkSignatures();
  void checkBodies();
  void checkRecord(ast::RecordDecl& decl);
  void checkConst(ast::ConstDecl& decl);
  void checkFn(ast::FnDecl& decl);
  void checkRuleLike(ast::RuleLike& decl);
  void checkRule(ast::RuleDecl& decl);
  void checkException(ast::ExceptionDecl& decl);
  void checkEffects(ast::RuleDecl& decl);
  void checkMessage(ast::RuleDecl& decl);
  void checkEffective(const ast::Effective& eff);
  void checkLaw(ast::LawDecl& decl);
  void checkCitations(ast::RuleLike& decl);
  void checkCitation(ast::Citation& cite);
  const ast::ActionDecl* resolveAction(const ast::QualName& name);
  void checkActionArgs(const ast::ActionDecl* action, bool hasArgs, std::vector<ast::ExprPtr>& args,
                       Loc loc, bool inTest);

  // ---- tests.cpp
  void checkTest(ast::TestDecl& decl);
  void checkExpectation(ast::TestDecl& test, ast::Expectation& exp, const Type* givenType);
  const ast::Decl* resolveRuleName(const ast::QualName& name, bool exceptionOnly);
  void evaluateTests();

  // ---- graph.cpp
  void checkRecordCycles();
  void checkDependencyCycles();
  void buildRuleTable();
  void reportUnused();

  // ---- consts.cpp
  void evaluateConstants();
  void foldWhens();
  std::optional<Value> evaluateGiven(const ast::Expr& expr, const ast::Decl* test);
  std::unique_ptr<ConstState> constState_;

  // ---- state
  syntax::Bundle& bundle_;
  Program& prog_;
  DiagnosticSink& diags_;
  const CheckOptions& options_;
  TypeContext& types_;

  std::vector<FileScope> files_;
  FileScope* file_ = nullptr;        // the file being checked
  const ast::Decl* current_ = nullptr;  // the declaration being checked (dependency source)
  bool inConstValue_ = false;        // checking a const's top-level value (lines() allowed)
  bool inTest_ = false;

  std::vector<ast::Binder*> locals_;
  uint32_t nextSlot_ = 0;
  uint32_t maxSlot_ = 0;

  // Dependency edges: from a fn, const, rule, exception or record to what it uses.
  std::unordered_map<const ast::Decl*, std::vector<std::pair<const ast::Decl*, Loc>>> edges_;
  std::unordered_set<const ast::Decl*> used_;
  std::unordered_set<const ast::Decl*> onCycle_;
  std::unordered_map<const ast::Decl*, FileScope*> declFile_;
  std::unordered_set<const ast::Decl*> duplicates_;  // later duplicates: not in the namespace
};

}  // namespace gai::check
