// Keyword sets screened against text.lower(s) without building it (gai_terms_new_lowered).
//
// Why a caseless scan of s can answer for text.lower(s): text.lower maps code point by code
// point (simple mappings; malformed bytes pass through), lowering is idempotent, and a term
// that is well-formed UTF-8 can only occur in lower(s) on code point boundaries. So:
// - a term t with lower(t) != t never occurs in lower(s): it is dropped;
// - a kept term that matches s with ASCII letters caseless (other bytes exact) occurs in
//   lower(s) at the same place: a caseless hit is always right;
// - lower(s) differs from s with ASCII lowered only where s has a non-ASCII code point c
//   with lower(c) != c. Such a c can only take part in a match when lower(c) occurs in some
//   kept term; those c (e.g. U+212A KELVIN SIGN for a term with `k`, U+0130 for `i`, `Ä`
//   for a term with `ä`) are the sentinels: when one occurs, s is lowered and scanned
//   exactly. Without a sentinel, "no caseless hit" is right as well.
// A term that is not well-formed UTF-8 makes every query lower s first.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "stdlib/terms_impl.h"
#include "stdlib/terms_small.h"

namespace gai::stdlib {

class LowerScan {
 public:
  explicit LowerScan(const std::vector<std::string>& distinctTerms);
  // No term can occur in any lowered text.
  bool neverMatches() const { return !alwaysLower_ && kept_.empty(); }
  // Yes / No are the answer for lower(s); Sentinel / Failed: lower s and scan exactly.
  ScanResult scanAny(const char* s, int64_t len) const;
  // The count for lower(s), or < 0: lower s and scan exactly.
  int64_t scanCount(const char* s, int64_t len) const;
  const std::vector<std::string>& kept() const { return kept_; }
  const std::vector<std::string>& sentinels() const { return sentinels_; }

 private:
  bool alwaysLower_ = false;
  std::vector<std::string> kept_, sentinels_;
  std::unique_ptr<TermMatcher> caseless_;
};

// text.lower(s) into out, which may alias s or point into buf; false when memory runs out.
bool lowerInto(const char* s, int64_t len, std::string& buf, gai_str& out);

// Well-formed UTF-8 (as text.lower decodes it).
bool wellFormedUtf8(const std::string& s);

}  // namespace gai::stdlib
