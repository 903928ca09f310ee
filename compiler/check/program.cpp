#include "check/program.h"

#include <algorithm>

namespace gai::check {

const std::vector<StdFn>& stdFunctions() {
  using P = StdParam;
  static const std::vector<StdFn> table = {
#define STD_FN(Id, Module, Name, Result, ...) StdFn{#Id, #Module, #Name, Result, {__VA_ARGS__}},
#define Bool P::Bool
#define Int P::Int
#define Float P::Float
#define String P::String
#define Date P::Date
#define Timestamp P::Timestamp
#define Duration P::Duration
#define StringSet P::StringSet
#define Pattern P::Pattern
#include "stdlib.def"
#undef Bool
#undef Int
#undef Float
#undef String
#undef Date
#undef Timestamp
#undef Duration
#undef StringSet
#undef Pattern
#undef STD_FN
  };
  return table;
}

const Package* Program::findPackage(const std::string& name) const {
  for (const Package& p : packages_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const Package& Program::packageOf(const ast::Decl* decl) const {
  return packages_[filePackage_.at(decl->file)];
}

std::string Program::qualifiedName(const ast::Decl* decl) const {
  const Package& pkg = packageOf(decl);
  return pkg.name.empty() ? decl->name.name : pkg.name + "." + decl->name.name;
}

int Program::ruleIndex(const ast::Decl* decl) const {
  auto it = ruleIndex_.find(decl);
  return it == ruleIndex_.end() ? -1 : it->second;
}

const Type* Program::declType(const ast::Decl* decl) const {
  auto it = declTypes_.find(decl);
  return it == declTypes_.end() ? nullptr : it->second;
}

const Value* Program::constValue(const ast::Decl* decl) const {
  auto it = constValues_.find(decl);
  return it == constValues_.end() ? nullptr : &it->second;
}

const Value* Program::fieldDefault(const ast::RecordDecl* record, uint32_t index) const {
  auto it = fieldDefaults_.find(record);
  if (it == fieldDefaults_.end() || index >= it->second.size() || !it->second[index]) return nullptr;
  return &*it->second[index];
}

const std::string* Program::regexPattern(const ast::Expr* call) const {
  auto it = regexes_.find(call);
  return it == regexes_.end() ? nullptr : &it->second;
}

uint32_t Program::frameSize(const ast::Decl* decl) const {
  auto it = frameSizes_.find(decl);
  return it == frameSizes_.end() ? 0 : it->second;
}

// ---------------------------------------------------------------- values

int compareValues(const Value& a, const Value& b) {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  switch (a.kind) {
    case Value::Kind::None: return 0;
    case Value::Kind::Bool: return a.b == b.b ? 0 : (a.b ? 1 : -1);
    case Value::Kind::Float: return a.f < b.f ? -1 : (a.f > b.f ? 1 : 0);
    case Value::Kind::String: return a.s < b.s ? -1 : (a.s > b.s ? 1 : 0);
    case Value::Kind::Record:
    case Value::Kind::List:
    case Value::Kind::Set: {
      size_t n = std::min(a.elems.size(), b.elems.size());
      for (size_t i = 0; i < n; ++i) {
        int c = compareValues(a.elems[i], b.elems[i]);
        if (c != 0) return c;
      }
      return a.elems.size() == b.elems.size() ? 0 : (a.elems.size() < b.elems.size() ? -1 : 1);
    }
    default: return a.i == b.i ? 0 : (a.i < b.i ? -1 : 1);
  }
}

bool valuesEqual(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::Float && b.kind == Value::Kind::Float) return a.f == b.f;
  if (a.kind != b.kind || a.elems.size() != b.elems.size()) return false;
  if (!a.elems.empty()) {
    for (size_t i = 0; i < a.elems.size(); ++i) {
      if (!valuesEqual(a.elems[i], b.elems[i])) return false;
    }
    return true;
  }
  return compareValues(a, b) == 0;
}

void canonicalizeSet(std::vector<Value>& elems) {
  std::stable_sort(elems.begin(), elems.end(),
                   [](const Value& a, const Value& b) { return compareValues(a, b) < 0; });
  elems.erase(std::unique(elems.begin(), elems.end(),
                          [](const Value& a, const Value& b) { return compareValues(a, b) == 0; }),
              elems.end());
}

}  // namespace gai::check
