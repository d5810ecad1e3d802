#include "concepts/negation.h"

#include <gtest/gtest.h>

#include "tests/unit/concepts/concept_fixture.h"

namespace spotter {
namespace {

using testing::ConceptFixture;

ConceptFixture Symptoms() {
  return ConceptFixture(std::string("{\"concepts\": {") + testing::kNegationCues + R"(
    "~numbness": ["numb", "numbness", "tingling", "pins and needles"],
    "~pain": ["pain", "hurt"],
    "~soreness": ["sore"],
    "~leg": ["leg", "legs"],
    "~swelling": ["swollen", "puffy"]}})");
}

TEST(Negation, NoNumbnessOrTinglingJustSoreNegatesBoth) {
  EXPECT_EQ(Symptoms().Hits("no numbness or tingling, just sore"),
            (std::vector<std::string>{"~numbness!", "~numbness!", "~soreness"}));
}

TEST(Negation, NoPainButMyLegIsNumbNegatesOnlyPain) {
  EXPECT_EQ(Symptoms().Hits("no pain but my leg is numb"),
            (std::vector<std::string>{"~pain!", "~leg", "~numbness"}));
}

TEST(Negation, ScopeEndsAtPunctuation) {
  EXPECT_EQ(Symptoms().Hits("no pain. my leg is numb"),
            (std::vector<std::string>{"~pain!", "~leg", "~numbness"}));
}

TEST(Negation, ContractedNotNegates) {
  EXPECT_EQ(Symptoms().Hits("it isn't swollen"),
            (std::vector<std::string>{"~swelling!"}));
}

TEST(Negation, TrailingCueNegatesWhatComesBefore) {
  EXPECT_EQ(Symptoms().Hits("legs fine, back sore"),
            (std::vector<std::string>{"~leg!", "~soreness"}));
}

TEST(Negation, MultiWordCuesAndPhrasesAreNegated) {
  EXPECT_EQ(Symptoms().Hits("nothing like pins and needles"),
            (std::vector<std::string>{"~numbness!"}));
}

TEST(Negation, ReachIsLimited) {
  EXPECT_EQ(Symptoms().Hits("never thought lifting would make me this very sore"),
            (std::vector<std::string>{"~soreness"}));
}

TEST(Negation, WithoutCuesNothingIsNegated) {
  ConceptFixture f(R"({"concepts": {"~numbness": ["numb"]}})");
  EXPECT_EQ(f.Hits("no numb"), (std::vector<std::string>{"~numbness"}));
}

}  // namespace
}  // namespace spotter
