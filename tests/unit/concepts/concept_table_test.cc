#include "concepts/concept_table.h"

#include <gtest/gtest.h>

#include "tests/unit/concepts/concept_fixture.h"

namespace spotter {
namespace {

using testing::ConceptFixture;

TEST(ConceptTable, MatchesWordsByStem) {
  ConceptFixture f(R"({"concepts": {"~deadlift": ["deadlift", "deads"]}})");
  ASSERT_TRUE(f.problems.empty());
  EXPECT_EQ(f.Hits("deadlifting and deadlifts"),
            (std::vector<std::string>{"~deadlift", "~deadlift"}));
  EXPECT_EQ(f.Hits("heavy deads"), (std::vector<std::string>{"~deadlift"}));
}

TEST(ConceptTable, MatchesPhrasesInOrderOnly) {
  ConceptFixture f(R"({"concepts": {"~low_back": ["lower back", "bottom of my back"]}})");
  EXPECT_EQ(f.Hits("my lower back"), (std::vector<std::string>{"~low_back"}));
  EXPECT_EQ(f.Hits("the bottom of my back"), (std::vector<std::string>{"~low_back"}));
  EXPECT_TRUE(f.Hits("back lower").empty());
  EXPECT_TRUE(f.Hits("lower, back").empty());
}

TEST(ConceptTable, MatchesPrefixes) {
  ConceptFixture f(R"({"concepts": {"~pullup": ["chin*"]}})");
  EXPECT_EQ(f.Hits("chins and chinups"),
            (std::vector<std::string>{"~pullup", "~pullup"}));
}

TEST(ConceptTable, NestedConceptsMatchThroughTheirParent) {
  ConceptFixture f(R"({"concepts": {
      "~rdl": ["rdl", "romanian deadlift"],
      "~deadlift": ["deadlift", "~rdl"]}})");
  ASSERT_TRUE(f.problems.empty());
  EXPECT_EQ(f.Hits("rdl"), (std::vector<std::string>{"~deadlift", "~rdl"}));
}

TEST(ConceptTable, ReportsCyclesWithTheirPath) {
  ConceptFixture f("{\"concepts\": {\n\"~a\": [\"x\", \"~b\"],\n\"~b\": [\"~a\"]}}");
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_NE(f.problems[0].message.find("concept cycle: ~a -> ~b -> ~a"),
            std::string::npos);
  EXPECT_EQ(f.problems[0].line, 3);
}

TEST(ConceptTable, ReportsUnknownNestedConceptsWithLine) {
  ConceptFixture f("{\"concepts\": {\n\"~a\": [\"x\",\n \"~missing\"]}}");
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].ToString(), "concepts.json:3: unknown concept ~missing in ~a");
}

TEST(ConceptTable, ReportsBadNamesAndEmptyEntries) {
  ConceptFixture f("{\"concepts\": {\n\"back\": [\"x\"],\n\"~ok\": [\"!!\"]}}");
  ASSERT_EQ(f.problems.size(), 2u);
  EXPECT_EQ(f.problems[0].line, 2);
  EXPECT_EQ(f.problems[1].line, 3);
}

TEST(ConceptTable, CollectsEntryWordsForTheTypoVocabulary) {
  ConceptFixture f(R"({"concepts": {"~x": ["lower back", "deads"]}})");
  EXPECT_EQ(f.table.EntryWords(), (std::vector<std::string>{"back", "deads", "lower"}));
}

}  // namespace
}  // namespace spotter
