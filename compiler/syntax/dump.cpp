#include "syntax/dump.h"

#include <fmt/format.h>

#include "core/civil_time.h"

namespace gai::syntax {

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\u{{{:X}}}", c);
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

class Dumper {
 public:
  explicit Dumper(bool locs) : locs_(locs) {}
  std::string out;

  void file(const ast::File& f) {
    open("file", f.package.loc);
    out += ' ' + f.package.str();
    for (const ast::Import& i : f.imports) {
      line(1);
      open("import", i.loc);
      out += ' ' + i.path.str();
      if (i.alias) out += " as " + i.alias->name;
      out += ')';
    }
    for (const ast::DeclPtr& d : f.decls) decl(*d);
    out += ")\n";
  }

  void expr(const ast::Expr* e) {
    if (!e) {
      out += "<missing>";
      return;
    }
    switch (e->kind) {
      case ast::ExprKind::IntLit: {
        auto* x = e->as<ast::IntLit>();
        open("int", e->loc);
        out += x->overflow ? " overflow" : " " + std::to_string(x->magnitude);
        break;
      }
      case ast::ExprKind::FloatLit: atom("float", e->loc, fmt::format("{}", e->as<ast::FloatLit>()->value)); break;
      case ast::ExprKind::StringLit: atom("str", e->loc, quote(e->as<ast::StringLit>()->value)); break;
      case ast::ExprKind::BoolLit: atom("bool", e->loc, e->as<ast::BoolLit>()->value ? "true" : "false"); break;
      case ast::ExprKind::NoneLit: open("none", e->loc); break;
      case ast::ExprKind::DateLit: atom("date", e->loc, rt::formatDate(e->as<ast::DateLit>()->days)); break;
      case ast::ExprKind::TimestampLit:
        atom("timestamp", e->loc, rt::formatTimestamp(e->as<ast::TimestampLit>()->micros));
        break;
      case ast::ExprKind::DurationLit:
        atom("duration", e->loc, rt::formatDuration(e->as<ast::DurationLit>()->seconds));
        break;
      case ast::ExprKind::Now: open("now", e->loc); break;
      case ast::ExprKind::Name: atom("name", e->loc, e->as<ast::NameExpr>()->name.name); break;
      default: compound(e); return;
    }
    out += ')';
  }

 private:
  bool locs_;

  void line(int indent) {
    out += '\n';
    out.append(static_cast<size_t>(indent) * 2, ' ');
  }
  void open(const std::string& head, Loc loc) {
    out += '(' + head;
    if (locs_) out += fmt::format("@{}+{}", loc.offset, loc.length);
  }
  void atom(const std::string& head, Loc loc, const std::string& value) {
    open(head, loc);
    out += ' ' + value;
  }
  void sub(const ast::Expr* e) {
    out += ' ';
    expr(e);
  }
  void ident(const ast::Ident& i) {
    out += ' ' + i.name;
    if (locs_) out += fmt::format("@{}+{}", i.loc.offset, i.loc.length);
  }
  void qual(const ast::QualName& q) {
    out += ' ' + q.str();
    if (locs_) out += fmt::format("@{}+{}", q.loc.offset, q.loc.length);
  }

  void compound(const ast::Expr* e) {
    switch (e->kind) {
      case ast::ExprKind::Field: {
        auto* x = e->as<ast::FieldExpr>();
        open(x->optionalChain ? "?." : ".", e->loc);
        sub(x->base.get());
        ident(x->field);
        break;
      }
      case ast::ExprKind::Call: {
        auto* x = e->as<ast::CallExpr>();
        open("call", e->loc);
        sub(x->callee.get());
        for (const ast::ExprPtr& a : x->args) sub(a.get());
        break;
      }
      case ast::ExprKind::Unary: {
        auto* x = e->as<ast::UnaryExpr>();
        open(x->op == ast::UnaryOp::Neg ? "neg" : "not", e->loc);
        sub(x->operand.get());
        break;
      }
      case ast::ExprKind::Binary: {
        auto* x = e->as<ast::BinaryExpr>();
        open(x->op == ast::BinaryOp::NotIn ? "not-in" : ast::spelling(x->op), e->loc);
        sub(x->lhs.get());
        sub(x->rhs.get());
        break;
      }
      case ast::ExprKind::If: {
        auto* x = e->as<ast::IfExpr>();
        open("if", e->loc);
        sub(x->cond.get());
        sub(x->then.get());
        sub(x->otherwise.get());
        break;
      }
      case ast::ExprKind::Let: {
        auto* x = e->as<ast::LetExpr>();
        open("let", e->loc);
        ident(x->var.name);
        sub(x->init.get());
        sub(x->body.get());
        break;
      }
      case ast::ExprKind::Quant: {
        auto* x = e->as<ast::QuantExpr>();
        open(ast::spelling(x->quant), e->loc);
        ident(x->var.name);
        sub(x->collection.get());
        sub(x->body.get());
        break;
      }
      default: collection(e); return;
    }
    out += ')';
  }

  void collection(const ast::Expr* e) {
    if (auto* x = e->as<ast::SetLit>()) {
      open("set", e->loc);
      for (const ast::ExprPtr& el : x->elems) sub(el.get());
    } else if (auto* x = e->as<ast::ListLit>()) {
      open("list", e->loc);
      for (const ast::ExprPtr& el : x->elems) sub(el.get());
    } else if (auto* x = e->as<ast::RecordLit>()) {
      open("record", e->loc);
      qual(x->typeName);
      for (const ast::FieldInit& f : x->fields) {
        out += " (";
        out += f.name.name;
        sub(f.value.get());
        out += ')';
      }
    } else if (auto* x = e->as<ast::WithExpr>()) {
      open("with", e->loc);
      sub(x->base.get());
      for (const ast::WithUpdate& u : x->updates) {
        out += " (";
        for (size_t i = 0; i < u.path.size(); ++i) out += (i ? "." : "") + u.path[i].name;
        sub(u.value.get());
        out += ')';
      }
    }
    out += ')';
  }

 public:
  void type(const ast::TypeRef* t) {
    if (!t) {
      out += " <missing>";
      return;
    }
    switch (t->kind) {
      case ast::TypeRef::Kind::Named: qual(t->name); return;
      case ast::TypeRef::Kind::List: out += " (list"; break;
      case ast::TypeRef::Kind::Set: out += " (set"; break;
      case ast::TypeRef::Kind::Optional: out += " (optional"; break;
    }
    type(t->elem.get());
    out += ')';
  }

  void decl(const ast::Decl& d);
  void ruleLike(const ast::RuleLike& r);
  void rule(const ast::RuleDecl& r);
  void law(const ast::LawDecl& l);
  void test(const ast::TestDecl& t);
  void params(const std::vector<ast::Param>& ps);
  void text(const char* head, const ast::LocalizedText& t);
  void tmpl(const char* lang, const ast::Template& t);
  void effective(const ast::Effective& e);
};

void Dumper::params(const std::vector<ast::Param>& ps) {
  out += " (";
  for (size_t i = 0; i < ps.size(); ++i) {
    if (i) out += ' ';
    out += '(';
    out += ps[i].binder.name.name;
    type(ps[i].type.get());
    out += ')';
  }
  out += ')';
}

void Dumper::text(const char* head, const ast::LocalizedText& t) {
  open(head, t.loc);
  if (t.plain) out += ' ' + quote(t.plain->value);
  if (t.en) out += " (en " + quote(t.en->value) + ')';
  if (t.zh) out += " (zh " + quote(t.zh->value) + ')';
  out += ')';
}

void Dumper::tmpl(const char* lang, const ast::Template& t) {
  out += " (";
  out += lang;
  for (size_t i = 0; i < t.texts.size(); ++i) {
    out += ' ' + quote(t.texts[i]);
    if (i < t.exprs.size()) sub(t.exprs[i].get());
  }
  out += ')';
}

void Dumper::effective(const ast::Effective& e) {
  open("effective", e.loc);
  out += ' ' + rt::formatDate(e.fromDays);
  if (e.untilDays) out += " until " + rt::formatDate(*e.untilDays);
  out += ')';
}

void Dumper::decl(const ast::Decl& d) {
  line(1);
  open(ast::spelling(d.kind), d.loc);
  if (d.kind == ast::DeclKind::Test) out += ' ' + quote(d.name.name);
  else ident(d.name);
  if (!d.doc.empty()) out += " (doc " + quote(d.doc) + ')';
  if (auto* x = d.as<ast::EnumDecl>()) {
    for (const ast::Ident& m : x->members) ident(m);
  } else if (auto* x = d.as<ast::RecordDecl>()) {
    for (const ast::FieldDecl& f : x->fields) {
      line(2);
      open("field", f.loc);
      ident(f.name);
      type(f.type.get());
      if (f.defaultValue) sub(f.defaultValue.get());
      out += ')';
    }
  } else if (auto* x = d.as<ast::ConstDecl>()) {
    type(x->type.get());
    sub(x->value.get());
  } else if (auto* x = d.as<ast::FnDecl>()) {
    params(x->params);
    type(x->result.get());
    sub(x->body.get());
  } else if (auto* x = d.as<ast::ActionDecl>()) {
    if (x->hasParens) params(x->params);
  } else if (auto* x = d.as<ast::RuleDecl>()) {
    rule(*x);
  } else if (auto* x = d.as<ast::ExceptionDecl>()) {
    out += " (for";
    for (const ast::QualName& t : x->targets) qual(t);
    out += ')';
    ruleLike(*x);
  } else if (auto* x = d.as<ast::LawDecl>()) {
    law(*x);
  } else if (auto* x = d.as<ast::TestDecl>()) {
    test(*x);
  }
  out += ')';
}

void Dumper::ruleLike(const ast::RuleLike& r) {
  out += " (" + r.param.binder.name.name;
  type(r.param.type.get());
  out += ')';
  if (r.title) {
    line(2);
    text("title", *r.title);
  }
  if (r.hasCites) {
    line(2);
    out += "(cites";
    for (const ast::Citation& c : r.cites) {
      out += ' ';
      open("cite", c.loc);
      if (c.kind == ast::Citation::Kind::Free) {
        out += ' ' + quote(c.text);
      } else {
        qual(c.law);
        if (c.article) out += " art " + std::to_string(*c.article);
        if (c.para) out += " para " + std::to_string(*c.para);
        if (c.item) out += " item " + std::to_string(*c.item);
      }
      out += ')';
    }
    out += ')';
  }
  if (r.effective) {
    line(2);
    effective(*r.effective);
  }
  line(2);
  out += "(when";
  sub(r.when.get());
  out += ')';
}

void Dumper::rule(const ast::RuleDecl& r) {
  ruleLike(r);
  if (r.severity) {
    line(2);
    out += std::string("(severity ") + ast::spelling(*r.severity) + ')';
  }
  line(2);
  out += "(then";
  for (const ast::Effect& e : r.effects) {
    out += ' ';
    if (e.kind == ast::EffectKind::Deny) {
      open("deny", e.loc);
    } else if (e.kind == ast::EffectKind::Flag) {
      open("flag", e.loc);
    } else {
      open("require", e.loc);
      qual(e.action);
      if (e.hasArgs) out += " (args";
      for (const ast::ExprPtr& a : e.args) sub(a.get());
      if (e.hasArgs) out += ')';
    }
    out += ')';
  }
  out += ')';
  if (r.message) {
    line(2);
    open("message", r.message->loc);
    if (r.message->plain) tmpl("plain", *r.message->plain);
    if (r.message->en) tmpl("en", *r.message->en);
    if (r.message->zh) tmpl("zh", *r.message->zh);
    out += ')';
  }
}

void Dumper::law(const ast::LawDecl& l) {
  if (l.title) {
    line(2);
    text("title", *l.title);
  }
  if (l.effective) {
    line(2);
    effective(*l.effective);
  }
  for (const ast::Article& a : l.articles) {
    line(2);
    open("article", a.loc);
    out += ' ' + std::to_string(a.number) + ' ' + quote(a.heading);
    if (a.paras) out += " (paras " + std::to_string(*a.paras) + ')';
    if (a.items) out += " (items " + std::to_string(*a.items) + ')';
    out += ')';
  }
}

void Dumper::test(const ast::TestDecl& t) {
  if (t.nowMicros) {
    line(2);
    atom("now", t.nowLoc, rt::formatTimestamp(*t.nowMicros));
    out += ')';
  }
  if (t.givenValue) {
    line(2);
    open("given", t.givenLoc);
    ident(t.given.name);
    sub(t.givenValue.get());
    out += ')';
  }
  static const char* const kinds[] = {"fires", "not", "excepted", "error", "deny", "allow", "require", "assert"};
  for (const ast::Expectation& x : t.expectations) {
    line(2);
    open(x.kind == ast::ExpectKind::Assert ? "assert" : "expect", x.loc);
    if (x.kind == ast::ExpectKind::Assert) {
      sub(x.condition.get());
      out += ')';
      continue;
    }
    out += ' ';
    out += kinds[static_cast<int>(x.kind)];
    if (!x.target.parts.empty()) qual(x.target);
    if (x.by) {
      out += " by";
      qual(*x.by);
    }
    if (x.hasArgs) out += " (args";
    for (const ast::ExprPtr& a : x.args) sub(a.get());
    if (x.hasArgs) out += ')';
    out += ')';
  }
}

}  // namespace

std::string dumpAst(const ast::File& file, bool withLocations) {
  Dumper d(withLocations);
  d.file(file);
  return d.out;
}

std::string dumpExpr(const ast::Expr& expr, bool withLocations) {
  Dumper d(withLocations);
  d.expr(&expr);
  return d.out;
}

}  // namespace gai::syntax

