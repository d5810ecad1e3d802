#include "text/typo_index.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TypoIndex Vocabulary() {
  return TypoIndex({"deadlift", "deadlifting", "forearm", "lumbar", "shoulder",
                    "soreness", "hamstring"});
}

TEST(TypoIndex, FindsAWordOneEditAway) {
  const TypoIndex index = Vocabulary();
  EXPECT_EQ(index.Nearest("dedlift", 1), "deadlift");
  EXPECT_EQ(index.Nearest("forarm", 1), "forearm");
  EXPECT_EQ(index.Nearest("lumbr", 1), "lumbar");
}

TEST(TypoIndex, FindsAWordTwoEditsAwayWhenAllowed) {
  const TypoIndex index = Vocabulary();
  EXPECT_EQ(index.Nearest("hamstrng", 1), "hamstring");
  EXPECT_EQ(index.Nearest("deadlifitgn", 2), "deadlifting");
  EXPECT_FALSE(index.Nearest("shouldrr", 1).has_value() &&
               index.Nearest("shouldrr", 1) != "shoulder");
}

TEST(TypoIndex, FindsNothingBeyondTheDistance) {
  const TypoIndex index = Vocabulary();
  EXPECT_FALSE(index.Nearest("dedlfit", 1).has_value());
  EXPECT_FALSE(index.Nearest("pizza", 2).has_value());
}

TEST(TypoIndex, PrefersTheCloserWord) {
  const TypoIndex index({"sore", "score", "store"});
  EXPECT_EQ(index.Nearest("sore", 1), "sore");
  EXPECT_EQ(index.Nearest("scor", 1), "score");
}

TEST(TypoIndex, RefusesDistancesItDidNotIndex) {
  EXPECT_FALSE(Vocabulary().Nearest("deadlift", 3).has_value());
}

}  // namespace
}  // namespace spotter
