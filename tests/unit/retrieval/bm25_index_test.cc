#include "retrieval/bm25_index.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

Bm25Index ThreeDocuments() {
  Bm25Index index;
  index.Add({"deadlift", "sore", "back", "lumbar"});
  index.Add({"forearm", "pullup", "grip"});
  index.Add({"back", "squat", "knee", "knee", "sore"});
  index.Finish();
  return index;
}

TEST(Bm25Index, RanksTheDocumentSharingTheRarestTermsFirst) {
  const auto hits = ThreeDocuments().Search({"deadlift", "back"}, 3);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].document, 0u);
  EXPECT_EQ(hits[1].document, 2u);
  EXPECT_GT(hits[0].score, hits[1].score);
}

TEST(Bm25Index, RepeatedTermsRaiseTheScoreWithSaturation) {
  const auto hits = ThreeDocuments().Search({"knee"}, 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].document, 2u);
}

TEST(Bm25Index, UnknownTermsFindNothing) {
  EXPECT_TRUE(ThreeDocuments().Search({"lasagne"}, 3).empty());
}

TEST(Bm25Index, MatchShareIsOneForAPerfectlyCoveredQuery) {
  const auto hits = ThreeDocuments().Search({"forearm", "pullup", "grip"}, 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_GT(hits[0].match_share, 0.9);
  const auto half = ThreeDocuments().Search({"forearm", "lumbar"}, 1);
  EXPECT_LT(half[0].match_share, 0.6);
}

TEST(Bm25Index, RespectsTheLimit) {
  EXPECT_EQ(ThreeDocuments().Search({"sore"}, 1).size(), 1u);
}

}  // namespace
}  // namespace spotter
