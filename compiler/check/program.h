// The checked program: what the IR builder and the interpreter consume. Built by
// checkBundle (check.h); it points into the bundle's AST, which the checker annotated in
// place (expression types, resolutions, binder slots, field indexes, target decls).
//
// Reading guide for the IR:
// - `decls` lists every declaration in declaration order (files in path order, then
//   position); `rules` lists the rules and exceptions in that order with their edges.
// - Expression nodes carry `type` (never null after a clean check, except the bases of
//   `pkg.x`/`E.member` field expressions, whose resolution is Package/Type). An int
//   literal (or a negated one) used as a float has type float. A `T` used where `T?` is
//   expected keeps type `T`: the consumer wraps it.
// - Locals: every Binder has a `slot`; `frameSize(decl)` is the number of slots of the
//   frame of a fn, rule, exception, test, const or record (field defaults).
// - Constants: `constValue(decl)` and `fieldDefault(record, i)` hold evaluated values.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/types.h"
#include "check/value.h"
#include "syntax/ast.h"
#include "syntax/bundle.h"

namespace gai::check {

// One package of the bundle: its files and its single namespace.
struct Package {
  std::string name;                                // `measures.schema`
  std::vector<const ast::File*> files;             // in path order
  std::map<std::string, const ast::Decl*> symbols; // every named declaration (not tests)
};

// The std function table, from stdlib/stdlib.def.
enum class StdParam : uint8_t { Bool, Int, Float, String, Date, Timestamp, Duration, StringSet, Pattern };
struct StdFn {
  const char* id;      // `TextLength`
  const char* module;  // `text`
  const char* name;    // `length`
  StdParam result;
  std::vector<StdParam> params;
};
const std::vector<StdFn>& stdFunctions();  // index = the Resolution::index of a StdFn ref

// A rule or an exception, with its edges.
struct RuleInfo {
  const ast::RuleLike* decl = nullptr;
  bool isException = false;
  const Type* entry = nullptr;             // the record type of the parameter
  std::optional<int32_t> effectiveFrom;    // days since epoch (at UTC+8, see LANGUAGE.md §5)
  std::optional<int32_t> effectiveUntil;   // inclusive
  std::vector<uint32_t> targets;           // exceptions: indexes in Program::rules
  std::vector<uint32_t> exceptedBy;        // exceptions targeting this one, in decl order
};

struct TestInfo {
  const ast::TestDecl* decl = nullptr;
  const Type* givenType = nullptr;         // null when the test has no given
  std::optional<Value> given;              // the evaluated given value
};

class Program {
 public:
  explicit Program(const syntax::Bundle& bundle) : bundle_(&bundle) {}

  const syntax::Bundle& bundle() const { return *bundle_; }
  TypeContext& types() { return types_; }
  const TypeContext& types() const { return types_; }

  const std::vector<Package>& packages() const { return packages_; }
  const Package* findPackage(const std::string& name) const;
  const Package& packageOf(const ast::Decl* decl) const;
  // `measures.schema.Output`.
  std::string qualifiedName(const ast::Decl* decl) const;

  const std::vector<const ast::Decl*>& decls() const { return decls_; }
  const std::vector<RuleInfo>& rules() const { return rules_; }
  // Index in rules() of a rule or exception, or -1.
  int ruleIndex(const ast::Decl* decl) const;
  const std::vector<TestInfo>& tests() const { return tests_; }

  // The type named by a record or enum declaration.
  const Type* declType(const ast::Decl* decl) const;
  // The evaluated value of a const (null when it could not be evaluated).
  const Value* constValue(const ast::Decl* decl) const;
  // The default of field `index` of a record: its evaluated default, none for an optional
  // field without one, null when the field has no default (required).
  const Value* fieldDefault(const ast::RecordDecl* record, uint32_t index) const;
  // The compiled-at-check-time pattern of a text.matches call, by the call expression.
  const std::string* regexPattern(const ast::Expr* call) const;
  uint32_t frameSize(const ast::Decl* decl) const;

 private:
  friend class Checker;
  friend class ConstState;
  const syntax::Bundle* bundle_;
  TypeContext types_;
  std::vector<Package> packages_;
  std::unordered_map<const ast::File*, size_t> filePackage_;
  std::vector<const ast::Decl*> decls_;
  std::vector<RuleInfo> rules_;
  std::unordered_map<const ast::Decl*, int> ruleIndex_;
  std::vector<TestInfo> tests_;
  std::unordered_map<const ast::Decl*, const Type*> declTypes_;
  std::unordered_map<const ast::Decl*, Value> constValues_;
  std::unordered_map<const ast::RecordDecl*, std::vector<std::optional<Value>>> fieldDefaults_;
  std::unordered_map<const ast::Expr*, std::string> regexes_;
  std::unordered_map<const ast::Decl*, uint32_t> frameSizes_;
};

}  // namespace gai::check
