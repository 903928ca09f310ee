// Lowering driver, runtime types and constants in the flat layout.
#include "ir/lower.h"

#include <cstring>

#include "core/layout.h"
#include "ir/lowerer.h"
#include "std.h"

namespace gai::ir {

std::unique_ptr<Module> lower(const check::Program& program, std::string* error) {
  auto module = std::make_unique<Module>();
  try {
    Lowerer(program, *module).run();
  } catch (const LowerError& e) {
    if (error) *error = e.message;
    return nullptr;
  } catch (const std::exception& e) {
    if (error) *error = std::string("internal error while lowering: ") + e.what();
    return nullptr;
  }
  return module;
}

void Lowerer::run() {
  declareTypes();
  setDefaults();
  numberRules();
  lowerFns();
  lowerRules();
  lowerTests();
}

void Lowerer::declareTypes() {
  rt::TypeTable& table = mod_.types();
  for (const ast::Decl* decl : prog_.decls()) {
    if (auto* e = decl->as<ast::EnumDecl>()) {
      std::vector<std::string> members;
      for (const ast::Ident& m : e->members) members.push_back(m.name);
      rt::Type* t = table.addEnum(e->name.name, std::move(members), prog_.qualifiedName(decl));
      declTypes_[decl] = t;
      types_[prog_.declType(decl)] = t;
    } else if (decl->as<ast::RecordDecl>()) {
      rt::Type* t = table.addRecord(decl->name.name, prog_.qualifiedName(decl));
      declTypes_[decl] = t;
      types_[prog_.declType(decl)] = t;
    }
  }
  for (const ast::Decl* decl : prog_.decls()) {
    auto* r = decl->as<ast::RecordDecl>();
    if (!r) continue;
    rt::Type* t = declTypes_.at(decl);
    for (const ast::FieldDecl& f : r->fields) {
      if (!f.type || !f.type->resolved) fail("field " + f.name.name + " has no type");
      table.addField(t, f.name.name, rtType(f.type->resolved));
    }
  }
  std::string err;
  if (!table.finalize(&err)) fail(err);
  layoutsDone_ = true;
  for (const ast::Decl* decl : prog_.decls()) {
    if (decl->as<ast::EnumDecl>() || decl->as<ast::RecordDecl>()) mod_.namedTypes.push_back(declTypes_.at(decl));
  }
}

void Lowerer::setDefaults() {
  rt::TypeTable& table = mod_.types();
  for (const ast::Decl* decl : prog_.decls()) {
    auto* r = decl->as<ast::RecordDecl>();
    if (!r) continue;
    rt::Type* t = declTypes_.at(decl);
    for (uint32_t i = 0; i < r->fields.size(); ++i) {
      const check::Value* v = prog_.fieldDefault(r, i);
      const rt::Type& ft = *t->fields[i].type;
      if (!v || (ft.kind == rt::Kind::Optional && v->isNone())) continue;
      void* bytes = table.constants().allocateZeroed(ft.size ? ft.size : 1, ft.align);
      if (!bytes) fail("out of memory");
      writeValue(*v, ft, bytes);
      t->fields[i].defaultValue = bytes;
    }
  }
}

const rt::Type* Lowerer::rtType(const check::Type* type) {
  if (!type) fail("an expression without a type");
  auto it = types_.find(type);
  if (it != types_.end()) return it->second;
  rt::TypeTable& table = mod_.types();
  const rt::Type* out = nullptr;
  switch (type->kind()) {
    case check::TypeKind::Bool: out = table.boolType(); break;
    case check::TypeKind::Int: out = table.intType(); break;
    case check::TypeKind::Float: out = table.floatType(); break;
    case check::TypeKind::String: out = table.stringType(); break;
    case check::TypeKind::Date: out = table.dateType(); break;
    case check::TypeKind::Timestamp: out = table.timestampType(); break;
    case check::TypeKind::Duration: out = table.durationType(); break;
    case check::TypeKind::List: out = table.listOf(rtType(type->elem())); break;
    case check::TypeKind::Set: out = table.setOf(rtType(type->elem())); break;
    case check::TypeKind::Optional: out = table.optionalOf(rtType(type->elem())); break;
    case check::TypeKind::None: return nullptr;  // `none` before coercion
    default: fail("type " + type->name() + " cannot be lowered");
  }
  // Composite types made after finalize() are laid out now (finalize skips finished ones).
  if (layoutsDone_ && !out->finalized && !table.finalize()) fail("layout of " + type->name());
  types_[type] = out;
  return out;
}

void Lowerer::writeValue(const check::Value& v, const rt::Type& t, void* dst) {
  rt::Arena& arena = mod_.types().constants();
  switch (t.kind) {
    case rt::Kind::Bool: *static_cast<uint8_t*>(dst) = v.b ? 1 : 0; return;
    case rt::Kind::Int:
    case rt::Kind::Duration:
    case rt::Kind::Timestamp: std::memcpy(dst, &v.i, 8); return;
    case rt::Kind::Float: {
      double f = v.kind == check::Value::Kind::Int ? static_cast<double>(v.i) : v.f;
      std::memcpy(dst, &f, 8);
      return;
    }
    case rt::Kind::Date: {
      int32_t d = static_cast<int32_t>(v.i);
      std::memcpy(dst, &d, 4);
      return;
    }
    case rt::Kind::Enum: {
      uint32_t e = static_cast<uint32_t>(v.i);
      std::memcpy(dst, &e, 4);
      return;
    }
    case rt::Kind::String: {
      const char* data = arena.copyString(v.s);
      if (!data) fail("out of memory");
      rt::Str s{data, static_cast<int64_t>(v.s.size())};
      std::memcpy(dst, &s, sizeof s);
      return;
    }
    case rt::Kind::Optional:
      if (v.isNone()) return;  // zero bytes
      *static_cast<uint8_t*>(dst) = 1;
      writeValue(v, *t.element, rt::optionalValue(t, dst));
      return;
    case rt::Kind::Record:
      for (uint32_t i = 0; i < t.fields.size() && i < v.elems.size(); ++i)
        writeValue(v.elems[i], *t.fields[i].type, rt::fieldAddress(t, i, dst));
      return;
    case rt::Kind::Set:
      if (t.isBitSet()) {
        uint64_t mask = 0;
        for (const check::Value& e : v.elems) mask |= uint64_t(1) << e.i;
        std::memcpy(dst, &mask, 8);
        return;
      }
      [[fallthrough]];
    case rt::Kind::List: {
      const rt::Type& et = *t.element;
      size_t n = v.elems.size();
      char* data = static_cast<char*>(arena.allocateZeroed(n * et.size + 1, et.align < 8 ? 8 : et.align));
      if (!data) fail("out of memory");
      for (size_t i = 0; i < n; ++i) writeValue(v.elems[i], et, data + i * et.size);
      int64_t count = static_cast<int64_t>(n);
      if (t.kind == rt::Kind::Set) count = rt::canonicalizeSet(et, data, count);
      rt::Slice s{data, count};
      std::memcpy(dst, &s, sizeof s);
      return;
    }
  }
}

uint32_t Lowerer::addConstant(const check::Value& value, const rt::Type* type) {
  void* bytes = mod_.types().constants().allocateZeroed(type->size ? type->size : 1, type->align);
  if (!bytes) fail("out of memory");
  writeValue(value, *type, bytes);
  mod_.constants.push_back(Constant{type, bytes});
  return static_cast<uint32_t>(mod_.constants.size() - 1);
}

const Node* Lowerer::constNode(const check::Value& value, const rt::Type* type) {
  return constRef(addConstant(value, type));
}

const Node* Lowerer::constRef(uint32_t index) {
  const rt::Type* type = mod_.constants[index].type;
  Node* n = node(Op::Const, type);
  n->index = index;
  const void* bytes = mod_.constants[index].bytes;
  switch (type->kind) {
    case rt::Kind::Bool: n->imm = *static_cast<const uint8_t*>(bytes); break;
    case rt::Kind::Int:
    case rt::Kind::Duration:
    case rt::Kind::Timestamp: std::memcpy(&n->imm, bytes, 8); break;
    case rt::Kind::Float: std::memcpy(&n->fimm, bytes, 8); break;
    case rt::Kind::Date: n->imm = *static_cast<const int32_t*>(bytes); break;
    case rt::Kind::Enum: n->imm = *static_cast<const uint32_t*>(bytes); break;
    case rt::Kind::Set:
      if (type->isBitSet()) std::memcpy(&n->imm, bytes, 8);
      break;
    default: break;
  }
  return n;
}

const Node* Lowerer::scalarConst(const rt::Type* type, int64_t bits, double f) {
  check::Value v;
  switch (type->kind) {
    case rt::Kind::Bool: v = check::Value::ofBool(bits != 0); break;
    case rt::Kind::Float: v = check::Value::ofFloat(f); break;
    default: v = check::Value::ofInt(bits); break;
  }
  return constNode(v, type);
}

uint32_t Lowerer::constOf(const ast::ConstDecl* decl) {
  auto it = consts_.find(decl);
  if (it != consts_.end()) return it->second;
  const check::Value* v = prog_.constValue(decl);
  if (!v) fail("const " + decl->name.name + " has no value");
  if (!decl->type || !decl->type->resolved) fail("const " + decl->name.name + " has no type");
  uint32_t index = addConstant(*v, rtType(decl->type->resolved));
  consts_[decl] = index;
  return index;
}

}  // namespace gai::ir
