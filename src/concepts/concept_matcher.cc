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
  DropHitsInsideIdioms(&hits);
  negation_->Apply(text, &hits);
  return hits;
}

void ConceptMatcher::DropHitsInsideIdioms(std::vector<ConceptHit>* hits) const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> idioms;
  for (const ConceptHit& hit : *hits) {
    if (concepts_->IsIdiom(hit.concept_id)) idioms.emplace_back(hit.begin, hit.end);
  }
  if (idioms.empty()) return;  // the common case
  std::erase_if(*hits, [&](const ConceptHit& hit) {
    if (concepts_->IsIdiom(hit.concept_id)) return false;
    for (const auto& [begin, end] : idioms) {
      if (begin <= hit.begin && hit.end <= end) return true;
    }
    return false;
  });
}

}  // namespace spotter
