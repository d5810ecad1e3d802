#include "rules/scorer.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

constexpr ConceptId kBack = 0, kDeadlift = 1, kSore = 2, kArch = 3, kGrip = 4;
constexpr std::size_t kConceptCount = 5;

Rule MakeRule(std::string id, std::vector<ConceptId> all,
              std::vector<ConceptId> any = {}, std::vector<ConceptId> none = {}) {
  Rule rule;
  rule.id = id;
  rule.topic = id;
  rule.all = std::move(all);
  rule.any = std::move(any);
  rule.none = std::move(none);
  return rule;
}

std::vector<ConceptHit> Hits(std::vector<ConceptId> ids, std::vector<ConceptId> negated = {}) {
  std::vector<ConceptHit> hits;
  std::uint32_t at = 0;
  for (ConceptId id : ids) hits.push_back({id, at, at + 1, false}), ++at;
  for (ConceptId id : negated) hits.push_back({id, at, at + 1, true}), ++at;
  return hits;
}

TEST(Scorer, AppliesOnlyWhenEveryRequiredConceptIsPresent) {
  const Rule rule = MakeRule("back.deadlift", {kBack, kDeadlift});
  const Scorer scorer({&rule}, kConceptCount, true);
  EXPECT_TRUE(scorer.Score(ConceptPresence(Hits({kBack}), {}, kConceptCount)).empty());
  EXPECT_EQ(scorer.Score(ConceptPresence(Hits({kBack, kDeadlift}), {}, kConceptCount)).size(), 1u);
}

TEST(Scorer, TheFinerRuleWins) {
  const Rule broad = MakeRule("back", {kBack}, {kSore});
  const Rule fine = MakeRule("back.deadlift", {kBack, kDeadlift}, {kSore});
  const Scorer scorer({&broad, &fine}, kConceptCount, true);
  const auto ranked = scorer.Score(ConceptPresence(Hits({kBack, kDeadlift, kSore}), {}, kConceptCount));
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].rule->id, "back.deadlift");
  EXPECT_GT(ranked[0].score, ranked[1].score);
}

TEST(Scorer, NoneBlocksOnlyUnnegatedMentions) {
  const Rule rule = MakeRule("deadlift", {kDeadlift}, {}, {kArch});
  const Scorer scorer({&rule}, kConceptCount, true);
  EXPECT_TRUE(scorer.Score(ConceptPresence(Hits({kDeadlift, kArch}), {}, kConceptCount)).empty());
  EXPECT_EQ(scorer.Score(ConceptPresence(Hits({kDeadlift}, {kArch}), {}, kConceptCount)).size(), 1u);
}

TEST(Scorer, NotNegatedNeedsAnUnnegatedMention) {
  Rule rule = MakeRule("sore", {});
  rule.not_negated = {kSore};
  const Scorer scorer({&rule}, kConceptCount, false);
  EXPECT_TRUE(scorer.Score(ConceptPresence(Hits({}, {kSore}), {}, kConceptCount)).empty());
  EXPECT_EQ(scorer.Score(ConceptPresence(Hits({kSore}), {}, kConceptCount)).size(), 1u);
}

TEST(Scorer, ContextFillsARequiredConceptAtLowerWeight) {
  const Rule rule = MakeRule("grip", {kDeadlift, kGrip});
  const Scorer scorer({&rule}, kConceptCount, true);
  const auto with_context = scorer.Score(ConceptPresence(Hits({kGrip}), {kDeadlift}, kConceptCount));
  ASSERT_EQ(with_context.size(), 1u);
  EXPECT_TRUE(with_context[0].uses_context);
  const auto in_message = scorer.Score(ConceptPresence(Hits({kGrip, kDeadlift}), {}, kConceptCount));
  EXPECT_GT(in_message[0].score, with_context[0].score);
}

TEST(Scorer, ContextAloneNeverAnswers) {
  const Rule rule = MakeRule("deadlift", {kDeadlift});
  const Scorer scorer({&rule}, kConceptCount, true);
  EXPECT_TRUE(scorer.Score(ConceptPresence({}, {kDeadlift}, kConceptCount)).empty());
}

TEST(Scorer, SafetyScorersIgnoreContext) {
  const Rule rule = MakeRule("flag", {kBack, kSore});
  const Scorer scorer({&rule}, kConceptCount, false);
  EXPECT_TRUE(scorer.Score(ConceptPresence(Hits({kSore}), {kBack}, kConceptCount)).empty());
}

TEST(Scorer, RareConceptsWeighMore) {
  const Rule a = MakeRule("a", {kBack}), b = MakeRule("b", {kBack, kGrip});
  const Scorer scorer({&a, &b}, kConceptCount, true);
  EXPECT_GT(scorer.Weight(kGrip), scorer.Weight(kBack));
}

TEST(Scorer, PriorityAddsToTheScore) {
  Rule low = MakeRule("low", {kBack});
  Rule high = MakeRule("high", {kBack});
  high.priority = 2;
  const Scorer scorer({&low, &high}, kConceptCount, true);
  const auto ranked = scorer.Score(ConceptPresence(Hits({kBack}), {}, kConceptCount));
  EXPECT_EQ(ranked[0].rule->id, "high");
  EXPECT_DOUBLE_EQ(ranked[0].score - ranked[1].score, 2.0);
}

}  // namespace
}  // namespace spotter
