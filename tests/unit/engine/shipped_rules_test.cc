// The acceptance questions of the foundation, against the shipped rules and
// corpus (rules/, corpus/ at the repository root).
#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>

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

TEST(ShippedRules, SourcesAreThePassagesTheAnswerRestsOn) {
  ASSERT_NE(ShippedEngine(), nullptr);
  const Answer answer =
      testing::AskFresh(*ShippedEngine(), "my lower back is sore after heavy deadlifts");
  // Not the passages of the goal variants that were not taken.
  for (const SourceRef& source : answer.sources) {
    EXPECT_EQ(source.id.rfind("goals-", 0), std::string::npos) << source.id;
  }
  for (const AdviceItem& item : answer.advice) {
    const bool listed = std::any_of(answer.sources.begin(), answer.sources.end(),
                                    [&](const SourceRef& s) { return s.id == item.source; });
    EXPECT_TRUE(item.source.empty() || listed) << item.source;
  }
}

TEST(ShippedRules, ANewQuestionIsNotOutvotedByThePreviousTurn) {
  ASSERT_NE(ShippedEngine(), nullptr);
  auto topic_after = [](const char* first, const char* second) {
    DialogueState state;
    EXPECT_TRUE(ShippedEngine()->Answer(first, &state).ok());
    Result<Answer> answer = ShippedEngine()->Answer(second, &state);
    return answer.ok() ? answer.value().topic : std::string("error");
  };
  EXPECT_EQ(topic_after("my knee hurts at the bottom of my squats",
                        "what's the best way to get stronger, I want to bench 100kg"),
            "goals.strength");
  // A follow-up without a topic of its own still rides on the context.
  EXPECT_EQ(topic_after("top of my forearm hurts on chin-ups", "and with a neutral grip?")
                .rfind("forearm.pain", 0),
            0u);
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

struct SafetyCase {
  const char* message;
  SafetyLevel level;
};

// gtest prints parameters by name in test ids: the message, as an identifier.
void PrintTo(const SafetyCase& c, std::ostream* out) { *out << c.message; }

std::string CaseName(const ::testing::TestParamInfo<SafetyCase>& info) {
  std::string name;
  for (const char* c = info.param.message; *c != '\0' && name.size() < 40; ++c) {
    name += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
  }
  return name + "_" + std::to_string(info.index);
}

class ShippedSafety : public ::testing::TestWithParam<SafetyCase> {};

// Lay words for red flags must be urgent, and their negated forms must not.
TEST_P(ShippedSafety, GivesTheExpectedLevel) {
  ASSERT_NE(ShippedEngine(), nullptr);
  const Answer answer = testing::AskFresh(*ShippedEngine(), GetParam().message);
  EXPECT_EQ(SafetyLevelName(answer.safety.level), SafetyLevelName(GetParam().level))
      << GetParam().message << " -> " << answer.topic << " (rule " << answer.rule_id << ")";
  if (answer.safety.level == SafetyLevel::kUrgent) {
    ASSERT_TRUE(answer.referral.has_value());
    EXPECT_EQ(answer.referral->to, "medical");
  }
}

INSTANTIATE_TEST_SUITE_P(
    LayWords, ShippedSafety,
    ::testing::Values(
        SafetyCase{"since the deadlift session my privates feel dead", SafetyLevel::kUrgent},
        SafetyCase{"hurt my back on squats and then wet the bed last night", SafetyLevel::kUrgent},
        SafetyCase{"the skin down there isn't mine since my back went", SafetyLevel::kUrgent},
        SafetyCase{"my leg buzzes like it's asleep after heavy pulls", SafetyLevel::kUrgent},
        SafetyCase{"my ankle won't push off since I hurt my back", SafetyLevel::kUrgent},
        SafetyCase{"my spine is tender to touch and I'm feverish", SafetyLevel::kUrgent},
        SafetyCase{"the back pain woke me at 2 am again", SafetyLevel::kUrgent},
        SafetyCase{"numb groin after deadlifts", SafetyLevel::kUrgent}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    NegatedForms, ShippedSafety,
    ::testing::Values(
        SafetyCase{"no numbness, just sore after deadlifts", SafetyLevel::kNone},
        SafetyCase{"lower back sore after pulls, nothing in the legs", SafetyLevel::kNone},
        SafetyCase{"back is tight after deadlifts but legs fine", SafetyLevel::kNone},
        SafetyCase{"my knee aches after squats, it isn't swollen", SafetyLevel::kNone},
        SafetyCase{"no tingling or pins and needles, lower back just stiff after deads",
                   SafetyLevel::kNone}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    WarningSigns, ShippedSafety,
    ::testing::Values(
        SafetyCase{"sharp stabbing pain in my lower back when I bend", SafetyLevel::kCaution},
        SafetyCase{"felt a pop in my knee and now it is swollen", SafetyLevel::kCaution},
        SafetyCase{"shoulder has hurt on bench for 3 weeks now", SafetyLevel::kCaution}),
    CaseName);

}  // namespace
}  // namespace spotter
