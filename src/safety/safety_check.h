// Red flags and warning signs, checked on every message before any topic
// rule: an un-negated red flag makes the answer urgent whatever the question
// was. Only the message itself counts, never the previous turn: a red flag
// mentioned once is answered once, and "no numbness" is not a red flag.
// Immutable after construction; safe to share between threads.
#ifndef SPOTTER_SAFETY_SAFETY_CHECK_H_
#define SPOTTER_SAFETY_SAFETY_CHECK_H_

#include <string>
#include <vector>

#include "rules/concept_presence.h"
#include "rules/rule.h"
#include "rules/scorer.h"

namespace spotter {

struct SafetyFinding {
  SafetyLevel level = SafetyLevel::kNone;
  std::vector<const Rule*> rules;  // the rules at `level`, most telling first
  std::vector<std::string> flags;  // their flags, without repeats
};

class SafetyCheck {
 public:
  // Takes the safety rules out of `rules`, which must outlive the check.
  SafetyCheck(const std::vector<Rule>& rules, std::size_t concept_count);

  SafetyFinding Check(const ConceptPresence& presence) const;

 private:
  static std::vector<const Rule*> SafetyRules(const std::vector<Rule>& rules);

  Scorer scorer_;
};

}  // namespace spotter

#endif  // SPOTTER_SAFETY_SAFETY_CHECK_H_
