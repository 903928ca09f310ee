#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "stdlib/terms_impl.h"
#include "stdlib/terms_small.h"
#include "stdlib/tests/test_util.h"

namespace gai::stdlib::test {
namespace {

using Terms = std::vector<std::string>;

struct TermsDeleter {
  void operator()(gai_terms* t) const { gai_terms_free(t); }
};

// The public API, the Hyperscan matcher and the list scan, each prepared once per term set.
using Result = std::pair<bool, int64_t>;
using Query = std::function<Result(std::string_view)>;
struct Engine {
  const char* name;
  std::function<Query(const Terms&)> prepare;
};

std::vector<gai_str> views(const Terms& terms) {
  std::vector<gai_str> strs;
  for (const std::string& t : terms) strs.push_back(str(t));
  return strs;
}

Query preparePublic(const Terms& terms) {
  std::vector<gai_str> strs = views(terms);
  std::shared_ptr<gai_terms> set(gai_terms_new(strs.data(), int64_t(strs.size())), gai_terms_free);
  return [set](std::string_view text) {
    auto n = int64_t(text.size());
    return Result{gai_std_text_contains_any(text.data(), n, set.get()),
                  gai_std_text_count_terms(text.data(), n, set.get())};
  };
}

Query prepareHyperscan(const Terms& terms) {
  std::vector<gai_str> strs = views(terms);
  auto m = std::make_shared<HsTermMatcher>(normalizeTerms(strs.data(), int64_t(strs.size())));
  EXPECT_TRUE(m->ok()) << m->error();
  return [m](std::string_view text) {
    auto n = int64_t(text.size());
    return Result{m->containsAny(text.data(), n), m->countTerms(text.data(), n)};
  };
}

// The Teddy-style matcher for small sets (the public API's choice for them); on a CPU
// without AVX2 the public API uses Hyperscan and this engine checks Hyperscan again.
Query prepareSmall(const Terms& terms) {
  std::vector<gai_str> strs = views(terms);
  Terms distinct = normalizeTerms(strs.data(), int64_t(strs.size()));
  if (!SmallTermMatcher::usable(distinct.size())) return prepareHyperscan(terms);
  auto m = std::make_shared<SmallTermMatcher>(distinct, false, Terms{});
  return [m](std::string_view text) {
    auto n = int64_t(text.size());
    return Result{m->scanAny(text.data(), n) == ScanResult::Yes, m->scanCount(text.data(), n)};
  };
}

// The unprepared path (also gai_terms' fallback), given distinct terms as sets hold them.
Query prepareList(const Terms& terms) {
  auto distinct = std::make_shared<Terms>(terms);
  std::sort(distinct->begin(), distinct->end());
  distinct->erase(std::unique(distinct->begin(), distinct->end()), distinct->end());
  return [distinct](std::string_view text) {
    std::vector<gai_str> strs = views(*distinct);
    auto n = int64_t(text.size());
    return Result{
        gai_std_text_contains_any_list(text.data(), n, strs.data(), int64_t(strs.size())),
        gai_std_text_count_terms_list(text.data(), n, strs.data(), int64_t(strs.size()))};
  };
}

// Reference: one substring search per distinct non-empty term.
std::pair<bool, int64_t> naive(const Terms& terms, std::string_view text) {
  Terms distinct = terms;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  int64_t count = 0;
  for (const std::string& t : distinct) count += !t.empty() && text.find(t) != text.npos;
  return {count > 0, count};
}

const Engine kEngines[] = {
    {"public", preparePublic},
    {"hyperscan", prepareHyperscan},
    {"small", prepareSmall},
    {"list", prepareList},
};

void expectBoth(const Terms& terms, std::string_view text, bool any, int64_t count) {
  for (const Engine& e : kEngines) {
    auto [gotAny, gotCount] = e.prepare(terms)(text);
    EXPECT_EQ(gotAny, any) << e.name << " on \"" << text << "\"";
    EXPECT_EQ(gotCount, count) << e.name << " on \"" << text << "\"";
  }
}

TEST(Terms, EmptySetAndEmptyText) {
  expectBoth({}, "anything", false, 0);
  expectBoth({"abc"}, "", false, 0);
  expectBoth({}, "", false, 0);
}

TEST(Terms, EmptyTermsNeverCount) {
  expectBoth({""}, "text", false, 0);
  expectBoth({"", "x"}, "text", true, 1);
  expectBoth({"", "y"}, "text", false, 0);
}

TEST(Terms, DuplicatesCollapse) {
  expectBoth({"ab", "ab", "ab"}, "xxabxx", true, 1);
}

TEST(Terms, OverlappingAndNested) {
  // Prefixes, suffixes and infixes of each other all count.
  expectBoth({"he", "she", "his", "hers"}, "ushers", true, 3);
  expectBoth({"a", "aa", "aaa", "aaaa", "aaaaa"}, "aaaa", true, 4);
  expectBoth({"abcd", "bc", "abcde"}, "abcd", true, 2);
  expectBoth({"abcdefgh", "abcd", "efgh", "defg"}, "abcdefgh", true, 4);
  expectBoth({"abcdefgh", "abcdxxxx"}, "abcdefg", false, 0);
}

TEST(Terms, ShortTermsAtTheEnd) {
  expectBoth({"z"}, "abcz", true, 1);
  expectBoth({"yz"}, "abcyz", true, 1);
  expectBoth({"xyz", "wxyz"}, "wxyz", true, 2);
  expectBoth({"xyz"}, "xy", false, 0);
}

TEST(Terms, RepeatedOccurrencesCountOnce) {
  expectBoth({"的", "生成"}, "生成的生成的生成", true, 2);
}

TEST(Terms, ChineseAndAscii) {
  Terms terms = {"人工智能", "深度合成", "deepfake", "AI", "换脸"};
  expectBoth(terms, "本服务使用人工智能技术进行深度合成，不支持deepfake。", true, 3);
  expectBoth(terms, "普通的文本 without keywords", false, 0);
  expectBoth(terms, "ai lowercase is not AI? yes it is", true, 1);
  // Byte-exact: a term never matches across a different character boundary meaning.
  expectBoth({"\xBA"}, "人", true, 1);  // raw continuation byte inside 人 (E4 BA BA)
}

TEST(Terms, BinaryBytes) {
  expectBoth({std::string("\0a", 2), std::string("\xFF\xFF\xFF\xFF\xFF", 5)},
             std::string_view("x\0ab\xFF\xFF\xFF\xFF\xFF", 9), true, 2);
}

TEST(Terms, EmptyTextWithoutData) {
  gai_str strs[] = {str("a")};
  std::unique_ptr<gai_terms, TermsDeleter> set(gai_terms_new(strs, 1));
  EXPECT_FALSE(gai_std_text_contains_any(nullptr, 0, set.get()));
  EXPECT_EQ(gai_std_text_count_terms(nullptr, 0, set.get()), 0);
}

TEST(Terms, NullSetIsSafe) {
  EXPECT_FALSE(gai_std_text_contains_any("a", 1, nullptr));
  EXPECT_EQ(gai_std_text_count_terms("a", 1, nullptr), 0);
  EXPECT_EQ(gai_terms_size(nullptr), 0);
}

TEST(Terms, SizeCountsDistinctNonEmpty) {
  gai_str strs[] = {str("a"), str(""), str("b"), str("a")};
  std::unique_ptr<gai_terms, TermsDeleter> set(gai_terms_new(strs, 4));
  EXPECT_EQ(gai_terms_size(set.get()), 2);
}

std::string randomString(std::mt19937& rng, const std::vector<std::string>& alphabet, int maxLen) {
  std::string s;
  int n = std::uniform_int_distribution<int>(0, maxLen)(rng);
  for (int i = 0; i < n; ++i)
    s += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
  return s;
}

// Small alphabets make overlaps, nesting and shared prefixes frequent.
TEST(Terms, RandomizedAgainstNaive) {
  std::mt19937 rng(20260101);
  const std::vector<std::string> alphabets[] = {
      {"a", "b"}, {"a", "b", "c", "d"}, {"中", "文", "a", "b"}, {"\xE4", "\xB8", "\xAD", "x"}};
  int checked = 0;
  for (int round = 0; round < 3000; ++round) {
    const auto& alphabet = alphabets[round % 4];
    Terms terms;
    int n = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < n; ++i) terms.push_back(randomString(rng, alphabet, 7));
    std::vector<std::string> texts;
    for (int k = 0; k < 5; ++k) texts.push_back(randomString(rng, alphabet, 40));
    for (const Engine& e : kEngines) {
      Query query = e.prepare(terms);
      for (const std::string& text : texts) {
        ASSERT_EQ(query(text), naive(terms, text))
            << e.name << " round " << round << " text \"" << text << "\"";
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 3000 * 5 * 4);  // five texts, four engines
}

TEST(Terms, RandomizedLargeSets) {
  std::mt19937 rng(7);
  const std::vector<std::string> alphabet = {"中", "文", "人", "工", "a", "b", "c", " "};
  for (int round = 0; round < 6; ++round) {
    Terms terms;
    for (int i = 0; i < 2000; ++i) terms.push_back(randomString(rng, alphabet, 6));
    std::vector<std::string> texts;
    for (int k = 0; k < 10; ++k) texts.push_back(randomString(rng, alphabet, 600));
    for (const Engine& e : kEngines) {
      Query query = e.prepare(terms);
      for (const std::string& text : texts) ASSERT_EQ(query(text), naive(terms, text)) << e.name;
    }
  }
}

TEST(Terms, ConcurrentQueries) {
  Terms words = {"违法", "暴力", "violence", "terror", "x"};
  std::vector<gai_str> strs;
  for (const std::string& t : words) strs.push_back(str(t));
  std::unique_ptr<gai_terms, TermsDeleter> set(gai_terms_new(strs.data(), int64_t(strs.size())));
  std::string text = "含有暴力和terror内容";
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        failures[t] += gai_std_text_count_terms(text.data(), int64_t(text.size()), set.get()) != 2;
    });
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace gai::stdlib::test
