// Builds answer objects from rules: applies the variants for the slots the
// user has filled, drops a follow-up whose slot is already known, resolves
// cited passages into sources, and lays a safety finding over the result (an
// urgent finding replaces the training advice). Immutable; safe to share.
#ifndef SPOTTER_COMPOSE_COMPOSER_H_
#define SPOTTER_COMPOSE_COMPOSER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "compose/answer.h"
#include "retrieval/corpus.h"
#include "rules/rule.h"
#include "safety/safety_check.h"

namespace spotter {

using FilledSlots = std::map<std::string, std::string>;

class Composer {
 public:
  // `corpus` and `rules` must outlive the composer; `rules` must hold every
  // fallback kind (the loader checks).
  Composer(const Corpus& corpus, const std::vector<Rule>& rules);

  Answer FromRule(const Rule& rule, const FilledSlots& slots,
                  double confidence) const;

  // The fallback answer for `kind` ("low_confidence", "out_of_scope").
  Answer FromFallback(std::string_view kind, double confidence) const;

  // An answer resting on one passage no rule cites for this message.
  Answer FromPassage(const Passage& passage, std::string topic,
                     double confidence) const;

  // Lays `finding` over `answer`: urgent replaces summary, advice and
  // follow-up with the seek-care answer; caution adds the warning, a medical
  // referral and its hedges. `topic_minimum` raises the level for topics
  // that are never below it (a tweak is at least caution).
  void ApplySafety(const SafetyFinding& finding, SafetyLevel topic_minimum,
                   Answer* answer) const;

  const Rule& Fallback(std::string_view kind) const;

 private:
  void AddSources(const std::vector<std::string>& ids, Answer* answer) const;

  const Corpus* corpus_;
  std::map<std::string, const Rule*, std::less<>> fallbacks_;
};

}  // namespace spotter

#endif  // SPOTTER_COMPOSE_COMPOSER_H_
