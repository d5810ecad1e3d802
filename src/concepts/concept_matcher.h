// Finds the concepts of rules/ in a normalised message: scans for terms, turns
// each term hit into a hit of every concept containing the term, and marks
// the negated ones. Immutable; safe to share between threads.
#ifndef SPOTTER_CONCEPTS_CONCEPT_MATCHER_H_
#define SPOTTER_CONCEPTS_CONCEPT_MATCHER_H_

#include <vector>

#include "concepts/concept_table.h"
#include "concepts/negation.h"
#include "concepts/term_index.h"
#include "text/normalizer.h"

namespace spotter {

class ConceptMatcher {
 public:
  // All three must outlive the matcher.
  ConceptMatcher(const ConceptTable& concepts, const TermIndex& terms,
                 const Negation& negation)
      : concepts_(&concepts), terms_(&terms), negation_(&negation) {}

  // One hit per concept per occurrence, ordered by position then concept;
  // empty if none. Never fails. Hits inside an idiom's span are dropped
  // (ConceptTable::IsIdiom): "sick of doing 3x10" is not about illness.
  std::vector<ConceptHit> Match(const NormalizedText& text) const;

 private:
  void DropHitsInsideIdioms(std::vector<ConceptHit>* hits) const;

  const ConceptTable* concepts_;
  const TermIndex* terms_;
  const Negation* negation_;
};

}  // namespace spotter

#endif  // SPOTTER_CONCEPTS_CONCEPT_MATCHER_H_
