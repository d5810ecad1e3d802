#include "concepts/term_index.h"

#include <algorithm>
#include <tuple>

#include <gtest/gtest.h>

#include "tests/unit/concepts/concept_fixture.h"

namespace spotter {
namespace {

using testing::ConceptFixture;

TEST(TermIndex, CompilesTermsToBoundedRegexes) {
  EXPECT_EQ(TermIndex::ToRegex({TermKind::kWord, {"sore"}, ""}), "\\bsore\\b");
  EXPECT_EQ(TermIndex::ToRegex({TermKind::kPhrase, {"lower", "back"}, ""}),
            "\\blower back\\b");
  EXPECT_EQ(TermIndex::ToRegex({TermKind::kPrefix, {"chin"}, ""}), "\\bchin");
}

TEST(TermIndex, LocatesEveryOccurrenceWithTokenSpans) {
  ConceptFixture f(R"({"concepts": {"~low_back": ["lower back"], "~sore": ["sore"]}})");
  const NormalizedText text = f.Normalize("sore lower back, still sore");
  std::vector<TermHit> hits = f.terms->Scan(text);
  std::sort(hits.begin(), hits.end(),
            [](const TermHit& a, const TermHit& b) { return a.begin < b.begin; });
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].begin, 0u);
  EXPECT_EQ(hits[1].begin, 1u);
  EXPECT_EQ(hits[1].end, 3u);
  EXPECT_EQ(hits[2].begin, 5u);
}

TEST(TermIndex, DoesNotMatchInsideWords) {
  ConceptFixture f(R"({"concepts": {"~arm": ["arm"]}})");
  EXPECT_TRUE(f.terms->Scan(f.Normalize("forearm harm")).empty());
}

TEST(TermIndex, LocatesPatternHits) {
  ConceptFixture f(R"({"concepts": {}})");
  ConceptTable table;
  const ConceptId id = table.AddPattern("weeks", "\\b[2-9] week");
  Diagnostics problems;
  table.Resolve(&problems);
  auto index = TermIndex::Build(table.terms(), 8 << 20, &problems);
  ASSERT_TRUE(index);
  const NormalizedText text = f.Normalize("sore for 3 weeks now");
  const std::vector<TermHit> hits = index->Scan(text);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(table.term_concepts()[hits[0].term][0], id);
  EXPECT_EQ(hits[0].begin, 2u);
  EXPECT_EQ(hits[0].end, 4u);
}

TEST(TermIndex, ReportsASetThatDoesNotFitItsMemoryBudget) {
  std::vector<Term> terms;
  for (int i = 0; i < 2000; ++i) {
    terms.push_back({TermKind::kWord, {"word" + std::to_string(i)}, ""});
  }
  Diagnostics problems;
  EXPECT_EQ(TermIndex::Build(terms, 16 << 10, &problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("memory budget"), std::string::npos);
}

// When the set's DFA runs out of memory, Scan falls back to locating every
// term directly. RE2 sets recover from a full DFA cache by resetting it, so
// the fallback cannot be provoked reliably from a test; instead the two paths
// are held to the same results.
TEST(TermIndex, FallbackPathFindsWhatTheSetFinds) {
  ConceptFixture f(R"({"concepts": {
      "~low_back": ["lower back", "lumbar"], "~sore": ["sore", "stiff"],
      "~pullup": ["chin*", "pull up"], "~deadlift": ["deadlift", "deads"]}})");
  ASSERT_TRUE(f.terms);
  auto sorted = [](std::vector<TermHit> hits) {
    std::sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
      return std::tie(a.begin, a.term) < std::tie(b.begin, b.term);
    });
    return hits;
  };
  for (const char* text : {"sore lower back after deads, chinups fine",
                           "nothing here", "lumbar stiff; pull up; chin"}) {
    const NormalizedText normalized = f.Normalize(text);
    const auto fast = sorted(f.terms->Scan(normalized));
    const auto slow = sorted(f.terms->ScanWithoutSet(normalized));
    ASSERT_EQ(fast.size(), slow.size()) << text;
    for (std::size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].term, slow[i].term);
      EXPECT_EQ(fast[i].begin, slow[i].begin);
      EXPECT_EQ(fast[i].end, slow[i].end);
    }
  }
  EXPECT_EQ(f.terms->out_of_memory_count(), 0u);
}

}  // namespace
}  // namespace spotter
