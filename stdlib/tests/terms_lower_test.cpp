// gai_terms_new_lowered against its definition: the exact set over text.lower(s).
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "stdlib/terms_lower.h"
#include "stdlib/tests/test_util.h"
#include "stdlib/text_impl.h"

namespace gai::stdlib::test {
namespace {

using Terms = std::vector<std::string>;
using SetPtr = std::shared_ptr<gai_terms>;

SetPtr makeSet(const Terms& terms, bool lowered) {
  std::vector<gai_str> strs;
  for (const std::string& t : terms) strs.push_back(str(t));
  auto n = int64_t(strs.size());
  return SetPtr(lowered ? gai_terms_new_lowered(strs.data(), n) : gai_terms_new(strs.data(), n), gai_terms_free);
}

std::string lowered(const std::string& s) {
  Arena arena;
  gai_str out{};
  EXPECT_EQ(gai_std_text_lower(s.data(), int64_t(s.size()), Arena::alloc, &arena, &out), GAI_STD_OK);
  return std::string(view(out));
}

// Both queries of the lowered set on s equal the exact set's on text.lower(s).
struct Pair {
  explicit Pair(const Terms& terms) : exact(makeSet(terms, false)), lower(makeSet(terms, true)) {}
  void expectSame(const std::string& s) const {
    std::string l = lowered(s);
    auto n = int64_t(s.size()), ln = int64_t(l.size());
    EXPECT_EQ(gai_std_text_contains_any(s.data(), n, lower.get()),
              gai_std_text_contains_any(l.data(), ln, exact.get()))
        << "contains_any on [" << s << "]";
    EXPECT_EQ(gai_std_text_count_terms(s.data(), n, lower.get()), gai_std_text_count_terms(l.data(), ln, exact.get()))
        << "count_terms on [" << s << "]";
  }
  SetPtr exact, lower;
};

bool any(const Pair& p, const std::string& s) {
  return gai_std_text_contains_any(s.data(), int64_t(s.size()), p.lower.get());
}
int64_t count(const Pair& p, const std::string& s) {
  return gai_std_text_count_terms(s.data(), int64_t(s.size()), p.lower.get());
}

const Terms kLabelTerms = {"去除ai标识", "去掉ai水印", "remove ai watermark", "strip the ai label", "kelvin",
                           "istanbul"};

TEST(TermsLowered, MatchesWhatTheLoweredTextMatches) {
  Pair p(kLabelTerms);
  EXPECT_TRUE(any(p, "Please REMOVE AI WATERMARK from this"));
  EXPECT_TRUE(any(p, "帮我去掉AI水印，要看不出来"));
  EXPECT_TRUE(any(p, "去除Ai标识后再发给我"));
  EXPECT_FALSE(any(p, "去除人工智能标识"));
  EXPECT_EQ(count(p, "REMOVE AI WATERMARK and Strip The AI Label"), 2);
  for (const char* s : {"Please REMOVE AI WATERMARK from this", "nothing here", "", "REMOVE AI", "去除AI标"})
    p.expectSame(s);
}

// Non-ASCII code points that lower to ASCII: the caseless scan alone would miss them.
TEST(TermsLowered, KelvinSignAndDottedCapitalI) {
  Pair p(kLabelTerms);
  EXPECT_TRUE(any(p, "\u212Aelvin"));         // KELVIN SIGN -> k
  EXPECT_TRUE(any(p, "\u0130stanbul"));       // LATIN CAPITAL LETTER I WITH DOT ABOVE -> i
  EXPECT_TRUE(any(p, "x\u212A\u212AELVIN"));  // the second one starts the match
  EXPECT_EQ(count(p, "\u212Aelvin \u0130STANBUL"), 2);
  EXPECT_FALSE(any(p, "\u212Aelvi"));
  for (const char* s : {"\u212Aelvin", "\u0130stanbul", "\u212A", "\u0130", "ı", "\u212Aelvi\u0130stanbul",
                        "remove a\u0130 watermark", "strip the a\u0130 label"})
    p.expectSame(s);
}

// Full-width, Greek, Cyrillic, Armenian, Deseret, titlecase letters: they lower to non-ASCII
// letters, never to the ASCII of a term; non-ASCII lowercase terms need their capitals.
TEST(TermsLowered, NonAsciiLetters) {
  Pair p({"remove", "σοφία", "привет", "åsa", "ǆ", "𐐨", "ß"});
  EXPECT_FALSE(any(p, "ＲＥＭＯＶＥ"));  // full-width lowers to full-width
  EXPECT_TRUE(any(p, "ΣΟΦΊΑ"));
  EXPECT_TRUE(any(p, "ПРИВЕТ"));
  EXPECT_TRUE(any(p, "\u212Bsa"));  // ANGSTROM SIGN -> å
  EXPECT_TRUE(any(p, "ÅSA"));
  EXPECT_TRUE(any(p, "Ǆ"));
  EXPECT_TRUE(any(p, "ǅ"));        // titlecase
  EXPECT_TRUE(any(p, "𐐀"));        // DESERET CAPITAL LONG I
  EXPECT_TRUE(any(p, "ẞ"));         // U+1E9E lowers to ß
  for (const char* s : {"ＲＥＭＯＶＥ", "ｒｅｍｏｖｅ", "ΣΟΦΊΑ", "σοφίας", "ΣΟΦΙΑ", "ПРИВЕТ", "пРиВеТ", "\u212Bsa", "ÅSA",
                        "Ǆ", "ǅ", "ǆ", "𐐀", "𐐨", "ẞ", "ss", "SS", "REMOVE ÅSA"})
    p.expectSame(s);
}

// Bytes that are not UTF-8 pass through text.lower; Hyperscan's caseless mode must not fold
// them (0xC4 vs 0xE4 differ by the ASCII case bit).
TEST(TermsLowered, InvalidUtf8AndHighBytes) {
  Pair p({"中文", "ab"});
  EXPECT_FALSE(any(p, "\xC4\xB8\xAD\xE6\x96\x87"));
  EXPECT_TRUE(any(p, "\xFF" "AB"));
  for (const char* s : {"\xC4\xB8\xAD\xE6\x96\x87", "\xFF" "AB", "\xE2\x84", "\xE2\x84\xAA", "\xC3", "A\x80" "B",
                        "\xED\xA0\x80" "AB", "\xF0\x90\x90" "AB", "\xE4\xB8\xAD\xE6\x96\x87"})
    p.expectSame(s);
}

// Terms that text.lower never produces are dropped; a term that is not UTF-8 makes every
// query lower the text first.
TEST(TermsLowered, TermsThatAreNotLowercase) {
  Pair upper({"Remove", "ÄB", "ok"});
  EXPECT_FALSE(any(upper, "Remove"));
  EXPECT_FALSE(any(upper, "ÄB"));
  EXPECT_TRUE(any(upper, "OK"));
  EXPECT_EQ(count(upper, "REMOVE äb OK"), 1);
  Pair none({"Remove", "ÄB"});
  EXPECT_FALSE(any(none, "remove äb REMOVE ÄB"));
  EXPECT_EQ(count(none, "remove äb"), 0);
  Pair bad({"\xC3", "x\x80"});
  for (const char* s : {"\xC3", "X\x80", "\xC3\x80", "ab", "\xC3\x83"}) bad.expectSame(s);
  EXPECT_TRUE(any(bad, "X\x80"));
}

TEST(TermsLowered, Sentinels) {
  LowerScan scan({"ik", "abc"});
  std::vector<std::string> expected = {"\u0130", "\u212A"};  // the non-ASCII capitals of i and k
  EXPECT_EQ(scan.sentinels(), expected);
  LowerScan chinese({"去除ai标识"});
  EXPECT_EQ(chinese.sentinels(), std::vector<std::string>{"\u0130"});
}

// Lowering is idempotent, and no non-ASCII code point lowers to an ASCII capital: the
// argument in terms_lower.h rests on both.
TEST(TermsLowered, LoweringIsIdempotent) {
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    uint32_t l = lowerCodePoint(cp);
    ASSERT_EQ(lowerCodePoint(l), l) << std::hex << cp;
    ASSERT_FALSE(l >= 'A' && l <= 'Z') << std::hex << cp;
  }
}

// Random texts from adversarial pieces against random term sets.
const char* const kPieces[] = {"a",  "A",   "k",  "K",  "i",   "I",    "\u212A", "\u0130", "ı",  "ß",  "ẞ",
                               "σ",  "Σ",   "ς",  "ä",  "Ä",   "å",    "\u212B", "ǅ",      "Ǆ",  "ǆ",  "ｋ",
                               "Ｋ", "中",  "文", "，", "д",   "Д",    "𐐀",      "𐐨",      " ",  "\x80", "\xC3",
                               "\xE2\x84", "\xFF", "\xED\xA0\x80", "ai", "AI", "水印", "ok", "OK", "b"};
constexpr size_t kPieceCount = sizeof(kPieces) / sizeof(kPieces[0]);

std::string randomText(std::mt19937& rng, int maxPieces) {
  std::string s;
  int n = int(rng() % unsigned(maxPieces + 1));
  for (int i = 0; i < n; ++i) s += kPieces[rng() % kPieceCount];
  return s;
}

TEST(TermsLowered, RandomTextsAgreeWithLoweringFirst) {
  std::mt19937 rng(20261130);
  for (int set = 0; set < 150; ++set) {
    Terms terms;
    int nt = 1 + int(rng() % 6);
    for (int i = 0; i < nt; ++i) terms.push_back(randomText(rng, 3));
    Pair p(terms);
    for (int i = 0; i < 60; ++i) {
      std::string s = randomText(rng, 12);
      if (rng() % 4 == 0) s = lowered(s);  // lowered texts hit more often
      p.expectSame(s);
    }
    if (HasFailure()) return;
  }
}

// The scratch cache is per thread: many threads and sets at once agree with one thread.
TEST(TermsLowered, ThreadsShareSetsSafely) {
  std::vector<Pair> pairs;
  for (int i = 0; i < 4; ++i) pairs.emplace_back(Terms{"remove ai watermark", "k" + std::to_string(i), "去除ai标识"});
  std::vector<std::string> texts = {"REMOVE AI WATERMARK", "\u212A1", "k2 K3", "去除AI标识", "nothing", "\u212A\u212A0"};
  std::vector<int64_t> expected;
  for (const Pair& p : pairs)
    for (const std::string& t : texts) expected.push_back(count(p, t));
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      for (int round = 0; round < 2000; ++round) {
        size_t e = 0;
        for (const Pair& p : pairs)
          for (const std::string& t : texts) bad[size_t(k)] += count(p, t) != expected[e++];
      }
    });
  for (std::thread& t : threads) t.join();
  for (int b : bad) EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace gai::stdlib::test
