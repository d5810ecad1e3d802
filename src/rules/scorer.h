// Decides which rules a message satisfies and ranks them. Only rules that
// mention a concept of the message are looked at (an inverted index from
// concept to rules), so the cost follows the message, not the rule count.
// Immutable after construction; safe to share between threads.
#ifndef SPOTTER_RULES_SCORER_H_
#define SPOTTER_RULES_SCORER_H_

#include <vector>

#include "rules/concept_presence.h"
#include "rules/rule.h"

namespace spotter {

struct Candidate {
  const Rule* rule = nullptr;
  double score = 0;
  bool uses_context = false;  // some condition was met by the previous turn
};

class Scorer {
 public:
  // A condition met only by the previous turn counts this much of its weight.
  static constexpr double kContextFactor = 0.5;
  // Each further `any` concept after the best one adds this share.
  static constexpr double kExtraAnyShare = 0.25;

  // `rules` must outlive the scorer. With `use_context` false (safety rules),
  // only the message itself counts.
  Scorer(std::vector<const Rule*> rules, std::size_t concept_count,
         bool use_context);

  // The rules whose conditions hold, best first: by score, then by having
  // more required concepts (the finer rule), then by file order.
  std::vector<Candidate> Score(const ConceptPresence& presence) const;

  // How much a concept counts: rarer among the rules means more telling.
  double Weight(ConceptId id) const { return weights_[id]; }

 private:
  bool Evaluate(std::size_t index, const ConceptPresence& presence,
                Candidate* candidate) const;

  std::vector<const Rule*> rules_;
  std::vector<std::vector<std::uint32_t>> rules_by_concept_;
  std::vector<double> weights_;
  bool use_context_;
};

}  // namespace spotter

#endif  // SPOTTER_RULES_SCORER_H_
