#include "engine/engine.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "tests/unit/engine/tiny_engine.h"

namespace spotter {
namespace {

using testing::Ask;
using testing::AskFresh;
using testing::TinyEngine;

TEST(Engine, AnswersARuleWithHedgesReferralAndSources) {
  const Answer answer = AskFresh(*TinyEngine(), "my lower back is sore after heavy deadlifts");
  EXPECT_EQ(answer.topic, "back.soreness.deadlift");
  EXPECT_FALSE(answer.hedges.empty());
  ASSERT_TRUE(answer.referral.has_value());
  EXPECT_EQ(answer.referral->to, "coach");
  ASSERT_FALSE(answer.sources.empty());
  EXPECT_EQ(answer.sources[0].id, "soreness#why");
  EXPECT_FALSE(answer.sources[0].excerpt.empty());
  EXPECT_GT(answer.confidence, 0.4);
}

TEST(Engine, ToleratesTyposAndRunTogetherWords) {
  const Answer answer = AskFresh(*TinyEngine(), "my lowerback is sore after dedlifts");
  EXPECT_EQ(answer.topic, "back.soreness.deadlift");
}

TEST(Engine, RedFlagWinsOverTrainingAdvice) {
  const Answer answer = AskFresh(*TinyEngine(), "numb groin and my lower back is sore after deadlifts");
  EXPECT_EQ(answer.safety.level, SafetyLevel::kUrgent);
  EXPECT_EQ(answer.safety.flags, std::vector<std::string>{"saddle numbness"});
  ASSERT_TRUE(answer.referral.has_value());
  EXPECT_EQ(answer.referral->to, "medical");
  EXPECT_NE(answer.summary.find("seek medical care"), std::string::npos);
  EXPECT_FALSE(answer.follow_up.has_value());
  for (const AdviceItem& item : answer.advice) {
    EXPECT_EQ(item.text.find("film a set"), std::string::npos);
  }
}

TEST(Engine, NegatedRedFlagIsNotUrgent) {
  const Answer answer = AskFresh(*TinyEngine(), "no numbness in the groin, just sore after deadlifts");
  EXPECT_EQ(answer.safety.level, SafetyLevel::kNone);
}

TEST(Engine, CautionAddsWarningAndMedicalReferral) {
  const Answer answer = AskFresh(*TinyEngine(), "sharp pain in my lower back after deadlifts, sore too");
  EXPECT_EQ(answer.safety.level, SafetyLevel::kCaution);
  EXPECT_EQ(answer.topic, "back.soreness.deadlift");
  ASSERT_TRUE(answer.referral.has_value());
  EXPECT_EQ(answer.referral->to, "medical");
  EXPECT_FALSE(answer.safety.message.empty());
}

TEST(Engine, FollowUpAnswerStaysOnTopicAndTailors) {
  DialogueState state;
  const Answer first = Ask(*TinyEngine(), "my lower back is sore after deadlifts", &state);
  ASSERT_TRUE(first.follow_up.has_value());
  EXPECT_EQ(state.open_slot, "goal");
  const Answer second = Ask(*TinyEngine(), "powerlifting", &state);
  EXPECT_EQ(second.topic, "back.soreness.deadlift");
  EXPECT_NE(second.summary.find("maximal loads"), std::string::npos);
  EXPECT_FALSE(second.follow_up.has_value());
  EXPECT_EQ(state.slots.at("goal"), "strength");
}

TEST(Engine, AGoalStatedUpFrontSkipsTheQuestion) {
  const Answer answer =
      AskFresh(*TinyEngine(), "trying to lose weight, lower back sore after deadlifts");
  EXPECT_EQ(answer.topic, "back.soreness.deadlift");
  EXPECT_FALSE(answer.follow_up.has_value());
  EXPECT_NE(answer.summary.find("fat loss"), std::string::npos);
}

TEST(Engine, AVariantCanHandOverToAFinerTopic) {
  DialogueState state;
  EXPECT_EQ(Ask(*TinyEngine(), "what should I be working towards?", &state).topic,
            "goals.clarify");
  EXPECT_EQ(Ask(*TinyEngine(), "losing weight", &state).topic, "goals.fat_loss");
}

TEST(Engine, ContextKeepsAShortFollowUpOnTopic) {
  DialogueState state;
  Ask(*TinyEngine(), "my forearm hurts on chin-ups", &state);
  const Answer answer = Ask(*TinyEngine(), "would a neutral grip help my forearm?", &state);
  EXPECT_EQ(answer.topic, "forearm.pain.pullup");
}

TEST(Engine, OffTopicTextIsOutOfScope) {
  EXPECT_EQ(AskFresh(*TinyEngine(), "how long do I boil an egg").topic, "scope.out");
}

TEST(Engine, VagueTrainingTextGetsAClarifyingQuestion) {
  const Answer answer = AskFresh(*TinyEngine(), "my spine");
  EXPECT_EQ(answer.topic, "clarify");
  EXPECT_TRUE(answer.follow_up.has_value());
}

TEST(Engine, RefusesInvalidUtf8) {
  DialogueState state;
  const Result<Answer> answer = TinyEngine()->Answer("sore \xFF back", &state);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kBadRequest);
  EXPECT_EQ(state, DialogueState{});
}

TEST(Engine, RefusesEmptyText) {
  DialogueState state;
  const Result<Answer> answer = TinyEngine()->Answer("  \n ", &state);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kBadRequest);
}

TEST(Engine, RefusesTextOverTheLimit) {
  DialogueState state;
  const Result<Answer> answer =
      TinyEngine()->Answer(std::string(1 << 20, 'a'), &state);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kTooLarge);
}

TEST(Engine, AnswersLongMessagesWithinTheLimit) {
  std::string text;
  while (text.size() < 100 * 1024) text += "my lower back is sore after deadlifts. ";
  DialogueState state;
  EXPECT_TRUE(TinyEngine()->Answer(text, &state).ok());
}

TEST(Engine, ExplainShowsNormalisationConceptsAndTheWinner) {
  const Result<Explanation> result =
      TinyEngine()->Explain("no numbness, just sore after dedlifts in my lowerback", {});
  ASSERT_TRUE(result.ok());
  const Explanation& e = result.value();
  EXPECT_NE(e.normalized.find("lower back"), std::string::npos);
  ASSERT_GE(e.corrections.size(), 2u);
  EXPECT_EQ(e.corrections[0].typed, "dedlifts");
  bool saw_negated_numbness = false;
  for (const auto& c : e.concepts) {
    saw_negated_numbness |= c.name == "~numbness" && c.is_negated;
  }
  EXPECT_TRUE(saw_negated_numbness);
  ASSERT_FALSE(e.candidates.empty());
  EXPECT_EQ(e.candidates[0].id, "back-soreness-deadlift");
  EXPECT_EQ(e.route, "rule");
  EXPECT_NE(e.ToText().find("NEGATED"), std::string::npos);
}

TEST(Engine, CheckExamplesPassesOnTheFixture) {
  for (const Diagnostic& d : TinyEngine()->CheckExamples()) ADD_FAILURE() << d.ToString();
}

// The server answers from one shared Engine on several threads; the
// per-thread caches (stems, retrieval scratch) must not change any answer.
TEST(Engine, AnswersTheSameFromManyThreads) {
  const std::vector<std::string> messages = {
      "my lower back is sore after heavy deadlifts", "numb groin after deads",
      "my forarm hurts on chinups", "what should I be working towards?",
      "how long do I boil an egg", "sharp pain in my lower back, sore too"};
  std::vector<std::string> expected;
  for (const std::string& m : messages) {
    const Answer a = AskFresh(*TinyEngine(), m);
    expected.push_back(a.rule_id + "/" + a.summary);
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::size_t k = static_cast<std::size_t>(i + t) % messages.size();
        DialogueState state;
        Result<Answer> a = TinyEngine()->Answer(messages[k], &state);
        if (!a.ok() || a.value().rule_id + "/" + a.value().summary != expected[k]) {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Engine, FindsPassagesById) {
  ASSERT_TRUE(TinyEngine()->FindPassage("soreness#grip").has_value());
  EXPECT_FALSE(TinyEngine()->FindPassage("soreness#nope").has_value());
}

}  // namespace
}  // namespace spotter
