#include "compose/answer_json.h"

#include <gtest/gtest.h>

#include "tests/unit/engine/tiny_engine.h"

namespace spotter {
namespace {

TEST(AnswerJson, HasEveryContractFieldWithItsType) {
  const Answer answer =
      testing::AskFresh(*testing::TinyEngine(), "my lower back is sore after deadlifts");
  const nlohmann::ordered_json json = AnswerToJson(answer);
  EXPECT_EQ(json["type"], "answer");
  EXPECT_TRUE(json["topic"].is_string());
  EXPECT_TRUE(json["confidence"].is_number());
  EXPECT_GE(json["confidence"].get<double>(), 0.0);
  EXPECT_LE(json["confidence"].get<double>(), 1.0);
  EXPECT_TRUE(json["summary"].is_string());
  ASSERT_TRUE(json["advice"].is_array());
  EXPECT_TRUE(json["advice"][0]["text"].is_string());
  EXPECT_TRUE(json["advice"][0]["source"].is_string());
  EXPECT_TRUE(json["hedges"].is_array());
  EXPECT_EQ(json["safety"]["level"], "none");
  EXPECT_TRUE(json["safety"]["flags"].is_array());
  EXPECT_TRUE(json["safety"]["message"].is_string());
  EXPECT_EQ(json["referral"]["to"], "coach");
  EXPECT_EQ(json["follow_up"]["slot"], "goal");
  EXPECT_TRUE(json["follow_up"]["options"].is_array());
  EXPECT_EQ(json["sources"][0]["id"], "soreness#why");
  EXPECT_TRUE(json["sources"][0]["title"].is_string());
  EXPECT_TRUE(json["sources"][0]["excerpt"].is_string());
  EXPECT_FALSE(json.contains("reply_to"));
}

TEST(AnswerJson, NullsAbsentReferralAndFollowUpAndAddsReplyTo) {
  Answer answer;
  answer.reply_to = "c1";
  const nlohmann::ordered_json json = AnswerToJson(answer);
  EXPECT_TRUE(json["referral"].is_null());
  EXPECT_TRUE(json["follow_up"].is_null());
  EXPECT_EQ(json["reply_to"], "c1");
}

TEST(AnswerJson, TwoAsksGivenTheSameAnswerShareEverythingAfterReplyTo) {
  Answer answer = testing::AskFresh(*testing::TinyEngine(), "my lower back is sore after deadlifts");
  answer.reply_to = "c1";
  const AnswerJsonText first = AnswerToJsonText(answer);
  answer.reply_to = "a much longer id, with \"quotes\"";
  const AnswerJsonText second = AnswerToJsonText(answer);
  EXPECT_NE(first.shared_from, second.shared_from);
  EXPECT_EQ(first.text.substr(first.shared_from), second.text.substr(second.shared_from));
  EXPECT_EQ(first.text.substr(first.shared_from, 8), "\"topic\":");
  answer.reply_to.clear();
  const AnswerJsonText none = AnswerToJsonText(answer);
  EXPECT_EQ(none.text.substr(none.shared_from), first.text.substr(first.shared_from));
}

TEST(AnswerJson, TheDirectWriterMatchesTheDom) {
  const auto engine = testing::TinyEngine();
  for (const char* message : {"my lower back is sore after deadlifts", "numb groin after deads",
                              "sharp pain in my lower back, sore too", "hello", "boil an egg"}) {
    Answer answer = testing::AskFresh(*engine, message);
    answer.reply_to = "c\"1\\\n";  // needs escaping
    answer.summary += " \x01 tab\t \xC3\xA9";
    EXPECT_EQ(nlohmann::ordered_json::parse(AnswerToJsonText(answer).text), AnswerToJson(answer))
        << message;
  }
}

TEST(AnswerJson, EscapesAreFoundAtEveryOffsetOfTheWordAtATimeScan) {
  for (const char special : {'"', '\\', '\n', '\x1f', '\x7f'}) {
    for (std::size_t at = 0; at < 24; ++at) {
      Answer answer;
      answer.summary = std::string(24, 'a') + "\xC3\xA9" + std::string(at, 'b') + special +
                       std::string(9, 'c');
      EXPECT_EQ(nlohmann::ordered_json::parse(AnswerToJsonText(answer).text)["summary"],
                answer.summary)
          << "special " << int(special) << " at " << at;
    }
  }
}

TEST(AnswerJson, ErrorsUseTheContractCodes) {
  const auto json = ErrorToJson({ErrorCode::kTooLarge, "too long"}, "c9");
  EXPECT_EQ(json["type"], "error");
  EXPECT_EQ(json["code"], "too_large");
  EXPECT_EQ(json["reply_to"], "c9");
}

}  // namespace
}  // namespace spotter
