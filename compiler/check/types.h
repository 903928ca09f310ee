// The checker's types, interned: two types are equal exactly when their pointers are.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "syntax/ast.h"

namespace gai::check {

enum class TypeKind : uint8_t {
  Error,  // an ill-typed expression; compatible with everything to avoid cascades
  None,   // the type of the literal `none`; converts to every T?
  Bool, Int, Float, String, Date, Timestamp, Duration,
  Enum, Record, List, Set, Optional,
};

class Type {
 public:
  TypeKind kind() const { return kind_; }
  // List, Set, Optional: the element / wrapped type.
  const Type* elem() const { return elem_; }
  const ast::EnumDecl* enumDecl() const { return enum_; }
  const ast::RecordDecl* recordDecl() const { return record_; }

  bool is(TypeKind k) const { return kind_ == k; }
  bool isError() const { return kind_ == TypeKind::Error; }
  bool isOptional() const { return kind_ == TypeKind::Optional; }
  bool isCollection() const { return kind_ == TypeKind::List || kind_ == TypeKind::Set; }
  // bool, int, float, string, date, timestamp, duration.
  bool isScalar() const { return kind_ >= TypeKind::Bool && kind_ <= TypeKind::Duration; }
  bool isNumeric() const { return kind_ == TypeKind::Int || kind_ == TypeKind::Float; }
  // The wrapped type of an optional, else the type itself.
  const Type* stripOptional() const { return isOptional() ? elem_ : this; }

  // As shown in diagnostics: `set<RiskTag>`, `Output?`, `int`.
  std::string name() const;

 private:
  friend class TypeContext;
  Type(TypeKind kind) : kind_(kind) {}
  TypeKind kind_;
  const Type* elem_ = nullptr;
  const ast::EnumDecl* enum_ = nullptr;
  const ast::RecordDecl* record_ = nullptr;
};

// Owns and interns every type of one program.
class TypeContext {
 public:
  TypeContext();
  TypeContext(const TypeContext&) = delete;
  TypeContext& operator=(const TypeContext&) = delete;

  const Type* error() const { return error_; }
  const Type* none() const { return none_; }
  const Type* boolType() const { return bool_; }
  const Type* intType() const { return int_; }
  const Type* floatType() const { return float_; }
  const Type* stringType() const { return string_; }
  const Type* dateType() const { return date_; }
  const Type* timestampType() const { return timestamp_; }
  const Type* durationType() const { return duration_; }

  const Type* enumType(const ast::EnumDecl* decl);
  const Type* recordType(const ast::RecordDecl* decl);
  const Type* listOf(const Type* elem);
  const Type* setOf(const Type* elem);
  // `T?`; an optional of an optional (or of none/error) collapses to the inner type's form.
  const Type* optionalOf(const Type* elem);

  // A builtin scalar by its source name (`int`, `date`, ...), else nullptr.
  const Type* scalarByName(const std::string& name) const;

 private:
  const Type* make(TypeKind kind, const Type* elem = nullptr);
  std::vector<std::unique_ptr<Type>> owned_;
  std::map<std::pair<int, const void*>, const Type*> interned_;
  const Type *error_, *none_, *bool_, *int_, *float_, *string_, *date_, *timestamp_, *duration_;
};

// May a set hold elements of this type? (scalars and enums)
bool isSetElement(const Type* type);
// Do `==`/`!=` apply? (scalars, enums, optionals of those, sets)
bool isEquatable(const Type* type);
// Do `<`, `<=`, `>`, `>=` apply? (numbers, strings, dates, timestamps, durations)
bool isOrdered(const Type* type);

}  // namespace gai::check
