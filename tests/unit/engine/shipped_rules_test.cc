// The acceptance questions of the foundation, against the shipped rules and
// corpus (rules/, corpus/ at the repository root).
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/unit/engine/tiny_engine.h"

namespace spotter {
namespace {

std::shared_ptr<const Engine> ShippedEngine() {
  static std::shared_ptr<const Engine> engine = [] {
    Engine::Loaded loaded = Engine::Load(EngineOptions{});
    for (const Diagnostic& d : loaded.diagnostics) ADD_FAILURE() << d.ToString();
    return loaded.engine;
  }();
  return engine;
}

TEST(ShippedRules, LoadCleanly) { ASSERT_NE(ShippedEngine(), nullptr); }

TEST(ShippedRules, CheckPasses) {
  ASSERT_NE(ShippedEngine(), nullptr);
  for (const Diagnostic& d : ShippedEngine()->CheckExamples()) ADD_FAILURE() << d.ToString();
}

TEST(ShippedRules, DeadliftSorenessGetsHedgedAdviceCoachAndSources) {
  ASSERT_NE(ShippedEngine(), nullptr);
  const Answer answer =
      testing::AskFresh(*ShippedEngine(), "my lower back is sore after heavy deadlifts");
  EXPECT_EQ(answer.topic, "back.soreness.deadlift");
  EXPECT_FALSE(answer.hedges.empty());
  ASSERT_TRUE(answer.referral.has_value());
  EXPECT_EQ(answer.referral->to, "coach");
  EXPECT_FALSE(answer.sources.empty());
  EXPECT_EQ(answer.safety.level, SafetyLevel::kNone);
}

TEST(ShippedRules, NumbGroinIsUrgentWithMedicalReferral) {
  ASSERT_NE(ShippedEngine(), nullptr);
  const Answer answer = testing::AskFresh(*ShippedEngine(), "numb groin after deadlifts");
  EXPECT_EQ(answer.safety.level, SafetyLevel::kUrgent);
  ASSERT_TRUE(answer.referral.has_value());
  EXPECT_EQ(answer.referral->to, "medical");
  EXPECT_FALSE(answer.safety.flags.empty());
}

TEST(ShippedRules, NegatedNumbnessIsNotUrgent) {
  ASSERT_NE(ShippedEngine(), nullptr);
  const Answer answer =
      testing::AskFresh(*ShippedEngine(), "no numbness, just sore after deadlifts");
  EXPECT_NE(answer.safety.level, SafetyLevel::kUrgent);
}

}  // namespace
}  // namespace spotter
