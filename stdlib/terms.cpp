// gai_terms: the prepared keyword set behind text.contains_any and text.count_terms.
#include <algorithm>
#include <memory>
#include <new>

#include "stdlib/terms_impl.h"
#include "stdlib/terms_lower.h"
#include "stdlib/terms_small.h"

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

using gai::stdlib::LowerScan;
using gai::stdlib::ScanResult;

struct gai_terms {
  gai_terms(std::vector<std::string> distinct, bool lowered)
      : terms(std::move(distinct)), matcher(terms) {
    for (const std::string& t : terms) views.push_back(gai_str{t.data(), int64_t(t.size())});
    if (lowered) lower = std::make_unique<LowerScan>(terms);
  }
  // Without a Hyperscan database, or past what it scans (UINT_MAX bytes: Failed), the list scan.
  bool containsAny(const char* s, int64_t len) const {
    ScanResult r = !matcher.ok() ? ScanResult::Failed : matcher.scanAny(s, len);
    if (r == ScanResult::Failed) return gai_std_text_contains_any_list(s, len, views.data(), int64_t(views.size()));
    return r == ScanResult::Yes;
  }
  int64_t countTerms(const char* s, int64_t len) const {
    int64_t n = !matcher.ok() ? -2 : matcher.scanCount(s, len);
    if (n < 0) return gai_std_text_count_terms_list(s, len, views.data(), int64_t(views.size()));
    return n;
  }

  std::vector<std::string> terms;
  std::vector<gai_str> views;
  gai::stdlib::TermMatcher matcher;  // exact
  // Set by gai_terms_new_lowered: queries answer for text.lower(s).
  std::unique_ptr<LowerScan> lower;
};

namespace {

// text.contains_any(text.lower(s), terms): the caseless scan when it is decisive, else
// lower s (in a per-thread buffer) and scan that exactly.
bool containsAnyLowered(const gai_terms& t, const char* s, int64_t len) {
  const LowerScan& ls = *t.lower;
  if (ls.neverMatches()) return false;
  ScanResult r = ls.scanAny(s, len);
  if (r == ScanResult::Yes) return true;
  if (r == ScanResult::No) return false;
  std::string buf;
  gai_str lowered;
  if (!gai::stdlib::lowerInto(s, len, buf, lowered)) return false;  // out of memory
  return t.containsAny(lowered.data, lowered.len);
}

int64_t countTermsLowered(const gai_terms& t, const char* s, int64_t len) {
  const LowerScan& ls = *t.lower;
  if (ls.neverMatches()) return 0;
  int64_t n = ls.scanCount(s, len);
  if (n >= 0) return n;
  std::string buf;
  gai_str lowered;
  if (!gai::stdlib::lowerInto(s, len, buf, lowered)) return 0;  // out of memory
  return t.countTerms(lowered.data, lowered.len);
}

gai_terms* newTerms(const gai_str* terms, int64_t count, bool lowered) {
  try {
    return new gai_terms(gai::stdlib::normalizeTerms(terms, count), lowered);
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

extern "C" {

gai_terms* gai_terms_new(const gai_str* terms, int64_t count) { return newTerms(terms, count, false); }

gai_terms* gai_terms_new_lowered(const gai_str* terms, int64_t count) { return newTerms(terms, count, true); }

void gai_terms_free(gai_terms* terms) { delete terms; }

bool gai_terms_lowered(const gai_terms* terms) { return terms && terms->lower; }

int64_t gai_terms_size(const gai_terms* terms) { return terms ? int64_t(terms->terms.size()) : 0; }

bool gai_std_text_contains_any(const char* s, int64_t len, const gai_terms* terms) {
  if (!terms) return false;
  if (terms->lower) return containsAnyLowered(*terms, s, len);
  return terms->containsAny(s, len);
}

int64_t gai_std_text_count_terms(const char* s, int64_t len, const gai_terms* terms) {
  if (!terms) return 0;
  if (terms->lower) return countTermsLowered(*terms, s, len);
  return terms->countTerms(s, len);
}

}  // extern "C"
