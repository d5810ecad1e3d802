// Builds a concept table, term index, negation and matcher from JSON text,
// for the concept tests.
#ifndef SPOTTER_TESTS_UNIT_CONCEPTS_CONCEPT_FIXTURE_H_
#define SPOTTER_TESTS_UNIT_CONCEPTS_CONCEPT_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "concepts/concept_matcher.h"
#include "concepts/concept_table.h"
#include "concepts/negation.h"
#include "concepts/term_index.h"
#include "text/lexicon.h"
#include "text/normalizer.h"

namespace spotter::testing {

struct ConceptFixture {
  explicit ConceptFixture(const std::string& concepts_json,
                          std::int64_t memory_bytes = 8 << 20) {
    const Normalizer entry_normalizer(lexicon, false);
    auto document = JsonDocument::Parse(concepts_json, "concepts.json", &problems);
    if (!document) return;
    table.AddDocument(*document, entry_normalizer, &problems);
    table.Resolve(&problems);
    terms = TermIndex::Build(table.terms(), memory_bytes, &problems);
    negation = std::make_unique<Negation>(table);
    if (terms) matcher = std::make_unique<ConceptMatcher>(table, *terms, *negation);
  }

  NormalizedText Normalize(const std::string& text) const {
    return Normalizer(lexicon, false).Normalize(text);
  }

  // "~name" or "~name!" (negated) for each hit, in order.
  std::vector<std::string> Hits(const std::string& text) const {
    std::vector<std::string> out;
    for (const ConceptHit& hit : matcher->Match(Normalize(text))) {
      if (negation->IsCue(hit.concept_id)) continue;
      out.push_back(table.Name(hit.concept_id) + (hit.is_negated ? "!" : ""));
    }
    return out;
  }

  Lexicon lexicon;
  Diagnostics problems;
  ConceptTable table;
  std::unique_ptr<TermIndex> terms;
  std::unique_ptr<Negation> negation;
  std::unique_ptr<ConceptMatcher> matcher;
};

inline const char* kNegationCues = R"(
  "~negation": ["no", "not", "without", "never", "nothing", "denies", "nothing like"],
  "~negation_after": ["fine", "normal"],
  "~clause_break": ["but", "just", "however"],
)";

}  // namespace spotter::testing

#endif  // SPOTTER_TESTS_UNIT_CONCEPTS_CONCEPT_FIXTURE_H_
