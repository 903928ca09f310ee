// gai_terms: the prepared keyword set behind text.contains_any and text.count_terms.
#include <algorithm>
#include <climits>
#include <new>

#include "stdlib/terms_impl.h"

namespace gai::stdlib {

std::vector<std::string> normalizeTerms(const gai_str* terms, int64_t count) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < count; ++i)
    if (terms[i].len > 0) out.emplace_back(terms[i].data, size_t(terms[i].len));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace gai::stdlib

struct gai_terms {
  explicit gai_terms(std::vector<std::string> distinct)
      : terms(std::move(distinct)), matcher(terms) {
    for (const std::string& t : terms) views.push_back(gai_str{t.data(), int64_t(t.size())});
  }
  // Hyperscan scans at most UINT_MAX bytes; beyond that (or without a database) the list scan.
  bool useList(int64_t len) const { return !matcher.ok() || uint64_t(len) > UINT_MAX; }

  std::vector<std::string> terms;
  std::vector<gai_str> views;
  gai::stdlib::HsTermMatcher matcher;
};

extern "C" {

gai_terms* gai_terms_new(const gai_str* terms, int64_t count) {
  try {
    return new gai_terms(gai::stdlib::normalizeTerms(terms, count));
  } catch (...) {
    return nullptr;
  }
}

void gai_terms_free(gai_terms* terms) { delete terms; }

int64_t gai_terms_size(const gai_terms* terms) { return terms ? int64_t(terms->terms.size()) : 0; }

bool gai_std_text_contains_any(const char* s, int64_t len, const gai_terms* terms) {
  if (!terms) return false;
  if (terms->useList(len))
    return gai_std_text_contains_any_list(s, len, terms->views.data(), int64_t(terms->views.size()));
  return terms->matcher.containsAny(s, len);
}

int64_t gai_std_text_count_terms(const char* s, int64_t len, const gai_terms* terms) {
  if (!terms) return 0;
  if (terms->useList(len))
    return gai_std_text_count_terms_list(s, len, terms->views.data(), int64_t(terms->views.size()));
  return terms->matcher.countTerms(s, len);
}

}  // extern "C"
