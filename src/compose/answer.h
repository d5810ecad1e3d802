// The answer object of shared/spec/contract.md, as a value. Built by the
// Composer, turned into JSON by answer_json.h; the CLI and the server send it
// unchanged.
#ifndef SPOTTER_COMPOSE_ANSWER_H_
#define SPOTTER_COMPOSE_ANSWER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spotter {

enum class SafetyLevel { kNone, kCaution, kUrgent };

// "none", "caution", "urgent".
std::string_view SafetyLevelName(SafetyLevel level);
std::optional<SafetyLevel> ParseSafetyLevel(std::string_view name);

struct AdviceItem {
  std::string text;
  std::string source;  // a passage id, or empty
};

struct Referral {
  std::string to;  // "coach" or "medical"
  std::string text;
};

struct FollowUp {
  std::string question;
  std::string slot;
  std::vector<std::string> options;
};

struct Safety {
  SafetyLevel level = SafetyLevel::kNone;
  std::vector<std::string> flags;
  std::string message;
};

struct SourceRef {
  std::string id;  // "deadlift-soreness#why"
  std::string title;
  std::string excerpt;
};

struct Answer {
  std::string topic;
  double confidence = 0;
  std::string summary;
  std::vector<AdviceItem> advice;
  std::vector<std::string> hedges;
  Safety safety;
  std::optional<Referral> referral;
  std::optional<FollowUp> follow_up;
  std::vector<SourceRef> sources;
  std::string reply_to;  // set by the server only
  std::string rule_id;   // which rule answered (for explain, logs, eval)
};

}  // namespace spotter

#endif  // SPOTTER_COMPOSE_ANSWER_H_
