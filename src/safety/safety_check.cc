#include "safety/safety_check.h"

#include <algorithm>

namespace spotter {

std::vector<const Rule*> SafetyCheck::SafetyRules(const std::vector<Rule>& rules) {
  std::vector<const Rule*> out;
  for (const Rule& rule : rules) {
    if (rule.kind == RuleKind::kSafety) out.push_back(&rule);
  }
  return out;
}

SafetyCheck::SafetyCheck(const std::vector<Rule>& rules, std::size_t concept_count)
    : scorer_(SafetyRules(rules), concept_count, /*use_context=*/false) {}

SafetyFinding SafetyCheck::Check(const ConceptPresence& presence) const {
  SafetyFinding finding;
  const std::vector<Candidate> fired = scorer_.Score(presence);
  for (const Candidate& candidate : fired) {
    finding.level = std::max(finding.level, candidate.rule->safety);
  }
  for (const Candidate& candidate : fired) {
    const Rule* rule = candidate.rule;
    if (rule->safety != finding.level) continue;
    finding.rules.push_back(rule);
    if (std::find(finding.flags.begin(), finding.flags.end(), rule->flag) ==
        finding.flags.end()) {
      finding.flags.push_back(rule->flag);
    }
  }
  return finding;
}

}  // namespace spotter
