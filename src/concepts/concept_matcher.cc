#include "concepts/concept_matcher.h"

#include <algorithm>
#include <tuple>

namespace spotter {

std::vector<ConceptHit> ConceptMatcher::Match(const NormalizedText& text) const {
  std::vector<ConceptHit> hits;
  hits.reserve(text.tokens.size() * 2);
  const auto& membership = concepts_->term_concepts();
  for (const TermHit& term_hit : terms_->Scan(text)) {
    for (ConceptId id : membership[term_hit.term]) {
      hits.push_back({id, term_hit.begin, term_hit.end, false});
    }
  }
  auto key = [](const ConceptHit& h) {
    return std::make_tuple(h.begin, h.concept_id, h.end);
  };
  std::sort(hits.begin(), hits.end(),
            [&](const ConceptHit& a, const ConceptHit& b) { return key(a) < key(b); });
  // Two terms of one concept can find the same span ("pull" and "pull*").
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [&](const ConceptHit& a, const ConceptHit& b) {
                           return key(a) == key(b);
                         }),
             hits.end());
  negation_->Apply(text, &hits);
  return hits;
}

}  // namespace spotter
