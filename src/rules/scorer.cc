// Scoring. A rule applies when its conditions hold (see rule.h); its score is
// the sum of the weights of the concepts that made it hold, plus its
// priority. A concept's weight is 1 + ln((R + 1) / (df + 1)) / 2, where R is
// the number of rules and df the number that use the concept: "~forearm",
// used by two rules, says more about a message than "~pain", used by twenty.
// The best `any` concept counts fully and each further one a quarter, so a
// message that names the same thing three ways does not outscore one that
// names three different things. Conditions met only by the previous turn
// count half, and at least one condition must be met by the message itself,
// so a context never answers a message on its own.
#include "rules/scorer.h"

#include <algorithm>
#include <cmath>

namespace spotter {

Scorer::Scorer(std::vector<const Rule*> rules, std::size_t concept_count,
               bool use_context)
    : rules_(std::move(rules)),
      rules_by_concept_(concept_count),
      weights_(concept_count, 1.0),
      use_context_(use_context) {
  std::vector<std::uint32_t> document_frequency(concept_count, 0);
  for (std::uint32_t index = 0; index < rules_.size(); ++index) {
    const Rule& rule = *rules_[index];
    std::vector<ConceptId> used;
    for (const auto* list : {&rule.all, &rule.any, &rule.not_negated, &rule.patterns}) {
      used.insert(used.end(), list->begin(), list->end());
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (ConceptId id : used) {
      rules_by_concept_[id].push_back(index);
      ++document_frequency[id];
    }
  }
  const double rule_count = static_cast<double>(rules_.size());
  for (std::size_t id = 0; id < concept_count; ++id) {
    weights_[id] =
        1.0 + 0.5 * std::log((rule_count + 1) / (document_frequency[id] + 1.0));
  }
}

bool Scorer::Evaluate(std::size_t index, const ConceptPresence& presence,
                      Candidate* candidate) const {
  const Rule& rule = *rules_[index];
  double score = 0;
  bool met_by_message = false;
  bool uses_context = false;

  struct Credit {
    double value = 0;  // 0 when the concept is absent
    bool from_context = false;
  };
  auto credit = [&](ConceptId id, bool need_unnegated) -> Credit {
    const bool in_message =
        need_unnegated ? presence.Unnegated(id) : presence.InMessage(id);
    if (in_message) return {Weight(id), false};
    if (use_context_ && presence.InContext(id)) {
      return {Weight(id) * kContextFactor, true};
    }
    return {};
  };
  auto add = [&](const Credit& c, double share = 1.0) {
    score += c.value * share;
    (c.from_context ? uses_context : met_by_message) = true;
  };

  for (ConceptId id : rule.all) {
    const Credit c = credit(id, false);
    if (c.value == 0) return false;
    add(c);
  }
  for (ConceptId id : rule.not_negated) {
    const Credit c = credit(id, true);
    if (c.value == 0) return false;
    if (std::find(rule.all.begin(), rule.all.end(), id) == rule.all.end()) {
      add(c);
    }
  }
  if (!rule.any.empty()) {
    Credit best;
    double others = 0;
    bool others_from_message = false;
    for (ConceptId id : rule.any) {
      Credit c = credit(id, false);
      if (c.value == 0) continue;
      if (c.value > best.value) std::swap(best, c);  // c: the former best
      if (c.value != 0) {
        others += c.value;
        others_from_message |= !c.from_context;
      }
    }
    if (best.value == 0) return false;
    add(best);
    if (others > 0) add({others, !others_from_message}, kExtraAnyShare);
  }
  for (ConceptId id : rule.none) {
    if (presence.Unnegated(id)) return false;
  }
  if (!rule.patterns.empty()) {
    bool any_pattern = false;
    for (ConceptId id : rule.patterns) {
      if (presence.InMessage(id)) {
        if (!any_pattern) add({Weight(id), false});
        any_pattern = true;
      }
    }
    if (!any_pattern) return false;
  }
  if (!met_by_message) return false;
  candidate->rule = &rule;
  candidate->score = score + rule.priority;
  candidate->uses_context = uses_context;
  return true;
}

std::vector<Candidate> Scorer::Score(const ConceptPresence& presence) const {
  std::vector<std::uint32_t> indexes;
  indexes.reserve(64);
  presence.ForEachMentioned([&](ConceptId id) {
    if (id >= rules_by_concept_.size()) return;
    const auto& list = rules_by_concept_[id];
    indexes.insert(indexes.end(), list.begin(), list.end());
  });
  std::sort(indexes.begin(), indexes.end());
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());

  std::vector<std::pair<Candidate, std::uint32_t>> fired;
  for (std::uint32_t index : indexes) {
    Candidate candidate;
    if (Evaluate(index, presence, &candidate)) fired.emplace_back(candidate, index);
  }
  std::sort(fired.begin(), fired.end(), [](const auto& a, const auto& b) {
    if (a.first.score != b.first.score) return a.first.score > b.first.score;
    if (a.first.rule->all.size() != b.first.rule->all.size()) {
      return a.first.rule->all.size() > b.first.rule->all.size();
    }
    return a.second < b.second;
  });
  std::vector<Candidate> out;
  out.reserve(fired.size());
  for (auto& [candidate, index] : fired) out.push_back(candidate);
  return out;
}

}  // namespace spotter
