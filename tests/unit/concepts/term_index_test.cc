#include "concepts/term_index.h"

#include <algorithm>

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

// A budget big enough to compile but too small for the DFA's cache on this
// text: the scan must still find every term, and count the event.
TEST(TermIndex, FallsBackWhenTheDfaRunsOutOfMemory) {
  std::vector<Term> terms;
  for (int i = 0; i < 400; ++i) {
    terms.push_back({TermKind::kWord, {"w" + std::to_string(i * 7919 % 100000)}, ""});
  }
  terms.push_back({TermKind::kWord, {"sore"}, ""});
  Lexicon lexicon;
  std::string message;
  for (int i = 0; i < 3000; ++i) message += "w" + std::to_string(i * 31 % 100000) + " ";
  message += "sore";
  const NormalizedText text = Normalizer(lexicon, false).Normalize(message);

  // Find a budget that compiles but exhausts the DFA on this text.
  for (std::int64_t budget = 64 << 10; budget <= 8 << 20; budget += 32 << 10) {
    Diagnostics problems;
    auto index = TermIndex::Build(terms, budget, &problems);
    if (!index) continue;
    const std::vector<TermHit> hits = index->Scan(text);
    if (index->out_of_memory_count() == 0) break;  // budget now suffices
    const bool found_sore = std::any_of(hits.begin(), hits.end(), [&](const TermHit& h) {
      return h.term == terms.size() - 1;
    });
    EXPECT_TRUE(found_sore);
    return;
  }
  GTEST_SKIP() << "RE2 never ran out of DFA memory with these budgets";
}

}  // namespace
}  // namespace spotter
