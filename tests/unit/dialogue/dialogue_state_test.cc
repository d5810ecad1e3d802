#include "dialogue/dialogue_state.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(DialogueState, RoundTripsThroughJson) {
  DialogueState state;
  state.last_topic = "back.soreness.deadlift";
  state.last_rule = "back-soreness-deadlift";
  state.open_slot = "goal";
  state.slots = {{"goal", "muscle"}};
  state.context = {"~deadlift", "~low_back"};
  state.turns = 3;
  const auto again = DialogueState::FromJson(state.ToJson());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, state);
}

TEST(DialogueState, RejectsDamagedOrForeignJson) {
  EXPECT_FALSE(DialogueState::FromJson(nlohmann::json::array()).has_value());
  EXPECT_FALSE(DialogueState::FromJson({{"version", 2}}).has_value());
  EXPECT_FALSE(DialogueState::FromJson({{"version", 1}, {"last_topic", 5}}).has_value());
}

}  // namespace
}  // namespace spotter
