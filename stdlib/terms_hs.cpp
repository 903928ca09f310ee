// HsTermMatcher: a Hyperscan literal database behind gai_terms (see terms_impl.h).
#include <hs/hs.h>

#include <atomic>
#include <climits>

#include "stdlib/terms_impl.h"

namespace gai::stdlib {
namespace {

// Per-thread scratch: one hs_scratch grown (hs_alloc_scratch) to fit every database this
// thread has scanned with, and the serials of those databases. Serials are never reused, so
// a freed database leaves a stale entry at worst; the list is dropped when it grows long
// (re-validating with hs_alloc_scratch is cheap when the scratch already fits).
struct ThreadScratch {
  hs_scratch* scratch = nullptr;
  std::vector<uint64_t> fits;
  ThreadScratch() = default;
  ThreadScratch(const ThreadScratch&) = delete;
  ThreadScratch& operator=(const ThreadScratch&) = delete;
  ~ThreadScratch() {
    if (scratch) hs_free_scratch(scratch);
  }
};

thread_local ThreadScratch tlsScratch;
std::atomic<uint64_t> nextSerial{1};
constexpr size_t kMaxFits = 64;

// Ids below `terms` are terms; ids from `terms` on are sentinels.
struct ScanState {
  unsigned terms;
  int64_t count = 0;
  bool hit = false;
  bool sentinel = false;
};

int stopOnMatch(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  auto* st = static_cast<ScanState*>(ctx);
  (id < st->terms ? st->hit : st->sentinel) = true;
  return 1;
}

int countMatch(unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
  auto* st = static_cast<ScanState*>(ctx);
  if (id >= st->terms) {
    st->sentinel = true;
    return 1;
  }
  ++st->count;  // SINGLEMATCH: each id reports at most once.
  return 0;
}

}  // namespace

HsTermMatcher::HsTermMatcher(const std::vector<std::string>& terms, bool caseless,
                             const std::vector<std::string>& sentinels)
    : serial_(nextSerial.fetch_add(1)), size_(int64_t(terms.size())) {
  if (terms.empty()) return;
  std::vector<const char*> exprs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags, ids;
  auto add = [&](const std::string& lit, unsigned flag) {
    exprs.push_back(lit.data());
    lens.push_back(lit.size());
    flags.push_back(flag);
    ids.push_back(unsigned(ids.size()));
  };
  for (const std::string& t : terms) add(t, HS_FLAG_SINGLEMATCH | (caseless ? HS_FLAG_CASELESS : 0u));
  for (const std::string& t : sentinels) add(t, HS_FLAG_SINGLEMATCH);
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), unsigned(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db_, &err) != HS_SUCCESS) {
    ok_ = false;
    error_ = err && err->message ? err->message : "hyperscan compile failed";
    hs_free_compile_error(err);
    db_ = nullptr;
    return;
  }
  if (!scratch()) {
    ok_ = false;
    error_ = "hyperscan scratch allocation failed";
  }
}

HsTermMatcher::~HsTermMatcher() {
  if (db_) hs_free_database(db_);
}

hs_scratch* HsTermMatcher::scratch() const {
  ThreadScratch& t = tlsScratch;
  for (size_t i = t.fits.size(); i-- > 0;)
    if (t.fits[i] == serial_) return t.scratch;
  if (t.fits.size() >= kMaxFits) t.fits.clear();
  if (hs_alloc_scratch(db_, &t.scratch) != HS_SUCCESS) return nullptr;
  t.fits.push_back(serial_);
  return t.scratch;
}

ScanResult HsTermMatcher::scanAny(const char* s, int64_t len) const {
  if (!db_) return ok_ ? ScanResult::No : ScanResult::Failed;
  if (!ok_ || uint64_t(len) > UINT_MAX) return ScanResult::Failed;
  hs_scratch* sc = scratch();
  if (!sc) return ScanResult::Failed;
  ScanState st{unsigned(size_)};
  hs_error_t rc = hs_scan(db_, s, unsigned(len), 0, sc, stopOnMatch, &st);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) return ScanResult::Failed;
  if (st.hit) return ScanResult::Yes;
  return st.sentinel ? ScanResult::Sentinel : ScanResult::No;
}

int64_t HsTermMatcher::scanCount(const char* s, int64_t len) const {
  if (!db_) return ok_ ? 0 : -2;
  if (!ok_ || uint64_t(len) > UINT_MAX) return -2;
  hs_scratch* sc = scratch();
  if (!sc) return -2;
  ScanState st{unsigned(size_)};
  hs_error_t rc = hs_scan(db_, s, unsigned(len), 0, sc, countMatch, &st);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) return -2;
  return st.sentinel ? -1 : st.count;
}

int64_t HsTermMatcher::countTerms(const char* s, int64_t len) const {
  int64_t n = scanCount(s, len);
  return n < 0 ? 0 : n;
}

}  // namespace gai::stdlib
