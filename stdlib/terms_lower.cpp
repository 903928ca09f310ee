// LowerScan: see terms_lower.h for why the caseless scan with sentinels is exact.
#include "stdlib/terms_lower.h"

#include <algorithm>
#include <new>
#include <set>
#include <utility>

#include "stdlib/text_impl.h"

namespace gai::stdlib {
namespace {

// (lower(c), c) for every non-ASCII c that lowering changes, sorted.
const std::vector<std::pair<uint32_t, uint32_t>>& lowerPreimages() {
  static const auto* pairs = [] {
    auto* v = new std::vector<std::pair<uint32_t, uint32_t>>;
    for (uint32_t c = 0x80; c < caseTableLimit(); ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      uint32_t l = lowerCodePoint(c);
      if (l != c) v->emplace_back(l, c);
    }
    std::sort(v->begin(), v->end());
    return v;
  }();
  return *pairs;
}

void* growString(void* ctx, int64_t size) {
  auto* buf = static_cast<std::string*>(ctx);
  try {
    buf->resize(size_t(size));
  } catch (...) {
    return nullptr;
  }
  return buf->data();
}

std::string lowerString(const std::string& s) {
  std::string buf;
  gai_str out{};
  if (gai_std_text_lower(s.data(), int64_t(s.size()), growString, &buf, &out) != GAI_STD_OK)
    throw std::bad_alloc();
  return std::string(out.data, size_t(out.len));
}

// The code points of well-formed UTF-8.
void addCodePoints(const std::string& s, std::set<uint32_t>& out) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = static_cast<unsigned char>(s[i]);
    int n = cp < 0x80 ? 1 : decodeCodePoint(s.data() + i, int64_t(s.size() - i), cp);
    out.insert(cp);
    i += size_t(n > 0 ? n : 1);
  }
}

}  // namespace

bool wellFormedUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp = 0;
    int n = decodeCodePoint(s.data() + i, int64_t(s.size() - i), cp);
    if (n == 0) return false;
    i += size_t(n);
  }
  return true;
}

LowerScan::LowerScan(const std::vector<std::string>& distinctTerms) {
  std::set<uint32_t> chars;
  for (const std::string& t : distinctTerms) {
    if (!wellFormedUtf8(t)) {
      alwaysLower_ = true;
      return;
    }
    if (lowerString(t) != t) continue;
    kept_.push_back(t);
    addCodePoints(t, chars);
  }
  const auto& pre = lowerPreimages();
  for (uint32_t d : chars) {
    auto range = std::equal_range(pre.begin(), pre.end(), std::make_pair(d, 0u),
                                  [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = range.first; it != range.second; ++it) {
      char buf[4];
      sentinels_.emplace_back(buf, size_t(encodeCodePoint(it->second, buf)));
    }
  }
  if (!kept_.empty()) caseless_ = std::make_unique<TermMatcher>(kept_, true, sentinels_);
}

ScanResult LowerScan::scanAny(const char* s, int64_t len) const {
  if (alwaysLower_ || !caseless_) return alwaysLower_ ? ScanResult::Failed : ScanResult::No;
  return caseless_->scanAny(s, len);
}

int64_t LowerScan::scanCount(const char* s, int64_t len) const {
  if (alwaysLower_ || !caseless_) return alwaysLower_ ? -2 : 0;
  return caseless_->scanCount(s, len);
}

bool lowerInto(const char* s, int64_t len, std::string& buf, gai_str& out) {
  return gai_std_text_lower(s, len, growString, &buf, &out) == GAI_STD_OK;
}

}  // namespace gai::stdlib
