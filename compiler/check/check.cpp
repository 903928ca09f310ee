// Entry point, package and import collection, name lookup outside expressions.
#include "check/check.h"

#include "check/checker.h"

namespace gai::check {

std::unique_ptr<Program> checkBundle(syntax::Bundle& bundle, DiagnosticSink& diags,
                                     const CheckOptions& options) {
  auto program = std::make_unique<Program>(bundle);
  try {
    Checker checker(bundle, *program, diags, options);
    checker.run();
  } catch (const std::exception& e) {
    // Never let an exception escape; report it where the user can see it.
    diags.emit(DiagId::ConstEvalError, Loc{}, std::string("internal checker error: ") + e.what());
  }
  return program;
}

void Checker::run() {
  collectPackages();
  collectImports();
  checkSignatures();
  checkRecordCycles();
  checkBodies();
  checkDependencyCycles();
  buildRuleTable();
  evaluateConstants();
  foldWhens();
  evaluateTests();
  reportUnused();
}

namespace {
bool isReservedPackage(const std::string& name) {
  return name == "std" || name.rfind("std.", 0) == 0;
}
}  // namespace

void Checker::collectPackages() {
  std::unordered_map<std::string, size_t> byName;
  files_.reserve(bundle_.files.size());
  for (size_t i = 0; i < bundle_.files.size(); ++i) {
    ast::File& file = *bundle_.files[i];
    std::string name = file.package.str();
    if (isReservedPackage(name)) diags_.emit(DiagId::ReservedPackage, file.package.loc);
    auto [it, inserted] = byName.emplace(name, prog_.packages_.size());
    if (inserted) prog_.packages_.push_back(Package{name, {}, {}});
    Package& pkg = prog_.packages_[it->second];
    pkg.files.push_back(&file);
    prog_.filePackage_[&file] = it->second;
    FileScope scope;
    scope.file = &file;
    scope.package = it->second;
    scope.root = i < bundle_.fileRoot.size() ? bundle_.fileRoot[i] : 0;
    files_.push_back(std::move(scope));
  }
  for (FileScope& scope : files_) {
    Package& pkg = prog_.packages_[scope.package];
    for (ast::DeclPtr& decl : scope.file->decls) {
      decl->file = scope.file;
      declFile_[decl.get()] = &scope;
      prog_.decls_.push_back(decl.get());
      if (decl->kind == ast::DeclKind::Test || decl->name.name.empty()) continue;
      auto [it, inserted] = pkg.symbols.emplace(decl->name.name, decl.get());
      if (inserted) continue;
      duplicates_.insert(decl.get());
      diags_.emit(DiagId::DuplicateDecl, decl->name.loc, decl->name.name, pkg.name)
          .withNote(it->second->name.loc, "first declared here");
    }
  }
}

void Checker::collectImports() {
  for (FileScope& scope : files_) {
    for (const ast::Import& import : scope.file->imports) {
      if (import.path.parts.empty()) continue;
      std::string path = import.path.str();
      ImportEntry entry;
      entry.import = &import;
      if (isReservedPackage(path)) {
        std::string module = import.path.parts.size() == 2 ? import.path.parts[1].name : "";
        if (module != "text" && module != "time" && module != "math") {
          diags_.emit(DiagId::UnknownPackage, import.path.loc, path)
              .withHelp("the standard modules are std.text, std.time and std.math");
          continue;
        }
        entry.stdModule = module;
      } else {
        const Package* pkg = prog_.findPackage(path);
        if (!pkg) {
          diags_.emit(DiagId::UnknownPackage, import.path.loc, path);
          continue;
        }
        entry.package = static_cast<int>(pkg - prog_.packages_.data());
      }
      std::string alias = import.visibleName();
      auto [it, inserted] = scope.imports.emplace(alias, entry);
      if (!inserted) {
        diags_.emit(DiagId::DuplicateImport, import.alias ? import.alias->loc : import.path.loc, alias)
            .withNote(it->second.import->loc, "first imported here");
      }
    }
  }
}

const ast::Decl* Checker::lookupDecl(size_t package, const std::string& name) const {
  const auto& symbols = prog_.packages_[package].symbols;
  auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : it->second;
}

Target Checker::lookupInFile(const std::string& name) {
  Target target;
  if (const ast::Decl* decl = lookupDecl(file_->package, name)) {
    target.kind = Target::Kind::Decl;
    target.decl = decl;
    return target;
  }
  auto it = file_->imports.find(name);
  if (it != file_->imports.end()) {
    it->second.used = true;
    if (it->second.package >= 0) {
      target.kind = Target::Kind::Package;
      target.package = it->second.package;
    } else {
      target.kind = Target::Kind::StdModule;
      target.stdModule = it->second.stdModule;
    }
  }
  return target;
}

// Resolves `a` or `alias.a` to a declaration (types, laws, rules, actions).
Target Checker::lookupQualified(const ast::QualName& name, size_t firstPart) {
  Target none;
  if (name.parts.size() <= firstPart) return none;
  const ast::Ident& head = name.parts[firstPart];
  if (name.parts.size() == firstPart + 1) {
    Target t = lookupInFile(head.name);
    if (t.kind == Target::Kind::Nothing) {
      if (const Type* scalar = types_.scalarByName(head.name)) {
        t.kind = Target::Kind::Type;
        t.type = scalar;
      }
    }
    return t;
  }
  Target base = lookupInFile(head.name);
  if (base.kind != Target::Kind::Package || name.parts.size() != firstPart + 2) {
    if (base.kind == Target::Kind::Nothing) {
      diags_.emit(DiagId::UnknownPackage, head.loc, head.name);
      Target reported;
      reported.kind = Target::Kind::Reported;
      return reported;
    }
    return none;
  }
  Target t;
  if (const ast::Decl* decl = lookupDecl(base.package, name.parts[firstPart + 1].name)) {
    t.kind = Target::Kind::Decl;
    t.decl = decl;
  }
  return t;
}

void Checker::noteUse(const ast::Decl* decl, Loc loc) {
  used_.insert(decl);
  if (!current_) return;
  switch (decl->kind) {
    case ast::DeclKind::Fn:
    case ast::DeclKind::Const:
    case ast::DeclKind::Rule:
    case ast::DeclKind::Exception:
    case ast::DeclKind::Record:
      edges_[current_].push_back({decl, loc});
      break;
    default:
      break;
  }
}

std::string Checker::declWhat(const ast::Decl* decl) const {
  switch (decl->kind) {
    case ast::DeclKind::Enum: return "an enum";
    case ast::DeclKind::Record: return "a record";
    case ast::DeclKind::Const: return "a const";
    case ast::DeclKind::Fn: return "a fn";
    case ast::DeclKind::Action: return "an action";
    case ast::DeclKind::Rule: return "a rule";
    case ast::DeclKind::Exception: return "an exception";
    case ast::DeclKind::Law: return "a law";
    case ast::DeclKind::Test: return "a test";
  }
  return "a declaration";
}

const Type* Checker::resolveTypeRef(ast::TypeRef& ref) {
  const Type* result = types_.error();
  switch (ref.kind) {
    case ast::TypeRef::Kind::List:
      result = ref.elem ? types_.listOf(resolveTypeRef(*ref.elem)) : types_.error();
      break;
    case ast::TypeRef::Kind::Optional:
      result = ref.elem ? types_.optionalOf(resolveTypeRef(*ref.elem)) : types_.error();
      break;
    case ast::TypeRef::Kind::Set: {
      const Type* elem = ref.elem ? resolveTypeRef(*ref.elem) : types_.error();
      if (!isSetElement(elem)) {
        diags_.emit(DiagId::BadSetElement, ref.elem->loc, elem->name())
            .withHelp("use list<" + elem->name() + "> for a collection of these");
        elem = types_.error();
      }
      result = types_.setOf(elem);
      break;
    }
    case ast::TypeRef::Kind::Named: {
      Target t = lookupQualified(ref.name);
      if (t.kind == Target::Kind::Reported) {
        result = types_.error();
      } else if (t.kind == Target::Kind::Type) {
        result = t.type;
      } else if (t.kind == Target::Kind::Decl && prog_.declType(t.decl)) {
        used_.insert(t.decl);
        result = prog_.declType(t.decl);
      } else if (t.kind == Target::Kind::Decl) {
        diags_.emit(DiagId::WrongKindOfName, ref.name.loc, ref.name.str(), declWhat(t.decl), "a type");
      } else {
        diags_.emit(DiagId::UnknownType, ref.name.loc, ref.name.str());
      }
      break;
    }
  }
  ref.resolved = result;
  return result;
}

// ---------------------------------------------------------------- locals

void Checker::beginFrame(const ast::Decl* owner) {
  locals_.clear();
  nextSlot_ = 0;
  maxSlot_ = 0;
  current_ = owner;
}

void Checker::endFrame() {
  if (current_) {
    uint32_t& size = prog_.frameSizes_[current_];
    size = std::max(size, maxSlot_);
  }
  locals_.clear();
  current_ = nullptr;
}

void Checker::pushLocal(ast::Binder& binder, const Type* type) {
  binder.type = type;
  binder.slot = nextSlot_++;
  maxSlot_ = std::max(maxSlot_, nextSlot_);
  locals_.push_back(&binder);
}

void Checker::popLocal() {
  locals_.pop_back();
  --nextSlot_;
}

const ast::Binder* Checker::findLocal(const std::string& name) const {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if ((*it)->name.name == name) return *it;
  }
  return nullptr;
}

}  // namespace gai::check
