#include "check/types.h"

namespace gai::check {

std::string Type::name() const {
  switch (kind_) {
    case TypeKind::Error: return "<error>";
    case TypeKind::None: return "none";
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::Float: return "float";
    case TypeKind::String: return "string";
    case TypeKind::Date: return "date";
    case TypeKind::Timestamp: return "timestamp";
    case TypeKind::Duration: return "duration";
    case TypeKind::Enum: return enum_->name.name;
    case TypeKind::Record: return record_->name.name;
    case TypeKind::List: return "list<" + elem_->name() + ">";
    case TypeKind::Set: return "set<" + elem_->name() + ">";
    case TypeKind::Optional: return elem_->name() + "?";
  }
  return "?";
}

TypeContext::TypeContext() {
  error_ = make(TypeKind::Error);
  none_ = make(TypeKind::None);
  bool_ = make(TypeKind::Bool);
  int_ = make(TypeKind::Int);
  float_ = make(TypeKind::Float);
  string_ = make(TypeKind::String);
  date_ = make(TypeKind::Date);
  timestamp_ = make(TypeKind::Timestamp);
  duration_ = make(TypeKind::Duration);
}

const Type* TypeContext::make(TypeKind kind, const Type* elem) {
  owned_.push_back(std::unique_ptr<Type>(new Type(kind)));
  owned_.back()->elem_ = elem;
  return owned_.back().get();
}

const Type* TypeContext::enumType(const ast::EnumDecl* decl) {
  auto key = std::make_pair(static_cast<int>(TypeKind::Enum), static_cast<const void*>(decl));
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  const Type* type = make(TypeKind::Enum);
  owned_.back()->enum_ = decl;
  interned_[key] = type;
  return type;
}

const Type* TypeContext::recordType(const ast::RecordDecl* decl) {
  auto key = std::make_pair(static_cast<int>(TypeKind::Record), static_cast<const void*>(decl));
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  const Type* type = make(TypeKind::Record);
  owned_.back()->record_ = decl;
  interned_[key] = type;
  return type;
}

const Type* TypeContext::listOf(const Type* elem) {
  if (elem->isError()) return error_;
  auto key = std::make_pair(static_cast<int>(TypeKind::List), static_cast<const void*>(elem));
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  return interned_[key] = make(TypeKind::List, elem);
}

const Type* TypeContext::setOf(const Type* elem) {
  if (elem->isError()) return error_;
  auto key = std::make_pair(static_cast<int>(TypeKind::Set), static_cast<const void*>(elem));
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  return interned_[key] = make(TypeKind::Set, elem);
}

const Type* TypeContext::optionalOf(const Type* elem) {
  if (elem->isError() || elem->isOptional()) return elem;
  if (elem->is(TypeKind::None)) return elem;
  auto key = std::make_pair(static_cast<int>(TypeKind::Optional), static_cast<const void*>(elem));
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  return interned_[key] = make(TypeKind::Optional, elem);
}

const Type* TypeContext::scalarByName(const std::string& name) const {
  if (name == "bool") return bool_;
  if (name == "int") return int_;
  if (name == "float") return float_;
  if (name == "string") return string_;
  if (name == "date") return date_;
  if (name == "timestamp") return timestamp_;
  if (name == "duration") return duration_;
  return nullptr;
}

bool isSetElement(const Type* type) {
  return type->isError() || type->isScalar() || type->is(TypeKind::Enum);
}

bool isEquatable(const Type* type) {
  const Type* t = type->stripOptional();
  return t->isError() || t->isScalar() || t->is(TypeKind::Enum) || t->is(TypeKind::Set) ||
         t->is(TypeKind::None);
}

bool isOrdered(const Type* type) {
  switch (type->kind()) {
    case TypeKind::Error:
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::String:
    case TypeKind::Date:
    case TypeKind::Timestamp:
    case TypeKind::Duration:
      return true;
    default:
      return false;
  }
}

}  // namespace gai::check
