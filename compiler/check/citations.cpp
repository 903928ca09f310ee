// Laws and citations.
#include "check/checker.h"

namespace gai::check {

namespace {
std::string bound(const std::optional<int64_t>& n) {
  if (!n || *n <= 0) return "none";
  return *n == 1 ? "1" : "1-" + std::to_string(*n);
}
}  // namespace

void Checker::checkLaw(ast::LawDecl& decl) {
  for (size_t i = 0; i < decl.articles.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (decl.articles[j].number != decl.articles[i].number) continue;
      diags_.emit(DiagId::DuplicateArticle, decl.articles[i].loc, decl.articles[i].number)
          .withNote(decl.articles[j].loc, "first declared here");
      break;
    }
  }
  if (decl.effective && decl.effective->untilDays) checkEffective(*decl.effective);
}

void Checker::checkCitations(ast::RuleLike& decl) {
  for (ast::Citation& cite : decl.cites) {
    if (cite.kind == ast::Citation::Kind::Structured) {
      checkCitation(cite);
    } else if (options_.strict) {
      diags_.emit(DiagId::FreeTextCitation, cite.loc, cite.text)
          .withHelp("declare the law with `law NAME { article N ... }` and cite `NAME art N`");
    }
  }
}

void Checker::checkCitation(ast::Citation& cite) {
  Target t = lookupQualified(cite.law);
  if (t.kind == Target::Kind::Reported) return;
  if (t.kind != Target::Kind::Decl) {
    diags_.emit(DiagId::UnknownLaw, cite.law.loc, cite.law.str());
    return;
  }
  auto* law = t.decl->as<ast::LawDecl>();
  if (!law) {
    diags_.emit(DiagId::WrongKindOfName, cite.law.loc, cite.law.str(), declWhat(t.decl), "a law");
    return;
  }
  cite.lawDecl = law;
  if (!cite.article) return;
  const ast::Article* article = nullptr;
  std::string numbers;
  for (const ast::Article& a : law->articles) {
    if (a.number == *cite.article) article = &a;
    numbers += (numbers.empty() ? "" : ", ") + std::to_string(a.number);
  }
  if (!article) {
    diags_.emit(DiagId::UnknownArticle, cite.loc, law->name.name, *cite.article)
        .withHelp(numbers.empty() ? "the law declares no articles" : "its articles are " + numbers)
        .withNote(law->name.loc, "law declared here");
    return;
  }
  auto outOf = [](const std::optional<int64_t>& n, int64_t v) { return v < 1 || !n || v > *n; };
  if (cite.para && outOf(article->paras, *cite.para)) {
    diags_.emit(DiagId::UnknownParagraph, cite.loc, article->number, law->name.name, *cite.para, bound(article->paras))
        .withNote(article->loc, "article declared here");
  }
  if (cite.item && outOf(article->items, *cite.item)) {
    diags_.emit(DiagId::UnknownItem, cite.loc, article->number, law->name.name, *cite.item, bound(article->items))
        .withNote(article->loc, "article declared here");
  }
}

}  // namespace gai::check
