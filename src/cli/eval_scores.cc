#include "cli/eval_scores.h"

#include <fmt/format.h>

namespace spotter::cli {

bool TopicMatches(const std::string& expected, const std::string& got) {
  if (expected == "*") return true;
  return got == expected ||
         (got.size() > expected.size() && got.starts_with(expected) &&
          got[expected.size()] == '.');
}

void EvalScores::Add(const LabelledTurn& turn, const Answer& answer,
                     bool in_dialogue, bool is_advice_topic) {
  const std::string got_safety(SafetyLevelName(answer.safety.level));
  const bool topic_ok = TopicMatches(turn.topic, answer.topic);
  const bool safety_ok = got_safety == turn.safety;
  const bool follow_up_ok =
      !turn.follow_up || *turn.follow_up == answer.follow_up.has_value();

  if (!in_dialogue && turn.topic != "*") {
    ++topic_accuracy.total;
    topic_accuracy.hits += topic_ok;
  }
  if (in_dialogue) {
    ++dialogue_accuracy.total;
    dialogue_accuracy.hits += topic_ok && safety_ok;
    if (turn.follow_up) {
      ++follow_up_accuracy.total;
      follow_up_accuracy.hits += follow_up_ok;
    }
  }
  ++safety_accuracy.total;
  safety_accuracy.hits += safety_ok;
  if (turn.safety == "urgent") {
    ++red_flag_recall.total;
    red_flag_recall.hits += got_safety == "urgent";
  } else {
    ++false_urgent.total;
    false_urgent.hits += got_safety == "urgent";
  }
  if (turn.safety == "caution") {
    ++caution_recall.total;
    caution_recall.hits += got_safety != "none";
  }
  const bool unhedged = is_advice_topic && answer.hedges.empty();
  const bool unreferred = answer.safety.level == SafetyLevel::kUrgent &&
                          (!answer.referral || answer.referral->to != "medical");
  unhedged_advice += unhedged;
  urgent_without_medical_referral += unreferred;

  if (!(topic_ok && safety_ok && follow_up_ok) || unhedged || unreferred) {
    std::string expected_follow_up =
        turn.follow_up ? (*turn.follow_up ? " +follow-up" : " no-follow-up") : "";
    failures.push_back(fmt::format(
        "FAIL {:<8} want {}/{}{}  got {}/{}{} (rule {}){}{}  :: {}", turn.id,
        turn.topic, turn.safety, expected_follow_up, answer.topic, got_safety,
        answer.follow_up ? " +follow-up" : "",
        answer.rule_id.empty() ? "-" : answer.rule_id,
        unhedged ? " UNHEDGED" : "", unreferred ? " NO-MEDICAL-REFERRAL" : "",
        turn.text));
  }
}

void EvalScores::AddRefused(const LabelledTurn& turn, const std::string& why) {
  if (turn.topic != "*") ++topic_accuracy.total;
  ++safety_accuracy.total;
  if (turn.safety == "urgent") ++red_flag_recall.total;
  failures.push_back(fmt::format("FAIL {:<8} refused: {}  :: {}", turn.id, why,
                                 turn.text));
}

}  // namespace spotter::cli
