// One rule of rules/: when it applies (concept conditions, patterns), what it
// answers (the parts of the answer object, with variants per slot value),
// what it rests on (corpus passages) and the messages that must reach it.
// A rule is a topic rule (answers a topic), a safety rule (raises a red flag
// or a warning sign) or a fallback (the engine's answer for a situation no
// condition describes: low confidence, out of scope, urgent, caution,
// retrieval).
#ifndef SPOTTER_RULES_RULE_H_
#define SPOTTER_RULES_RULE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/answer.h"
#include "concepts/term.h"

namespace spotter {

// Parts of an answer; a part left unset is taken from the rule's base answer
// when a variant is applied.
struct AnswerParts {
  std::optional<std::string> summary;
  std::optional<std::vector<AdviceItem>> advice;
  std::optional<std::vector<std::string>> hedges;
  std::optional<Referral> referral;
  std::optional<FollowUp> follow_up;
  std::optional<std::string> topic;  // variants only: hand over to this topic
};

enum class RuleKind { kTopic, kSafety, kFallback };

struct Rule {
  std::string id;
  RuleKind kind = RuleKind::kTopic;
  std::string topic;     // kTopic
  SafetyLevel safety = SafetyLevel::kNone;  // kSafety
  std::string flag;      // kSafety: "saddle numbness"
  std::string message;   // kSafety: what to tell the user
  std::string fallback;  // kFallback: "low_confidence", "out_of_scope", ...
  int priority = 0;

  std::vector<ConceptId> all;          // every one present
  std::vector<ConceptId> any;          // at least one present
  std::vector<ConceptId> none;         // none present un-negated
  std::vector<ConceptId> not_negated;  // every one present un-negated
  std::vector<ConceptId> patterns;     // at least one present (pattern concepts)

  AnswerParts answer;
  // slot -> value -> parts that replace the base answer's.
  std::map<std::string, std::map<std::string, AnswerParts>> variants;
  std::vector<std::string> sources;
  std::vector<std::string> examples;

  std::string file;  // where it is defined, for diagnostics
  int line = 0;
};

}  // namespace spotter

#endif  // SPOTTER_RULES_RULE_H_
