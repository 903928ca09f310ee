// gai_terms: the prepared keyword set behind text.contains_any and text.count_terms.
#include <new>

#include "stdlib/terms_impl.h"

struct gai_terms {
  explicit gai_terms(const std::vector<std::string>& terms) : matcher(terms) {}
  gai::stdlib::HashTermMatcher matcher;
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

int64_t gai_terms_size(const gai_terms* terms) { return terms ? terms->matcher.size() : 0; }

bool gai_std_text_contains_any(const char* s, int64_t len, const gai_terms* terms) {
  return terms && terms->matcher.containsAny(s, len);
}

int64_t gai_std_text_count_terms(const char* s, int64_t len, const gai_terms* terms) {
  return terms ? terms->matcher.countTerms(s, len) : 0;
}

}  // extern "C"
