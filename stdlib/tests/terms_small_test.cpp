// SmallTermMatcher (caseless literals, sentinels, shared buckets, block edges) against a
// byte-by-byte reference, and TermMatcher's choice between it and Hyperscan.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "stdlib/terms_small.h"

namespace gai::stdlib::test {
namespace {

using Strings = std::vector<std::string>;

bool letter(char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

bool occurs(const std::string& lit, const std::string& text, bool caseless) {
  for (size_t at = 0; at + lit.size() <= text.size(); ++at) {
    size_t k = 0;
    for (; k < lit.size(); ++k) {
      char a = text[at + k], b = lit[k];
      if (a == b || (caseless && letter(b) && (a | 0x20) == (b | 0x20))) continue;
      break;
    }
    if (k == lit.size()) return true;
  }
  return false;
}

struct Expected {
  int64_t terms = 0;
  bool sentinel = false;
};

Expected reference(const Strings& terms, bool caseless, const Strings& sentinels, const std::string& text) {
  Expected e;
  for (const std::string& t : terms) e.terms += occurs(t, text, caseless);
  for (const std::string& t : sentinels) e.sentinel = e.sentinel || occurs(t, text, false);
  return e;
}

void expectMatches(const SmallTermMatcher& m, const Strings& terms, bool caseless, const Strings& sentinels,
                   const std::string& text) {
  Expected e = reference(terms, caseless, sentinels, text);
  auto n = int64_t(text.size());
  EXPECT_EQ(m.scanCount(text.data(), n), e.sentinel ? -1 : e.terms) << text;
  ScanResult any = m.scanAny(text.data(), n);
  if (e.terms > 0 && e.sentinel) {
    EXPECT_TRUE(any == ScanResult::Yes || any == ScanResult::Sentinel) << text;
  } else {
    EXPECT_EQ(any, e.terms > 0 ? ScanResult::Yes : e.sentinel ? ScanResult::Sentinel : ScanResult::No) << text;
  }
}

std::string pick(std::mt19937& rng, const Strings& alphabet, int maxPieces) {
  std::string s;
  int n = std::uniform_int_distribution<int>(0, maxPieces)(rng);
  for (int i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
  return s;
}

// Distinct non-empty strings, in byte order (as normalizeTerms gives them).
Strings distinct(Strings v) {
  Strings out;
  for (std::string& s : v)
    if (!s.empty()) out.push_back(std::move(s));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(SmallTerms, RandomizedAgainstReference) {
  if (!SmallTermMatcher::usable(1)) GTEST_SKIP() << "no AVX2 on this CPU";
  std::mt19937 rng(42);
  const Strings alphabet = {"a", "B", "b", "中", "去", "\xC4\xB0", "x", " ", "\x80", "Z", "z", "\xFF"};
  for (int round = 0; round < 400; ++round) {
    Strings terms, sentinels;
    int n = 1 + int(rng() % 40);
    for (int i = 0; i < n; ++i) terms.push_back(pick(rng, alphabet, 5));
    terms = distinct(terms);
    if (round % 3 == 0) sentinels = distinct({pick(rng, alphabet, 2)});
    bool caseless = round % 2 == 1;
    SmallTermMatcher m(terms, caseless, sentinels);
    for (int k = 0; k < 8; ++k) {
      std::string text = pick(rng, alphabet, k < 4 ? 20 : 200);  // across 32-byte blocks too
      expectMatches(m, terms, caseless, sentinels, text);
    }
  }
}

// Every start offset around the block edges (32 positions a step, 34 bytes read).
TEST(SmallTerms, BlockEdges) {
  if (!SmallTermMatcher::usable(1)) GTEST_SKIP() << "no AVX2 on this CPU";
  Strings terms = distinct({"q", "xy", "uvw", "remove ai"});
  SmallTermMatcher m(terms, true, {});
  for (size_t len = 1; len < 100; ++len) {
    for (const std::string& t : terms) {
      if (t.size() > len) continue;
      for (size_t at = 0; at + t.size() <= len; ++at) {
        std::string text(len, '.');
        text.replace(at, t.size(), t == "remove ai" ? "REMOVE Ai" : t);
        ASSERT_EQ(m.scanCount(text.data(), int64_t(len)), 1) << len << " " << at << " " << t;
        ASSERT_EQ(m.scanAny(text.data(), int64_t(len)), ScanResult::Yes) << len << " " << at << " " << t;
      }
    }
    std::string none(len, '.');
    ASSERT_EQ(m.scanCount(none.data(), int64_t(len)), 0);
  }
}

// The shipped label-removal terms (lowered, so caseless) with their sentinel U+0130.
TEST(SmallTerms, LabelTermsAndTermMatcherChoice) {
  Strings terms = distinct({"去除ai标识", "去掉ai水印", "删除ai标识", "隐藏ai标识", "remove ai watermark",
                            "strip the ai label"});
  TermMatcher tm(terms, true, {"\u0130"});
  EXPECT_EQ(tm.hasSmall(), SmallTermMatcher::usable(terms.size() + 1));
  std::string hit = "请帮我去掉AI水印，谢谢";
  std::string longHit = std::string(3000, 'x') + "Please REMOVE AI watermark";
  std::string sentinel = "\u0130 去掉ai水";
  for (const std::string* t : {&hit, &longHit}) {
    EXPECT_EQ(tm.scanAny(t->data(), int64_t(t->size())), ScanResult::Yes);
    EXPECT_EQ(tm.scanCount(t->data(), int64_t(t->size())), 1);
  }
  EXPECT_EQ(tm.scanAny(sentinel.data(), int64_t(sentinel.size())), ScanResult::Sentinel);
  EXPECT_EQ(tm.scanCount(sentinel.data(), int64_t(sentinel.size())), -1);
  EXPECT_EQ(tm.scanAny("去掉ai", 8), ScanResult::No);
  // Many distinct prefixes: Hyperscan alone.
  Strings many;
  for (int i = 0; i < 40; ++i) many.push_back(std::string(1, char('A' + i)) + "xyz");
  EXPECT_FALSE(TermMatcher(distinct(many)).hasSmall());
}

}  // namespace
}  // namespace gai::stdlib::test
