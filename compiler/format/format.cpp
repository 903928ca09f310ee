#include "format/format.h"

#include <algorithm>
#include <exception>

#include "format/formatter.h"
#include "syntax/parse.h"

namespace gai::format {

using namespace ast;

std::string padKeyword(const std::string& keyword) {
  std::string out = keyword;
  if (out.size() < static_cast<size_t>(kClauseColumn)) out.resize(kClauseColumn, ' ');
  return out;
}

std::string Formatter::run() {
  header();
  for (const DeclPtr& d : file_.decls) {
    if (d) decl(*d);
  }
  return writer_.finish();
}

// The offset of `keyword` ending before `offset` (only white space between), else `offset`.
uint32_t Formatter::keywordBefore(uint32_t offset, std::string_view keyword) const {
  std::string_view text = writer_.source();
  size_t i = std::min<size_t>(offset, text.size());
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\r' || text[i - 1] == '\n')) --i;
  if (i >= keyword.size() && text.substr(i - keyword.size(), keyword.size()) == keyword) {
    return static_cast<uint32_t>(i - keyword.size());
  }
  return offset;
}

void Formatter::header() {
  if (!file_.package.parts.empty()) {
    const Loc& loc = file_.package.loc;
    writer_.emit(Line{0, "package " + file_.package.str(), keywordBefore(loc.offset, "package"), loc.end(), -1},
                 true);
  }
  for (size_t i = 0; i < file_.imports.size(); ++i) {
    const Import& imp = file_.imports[i];
    if (i == 0) {
      writer_.flushTrailing(writer_.skipTrivia(imp.loc.offset));
      writer_.blankLine();
    }
    std::string text = "import " + imp.path.str();
    if (imp.alias) text += " as " + imp.alias->name;
    writer_.emit(Line{0, text, imp.loc.offset, imp.loc.end(), -1}, true);
  }
}

void Formatter::decl(const Decl& d) {
  writer_.flushTrailing(writer_.skipTrivia(d.loc.offset));
  writer_.blankLine();
  switch (d.kind) {
    case DeclKind::Enum: return enumDecl(static_cast<const EnumDecl&>(d));
    case DeclKind::Record: return recordDecl(static_cast<const RecordDecl&>(d));
    case DeclKind::Const: {
      const auto& c = static_cast<const ConstDecl&>(d);
      std::string head = "const " + c.name.name + ": " + (c.type ? typeText(*c.type) : "") + " =";
      return valueDecl(d, head, c.value.get());
    }
    case DeclKind::Fn: {
      const auto& f = static_cast<const FnDecl&>(d);
      std::string head = "fn " + f.name.name + "(" + params(f.params) + "): " +
                         (f.result ? typeText(*f.result) : "") + " =";
      return valueDecl(d, head, f.body.get());
    }
    case DeclKind::Action: return actionDecl(static_cast<const ActionDecl&>(d));
    case DeclKind::Rule:
    case DeclKind::Exception: return ruleLike(static_cast<const RuleLike&>(d));
    case DeclKind::Law: return lawDecl(static_cast<const LawDecl&>(d));
    case DeclKind::Test: return testDecl(static_cast<const TestDecl&>(d));
  }
}

bool Formatter::emptyBody(const Decl& decl, uint32_t openFrom) const {
  return !writer_.hasCommentIn(openFrom, decl.loc.end());
}

void Formatter::close(const Decl& decl) {
  uint32_t at = decl.loc.end() > 0 ? decl.loc.end() - 1 : decl.loc.offset;
  writer_.emit(Line{0, "}", at, decl.loc.end(), kIndent}, false);
}

void Formatter::enumDecl(const EnumDecl& d) {
  std::string head = "enum " + d.name.name + " {";
  std::string members;
  for (const Ident& m : d.members) members += (members.empty() ? " " : ", ") + m.name;
  std::string oneLine = head + members + (members.empty() ? "}" : " }");
  if (emptyBody(d, d.name.loc.end()) && width(oneLine) <= kMaxWidth) {
    writer_.emit(Line{0, oneLine, d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  writer_.emit(Line{0, head, d.loc.offset, d.name.loc.end(), -1}, true);
  for (const Ident& m : d.members) {
    writer_.emit(Line{kIndent, m.name + ",", m.loc.offset, m.loc.end(), -1}, true);
  }
  close(d);
}

void Formatter::recordDecl(const RecordDecl& d) {
  std::string head = "record " + d.name.name + " {";
  if (d.fields.empty() && emptyBody(d, d.name.loc.end())) {
    writer_.emit(Line{0, head + "}", d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  writer_.emit(Line{0, head, d.loc.offset, d.name.loc.end(), -1}, true);
  for (const FieldDecl& f : d.fields) {
    std::string text = f.name.name + ": " + (f.type ? typeText(*f.type) : "");
    uint32_t from = f.name.loc.offset;
    if (!f.defaultValue) {
      writer_.emit(Line{kIndent, text, from, f.loc.end(), -1}, true);
      continue;
    }
    writer_.emitAll(exprLine(text + " = ", *f.defaultValue, kIndent, from), true);
  }
  close(d);
}

static bool bracketedValue(const Expr& e) {
  switch (e.kind) {
    case ExprKind::SetLit:
    case ExprKind::ListLit:
    case ExprKind::RecordLit:
    case ExprKind::Call:
    case ExprKind::With: return true;
    default: return false;
  }
}

// `const x: T = value`, `fn f(...): T = body`: the value on the same line when it fits or
// when it is bracketed (its brackets break); otherwise on the next line, indented.
void Formatter::valueDecl(const Decl& d, std::string head, const Expr* value) {
  if (!value) {
    writer_.emit(Line{0, head, d.loc.offset, d.loc.end(), -1}, true);
    return;
  }
  Lines same = exprLine(head + " ", *value, 0, d.loc.offset);
  if (same.size() == 1 && width(same.front().text) <= kMaxWidth) return writer_.emitAll(same, true);
  if (bracketedValue(*value)) return writer_.emitAll(same, true);
  writer_.emit(Line{0, head, d.loc.offset, d.name.loc.end(), -1}, true);
  writer_.emitAll(exprLine("", *value, kIndent, value->loc.offset), false);
}

void Formatter::actionDecl(const ActionDecl& d) {
  std::string text = "action " + d.name.name;
  if (d.hasParens || !d.params.empty()) text += "(" + params(d.params) + ")";
  writer_.emit(Line{0, text, d.loc.offset, d.loc.end(), -1}, true);
}

Lines Formatter::exprLine(std::string prefix, const Expr& expr, int indent, uint32_t from, bool alignToExpr) const {
  int col = indent + width(prefix);
  Lines lines = prefixed(prefix, layout_.layout(expr, col, alignToExpr ? col : indent));
  lines.front().col = indent;
  lines.front().from = from;
  return lines;
}

std::string Formatter::params(const std::vector<Param>& ps) const {
  std::string out;
  for (const Param& p : ps) {
    if (!out.empty()) out += ", ";
    out += p.binder.name.name + ": " + (p.type ? typeText(*p.type) : "");
  }
  return out;
}

std::string Formatter::argsText(const std::vector<ExprPtr>& args) const {
  std::string out;
  for (const ExprPtr& a : args) {
    if (!out.empty()) out += ", ";
    if (a) out += layout_.flat(*a);
  }
  return out;
}

std::string formatFile(const File& file, const SourceManager& sources) {
  std::string_view source;
  if (file.id < sources.size()) source = sources.file(file.id).text();
  Formatter formatter(file, source);
  return formatter.run();
}

bool formatSource(const SourceManager& sources, FileId id, std::string& out, DiagnosticSink& diags) {
  out.clear();
  try {
    size_t errorsBefore = diags.errorCount();
    std::unique_ptr<File> file = syntax::parseFile(sources, id, diags);
    if (!file || diags.errorCount() > errorsBefore) return false;
    out = formatFile(*file, sources);
    return true;
  } catch (const std::exception&) {
    out.clear();
    return false;
  }
}

bool formatSource(const std::string& path, const std::string& text, std::string& out, DiagnosticSink& diags) {
  out.clear();
  try {
    SourceManager sources;
    FileId id = sources.add(path, text);
    return formatSource(sources, id, out, diags);
  } catch (const std::exception&) {
    out.clear();
    return false;
  }
}

}  // namespace gai::format
