// HsTermMatcher: a Hyperscan literal database behind gai_terms (see terms_impl.h).
#include <hs/hs.h>

#include "stdlib/terms_impl.h"

namespace gai::stdlib {
namespace {

int stopOnMatch(unsigned, unsigned long long, unsigned long long, unsigned, void*) { return 1; }

int countMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<int64_t*>(ctx);  // SINGLEMATCH: each id reports at most once.
  return 0;
}

}  // namespace

HsTermMatcher::HsTermMatcher(const std::vector<std::string>& terms)
    : size_(int64_t(terms.size())) {
  if (terms.empty()) return;
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(terms.size(), HS_FLAG_SINGLEMATCH), ids;
  for (const std::string& t : terms) {
    exprs.push_back(t.data());
    lens.push_back(t.size());
    ids.push_back(unsigned(ids.size()));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(),
                           unsigned(terms.size()), HS_MODE_BLOCK, nullptr, &db_,
                           &err) != HS_SUCCESS) {
    ok_ = false;
    error_ = err && err->message ? err->message : "hyperscan compile failed";
    hs_free_compile_error(err);
    db_ = nullptr;
    return;
  }
  if (hs_alloc_scratch(db_, &proto_) != HS_SUCCESS) {
    ok_ = false;
    error_ = "hyperscan scratch allocation failed";
  }
}

HsTermMatcher::~HsTermMatcher() {
  for (hs_scratch* s : pool_) hs_free_scratch(s);
  if (proto_) hs_free_scratch(proto_);
  if (db_) hs_free_database(db_);
}

hs_scratch* HsTermMatcher::acquire() const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!pool_.empty()) {
      hs_scratch* s = pool_.back();
      pool_.pop_back();
      return s;
    }
  }
  hs_scratch* s = nullptr;
  if (hs_clone_scratch(proto_, &s) != HS_SUCCESS) return nullptr;
  return s;
}

void HsTermMatcher::release(hs_scratch* scratch) const {
  std::lock_guard<std::mutex> lock(mutex_);
  pool_.push_back(scratch);
}

bool HsTermMatcher::containsAny(const char* s, int64_t len) const {
  if (!db_ || !ok_) return false;
  hs_scratch* scratch = acquire();
  if (!scratch) return false;
  hs_error_t rc = hs_scan(db_, s, unsigned(len), 0, scratch, stopOnMatch, nullptr);
  release(scratch);
  return rc == HS_SCAN_TERMINATED;
}

int64_t HsTermMatcher::countTerms(const char* s, int64_t len) const {
  if (!db_ || !ok_) return 0;
  hs_scratch* scratch = acquire();
  if (!scratch) return 0;
  int64_t count = 0;
  hs_scan(db_, s, unsigned(len), 0, scratch, countMatch, &count);
  release(scratch);
  return count;
}

}  // namespace gai::stdlib
