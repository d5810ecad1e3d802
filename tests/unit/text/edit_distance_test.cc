#include "text/edit_distance.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(BoundedEditDistance("dedlift", "deadlift", 2), 1);
  EXPECT_EQ(BoundedEditDistance("forarm", "forearm", 2), 1);
  EXPECT_EQ(BoundedEditDistance("sore", "sire", 2), 1);
  EXPECT_EQ(BoundedEditDistance("same", "same", 2), 0);
}

TEST(EditDistance, CountsAnAdjacentSwapAsOneEdit) {
  EXPECT_EQ(BoundedEditDistance("deadlifitng", "deadlifting", 2), 1);
}

TEST(EditDistance, StopsPastTheLimit) {
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(BoundedEditDistance("a", "abcdef", 2), 3);
}

}  // namespace
}  // namespace spotter
