// Scores answers against labelled cases in the format of shared/eval/: topic
// accuracy, per-turn dialogue accuracy, follow-up accuracy, red-flag recall,
// false-urgent rate, caution recall, and the two safety invariants (advice is
// hedged, urgent answers refer to medical care). Pure: no I/O.
#ifndef SPOTTER_CLI_EVAL_SCORES_H_
#define SPOTTER_CLI_EVAL_SCORES_H_

#include <optional>
#include <string>
#include <vector>

#include "compose/answer.h"

namespace spotter::cli {

struct LabelledTurn {
  std::string id;     // "v019", or "vd02#2" for a dialogue turn
  std::string text;
  std::string topic;  // "*" = any topic
  std::string safety;  // "none", "caution", "urgent"
  std::optional<bool> follow_up;  // dialogues: must (not) ask; nullopt = either
};

struct Ratio {
  int hits = 0;
  int total = 0;
  // 1 when there was nothing to count: an empty set fails no threshold.
  double value() const { return total == 0 ? 1.0 : double(hits) / total; }
};

class EvalScores {
 public:
  // Records one answered turn. `is_advice_topic`: the answer's topic must
  // carry hedges.
  void Add(const LabelledTurn& turn, const Answer& answer, bool in_dialogue,
           bool is_advice_topic);
  // Records a turn the engine refused.
  void AddRefused(const LabelledTurn& turn, const std::string& why);

  Ratio topic_accuracy;     // single cases with a topic label
  Ratio dialogue_accuracy;  // dialogue turns: topic and safety right
  Ratio follow_up_accuracy;
  Ratio red_flag_recall;
  Ratio false_urgent;       // hits = urgent answers to non-urgent turns
  Ratio caution_recall;     // caution turns answered caution or urgent
  Ratio safety_accuracy;    // exact safety level, all turns
  int unhedged_advice = 0;
  int urgent_without_medical_referral = 0;
  std::vector<std::string> failures;  // one line each, for the report
};

bool TopicMatches(const std::string& expected, const std::string& got);

}  // namespace spotter::cli

#endif  // SPOTTER_CLI_EVAL_SCORES_H_
