// Constant evaluation: consts, record field defaults, lines(), constant `when` (W0007).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/checker.h"
#include "check/eval.h"
#include "check/lines.h"

namespace gai::check {

namespace {
bool isSilent(const EvalFailure& f) {
  // Only these make a well-typed expression non-constant; any other failure comes from
  // an error already reported (ill-typed code, a broken const).
  if (f.kind != EvalFailure::Kind::NotConstant) return false;
  return f.message != "'now'" && f.message != "a rule reference" && f.message != "lines()";
}
}  // namespace

// Lazily evaluates consts and field defaults, each once, in dependency order.
class ConstState {
 public:
  explicit ConstState(Checker& c)
      : c_(c),
        eval_(ConstEvaluator::Hooks{[this](const ast::ConstDecl* d) { return constValue(d); },
                                    [this](const ast::RecordDecl* r, uint32_t i) { return fieldDefault(r, i); },
                                    [this](const ast::Decl* d) { return c_.prog_.frameSize(d); }}) {}

  ConstEvaluator& evaluator() { return eval_; }

  const Value* constValue(const ast::ConstDecl* decl) {
    if (const Value* v = c_.prog_.constValue(decl)) return v;
    if (state_[decl] != 0 || c_.onCycle_.count(decl) || !decl->value) return nullptr;
    state_[decl] = 1;
    std::optional<Value> value;
    auto* call = decl->value->as<ast::CallExpr>();
    auto* callee = call ? call->callee->as<ast::NameExpr>() : nullptr;
    if (callee && callee->res.ref == ast::Ref::Builtin &&
        callee->res.index == static_cast<uint32_t>(ast::Builtin::Lines)) {
      value = evalLines(*decl, *call);
    } else {
      value = run(*decl->value, c_.prog_.frameSize(decl), "the value of const '" + decl->name.name + "'");
    }
    state_[decl] = 2;
    if (!value) return nullptr;
    return &(c_.prog_.constValues_[decl] = std::move(*value));
  }

  const Value* fieldDefault(const ast::RecordDecl* record, uint32_t index) {
    auto& defaults = c_.prog_.fieldDefaults_;
    if (!defaults.count(record)) {
      if (state_[record] != 0 || c_.onCycle_.count(record)) return nullptr;
      state_[record] = 1;
      std::vector<std::optional<Value>> values;
      for (const ast::FieldDecl& f : record->fields) {
        const Type* t = f.type ? f.type->resolved : nullptr;
        if (f.defaultValue) {
          values.push_back(run(*f.defaultValue, c_.prog_.frameSize(record),
                               "the default of field '" + f.name.name + "'"));
        } else if (t && t->isOptional()) {
          values.push_back(Value::none());
        } else {
          values.push_back(std::nullopt);
        }
      }
      defaults[record] = std::move(values);
      state_[record] = 2;
    }
    return c_.prog_.fieldDefault(record, index);
  }

  std::optional<Value> run(const ast::Expr& expr, uint32_t frameSize, const std::string& what) {
    ConstEvaluator::Frame frame(frameSize);
    try {
      return eval_.eval(expr, frame);
    } catch (const EvalFailure& f) {
      report(f, what);
    }
    return std::nullopt;
  }

  void report(const EvalFailure& f, const std::string& what) {
    if (isSilent(f)) return;
    switch (f.kind) {
      case EvalFailure::Kind::NotConstant:
        c_.diags_.emit(DiagId::NotConstant, f.loc, what)
            .withHelp(f.message + " is not known at compile time");
        break;
      case EvalFailure::Kind::Error:
        c_.diags_.emit(DiagId::ConstEvalError, f.loc, f.message);
        break;
      case EvalFailure::Kind::NonePath:
        c_.diags_.emit(DiagId::WithPathInvalid, f.loc, f.path, f.message);
        break;
    }
  }

  std::optional<Value> evalLines(const ast::ConstDecl& decl, const ast::CallExpr& call) {
    const Type* t = decl.type ? decl.type->resolved : nullptr;
    auto* lit = call.args.size() == 1 ? call.args[0]->as<ast::StringLit>() : nullptr;
    if (!lit || !t || !t->isCollection() || !t->elem()->is(TypeKind::String)) return std::nullopt;
    FileScope* scope = c_.declFile_[&decl];
    const syntax::Bundle& b = c_.bundle_;
    std::string root = scope->root < b.roots.size() ? b.roots[scope->root].dir : "";
    std::string sourcePath = b.sources.file(scope->file->id).path();
    LinesResult r = readLinesFile(root, sourcePath, lit->value);
    if (r.status == LinesResult::Status::Outside) {
      c_.diags_.emit(DiagId::LinesOutsideBundle, lit->loc, lit->value).withHelp(r.message);
      return std::nullopt;
    }
    if (r.status == LinesResult::Status::Unreadable) {
      c_.diags_.emit(DiagId::LinesFileMissing, lit->loc, lit->value, r.message);
      return std::nullopt;
    }
    std::vector<Value> elems;
    for (std::string& line : r.lines) elems.push_back(Value::ofString(std::move(line)));
    bool isSet = t->is(TypeKind::Set);
    if (isSet) canonicalizeSet(elems);
    return Value::ofElems(isSet ? Value::Kind::Set : Value::Kind::List, std::move(elems));
  }

 private:
  Checker& c_;
  ConstEvaluator eval_;
  std::unordered_map<const void*, int> state_;
};

void Checker::evaluateConstants() {
  constState_ = std::make_unique<ConstState>(*this);
  for (const ast::Decl* d : prog_.decls_) {
    if (auto* c = d->as<ast::ConstDecl>()) constState_->constValue(c);
    if (auto* r = d->as<ast::RecordDecl>()) constState_->fieldDefault(r, 0);
  }
}

void Checker::foldWhens() {
  for (const ast::Decl* d : prog_.decls_) {
    auto* rl = dynamic_cast<const ast::RuleLike*>(d);
    if (!rl || !rl->when || onCycle_.count(d)) continue;
    ConstEvaluator::Frame frame(prog_.frameSize(d));
    try {
      Value v = constState_->evaluator().eval(*rl->when, frame);
      if (v.kind != Value::Kind::Bool) continue;
      diags_.emit(DiagId::ConstantWhen, rl->when->loc, v.b ? "true" : "false")
          .withHelp(v.b ? "the condition does not depend on the input: the rule always applies"
                        : "the condition does not depend on the input: the rule never applies");
    } catch (const EvalFailure&) {
      // Not constant, or an error at run time: nothing to say here.
    }
  }
}

Checker::Checker(syntax::Bundle& bundle, Program& program, DiagnosticSink& diags, const CheckOptions& options)
    : bundle_(bundle), prog_(program), diags_(diags), options_(options), types_(program.types_) {}

Checker::~Checker() = default;

std::optional<Value> Checker::evaluateGiven(const ast::Expr& expr, const ast::Decl* test) {
  return constState_->run(expr, prog_.frameSize(test), "the given value");
}

}  // namespace gai::check
