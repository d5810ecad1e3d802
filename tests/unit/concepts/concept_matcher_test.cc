#include "concepts/concept_matcher.h"

#include <gtest/gtest.h>

#include "tests/unit/concepts/concept_fixture.h"

namespace spotter {
namespace {

using testing::ConceptFixture;

ConceptFixture WithIdiom() {
  return ConceptFixture(std::string("{\"concepts\": {") + testing::kNegationCues + R"(
    "~recovery": ["sick", "tired", "exhausted", "rest day"],
    "~idiom_fed_up": ["sick of", "tired of"],
    "~program": ["3x10", "program"]}})");
}

TEST(ConceptMatcher, AWordInsideAnIdiomMeansTheIdiomOnly) {
  EXPECT_EQ(WithIdiom().Hits("sick of my program"),
            (std::vector<std::string>{"~idiom_fed_up", "~program"}));
}

TEST(ConceptMatcher, TheSameWordOutsideTheIdiomStillCounts) {
  EXPECT_EQ(WithIdiom().Hits("tired of feeling exhausted, and sick"),
            (std::vector<std::string>{"~idiom_fed_up", "~recovery", "~recovery"}));
  EXPECT_EQ(WithIdiom().Hits("i am sick, need a rest day"),
            (std::vector<std::string>{"~recovery", "~recovery"}));
}

}  // namespace
}  // namespace spotter
