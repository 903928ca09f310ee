// Files and declarations.
#include <algorithm>

#include "builder.h"

namespace gai::syntax::detail {

using antlr4::ParserRuleContext;
using antlr4::Token;

ast::Ident Builder::ident(GaiParser::NameContext* ctx) const {
  if (!ctx) return {};
  return ast::Ident{ctx->getText(), loc(ctx)};
}

ast::Ident Builder::ident(ParserRuleContext* ctx) const {
  if (!ctx) return {};
  return ast::Ident{ctx->getText(), loc(ctx)};
}

ast::QualName Builder::qualName(GaiParser::QualNameContext* ctx) const {
  ast::QualName out;
  if (!ctx) return out;
  out.loc = loc(ctx);
  for (GaiParser::NameContext* part : ctx->name()) out.parts.push_back(ident(part));
  return out;
}

ast::TypeRefPtr Builder::typeRef(GaiParser::TypeRefContext* ctx) {
  if (!ctx) return nullptr;
  auto type = std::make_unique<ast::TypeRef>();
  type->loc = loc(ctx);
  type->name = qualName(ctx->qualName());
  if (GaiParser::TypeRefContext* arg = ctx->typeRef()) {
    std::string name = type->name.str();
    if (name == "list") type->kind = ast::TypeRef::Kind::List;
    else if (name == "set") type->kind = ast::TypeRef::Kind::Set;
    else diags_.emit(DiagId::SyntaxError, type->name.loc, "only 'list' and 'set' take a type argument");
    type->elem = typeRef(arg);
    if (type->kind == ast::TypeRef::Kind::Named) type->elem.reset();
    else type->name = ast::QualName{};
  }
  if (!ctx->QMARK()) return type;
  type->loc = ctx->GT() ? Loc::cover(loc(ctx->qualName()), loc(ctx->GT())) : loc(ctx->qualName());
  auto optional = std::make_unique<ast::TypeRef>();
  optional->kind = ast::TypeRef::Kind::Optional;
  optional->loc = loc(ctx);
  optional->elem = std::move(type);
  return optional;
}

ast::Param Builder::param(GaiParser::ParamContext* ctx) {
  ast::Param out;
  if (!ctx) return out;
  out.binder.name = ident(ctx->name());
  out.type = typeRef(ctx->typeRef());
  return out;
}

std::vector<ast::Param> Builder::params(GaiParser::ParamsContext* ctx) {
  std::vector<ast::Param> out;
  if (!ctx) return out;
  for (GaiParser::ParamContext* p : ctx->param()) out.push_back(param(p));
  return out;
}

namespace {

bool validPackagePart(const std::string& part) {
  if (part.empty() || !(part[0] >= 'a' && part[0] <= 'z')) return false;
  return std::all_of(part.begin(), part.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

void Builder::package(ast::File& file, GaiParser::PackageDeclContext* ctx) {
  if (!ctx) {
    Token* first = tokens_.size() > 0 ? tokens_.get(0) : nullptr;
    Loc at = first ? loc(first) : Loc{file_, 0, 0};
    diags_.emit(DiagId::MissingPackage, Loc{file_, at.offset, at.length})
        .withHelp("add a first line such as 'package measures.generation'");
    return;
  }
  file.package = qualName(ctx->qualName());
  const ast::QualName& name = file.package;
  if (name.parts.empty()) return;
  if (name.parts[0].name == "std") {
    diags_.emit(DiagId::ReservedPackage, name.loc);
    return;
  }
  for (const ast::Ident& part : name.parts) {
    if (validPackagePart(part.name)) continue;
    diags_.emit(DiagId::InvalidPackageName, part.loc, name.str(),
                "each part must be a lowercase identifier (a-z, 0-9, _; starting with a letter)");
    return;
  }
}

ast::Import Builder::import(GaiParser::ImportDeclContext* ctx) {
  ast::Import out;
  out.loc = loc(ctx);
  out.path = qualName(ctx->qualName());
  if (ctx->name()) out.alias = ident(ctx->name());
  return out;
}

std::unique_ptr<ast::File> Builder::newFile() {
  auto file = std::make_unique<ast::File>();
  file->id = file_;
  collectComments(*file);
  return file;
}

std::unique_ptr<ast::File> Builder::buildFile(GaiParser::FileContext* ctx) {
  auto file = newFile();
  if (!ctx) return file;
  package(*file, ctx->packageDecl());
  for (GaiParser::ImportDeclContext* i : ctx->importDecl()) file->imports.push_back(import(i));
  for (GaiParser::DeclContext* d : ctx->decl()) {
    ast::DeclPtr decl = this->decl(d);
    if (!decl) continue;
    decl->file = file.get();
    file->decls.push_back(std::move(decl));
  }
  return file;
}

ast::DeclPtr Builder::decl(GaiParser::DeclContext* ctx) {
  ParserRuleContext* inner = ctx && !ctx->children.empty() ? dynamic_cast<ParserRuleContext*>(ctx->children[0]) : nullptr;
  if (!inner) return nullptr;
  ast::DeclPtr out;
  switch (inner->getRuleIndex()) {
    case GaiParser::RuleEnumDecl: out = enumDecl(ctx->enumDecl()); break;
    case GaiParser::RuleRecordDecl: out = recordDecl(ctx->recordDecl()); break;
    case GaiParser::RuleConstDecl: out = constDecl(ctx->constDecl()); break;
    case GaiParser::RuleFnDecl: out = fnDecl(ctx->fnDecl()); break;
    case GaiParser::RuleActionDecl: out = actionDecl(ctx->actionDecl()); break;
    case GaiParser::RuleRuleDecl: out = ruleDecl(ctx->ruleDecl()); break;
    case GaiParser::RuleExceptionDecl: out = exceptionDecl(ctx->exceptionDecl()); break;
    case GaiParser::RuleLawDecl: out = lawDecl(ctx->lawDecl()); break;
    case GaiParser::RuleTestDecl: out = testDecl(ctx->testDecl()); break;
    default: return nullptr;
  }
  out->loc = loc(inner);
  out->doc = docFor(inner);
  return out;
}

ast::DeclPtr Builder::enumDecl(GaiParser::EnumDeclContext* ctx) {
  auto d = std::make_unique<ast::EnumDecl>();
  std::vector<GaiParser::NameContext*> names = ctx->name();
  if (names.empty()) return d;
  d->name = ident(names[0]);
  for (size_t i = 1; i < names.size(); ++i) d->members.push_back(ident(names[i]));
  return d;
}

ast::DeclPtr Builder::recordDecl(GaiParser::RecordDeclContext* ctx) {
  auto d = std::make_unique<ast::RecordDecl>();
  d->name = ident(ctx->name());
  d->commaSeparated = !ctx->COMMA().empty();
  for (GaiParser::FieldDeclContext* f : ctx->fieldDecl()) {
    ast::FieldDecl field;
    field.name = ident(f->name());
    field.type = typeRef(f->typeRef());
    field.defaultValue = expr(f->expr());
    field.loc = loc(f);
    d->fields.push_back(std::move(field));
  }
  return d;
}

ast::DeclPtr Builder::constDecl(GaiParser::ConstDeclContext* ctx) {
  auto d = std::make_unique<ast::ConstDecl>();
  d->name = ident(ctx->name());
  d->type = typeRef(ctx->typeRef());
  d->value = expr(ctx->expr());
  return d;
}

ast::DeclPtr Builder::fnDecl(GaiParser::FnDeclContext* ctx) {
  auto d = std::make_unique<ast::FnDecl>();
  d->name = ident(ctx->name());
  d->params = params(ctx->params());
  d->result = typeRef(ctx->typeRef());
  d->body = expr(ctx->expr());
  return d;
}

ast::DeclPtr Builder::actionDecl(GaiParser::ActionDeclContext* ctx) {
  auto d = std::make_unique<ast::ActionDecl>();
  d->name = ident(ctx->name());
  d->hasParens = ctx->LPAREN() != nullptr;
  d->params = params(ctx->params());
  return d;
}

// The `///` comments right before a declaration. Its tokens may be copies (when a file
// is parsed piecewise), so the original token is found by position.
std::string Builder::docFor(ParserRuleContext* ctx) {
  Token* start = ctx->getStart();
  if (!start || start->getStartIndex() == INVALID_INDEX) return "";
  if (allTokens_.empty()) allTokens_ = tokens_.getTokens();
  const std::vector<Token*>& all = allTokens_;
  auto it = std::lower_bound(all.begin(), all.end(), start->getStartIndex(),
                             [](Token* t, size_t index) { return t->getStartIndex() < index; });
  if (it == all.end() || (*it)->getStartIndex() != start->getStartIndex()) return "";
  std::string doc;
  for (Token* t : tokens_.getHiddenTokensToLeft((*it)->getTokenIndex(), antlr4::Token::HIDDEN_CHANNEL)) {
    if (t->getType() != GaiParser::DOC_COMMENT) continue;
    std::string line = t->getText().substr(3);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    if (!doc.empty()) doc += '\n';
    doc += line;
  }
  return doc;
}

void Builder::collectComments(ast::File& file) {
  for (Token* t : tokens_.getTokens()) {
    if (t->getChannel() != antlr4::Token::HIDDEN_CHANNEL) continue;
    ast::Comment c;
    switch (t->getType()) {
      case GaiParser::DOC_COMMENT: c.kind = ast::Comment::Kind::Doc; break;
      case GaiParser::LINE_COMMENT: c.kind = ast::Comment::Kind::Line; break;
      case GaiParser::BLOCK_COMMENT: c.kind = ast::Comment::Kind::Block; break;
      default: continue;
    }
    c.text = t->getText();
    while (!c.text.empty() && (c.text.back() == '\r' || c.text.back() == ' ' || c.text.back() == '\t') &&
           c.kind != ast::Comment::Kind::Block)
      c.text.pop_back();
    c.loc = loc(t);
    c.loc.length = static_cast<uint32_t>(c.text.size());
    file.comments.push_back(std::move(c));
  }
}

}  // namespace gai::syntax::detail
