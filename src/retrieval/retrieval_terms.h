// The terms a text is indexed and searched by: its word stems (less the
// commonest function words) and the names of the concepts it mentions
// un-negated. Concepts make retrieval speak the rules' language: a message
// about "deads" finds a passage about the "deadlift" through ~deadlift.
#ifndef SPOTTER_RETRIEVAL_RETRIEVAL_TERMS_H_
#define SPOTTER_RETRIEVAL_RETRIEVAL_TERMS_H_

#include <string>
#include <vector>

#include "concepts/concept_table.h"
#include "concepts/negation.h"
#include "concepts/term.h"
#include "text/normalizer.h"

namespace spotter {

std::vector<std::string> RetrievalTerms(const NormalizedText& text,
                                        const std::vector<ConceptHit>& hits,
                                        const ConceptTable& concepts,
                                        const Negation& negation);

}  // namespace spotter

#endif  // SPOTTER_RETRIEVAL_RETRIEVAL_TERMS_H_
