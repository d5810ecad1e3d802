#include "retrieval/retrieval_terms.h"

#include <algorithm>
#include <string_view>

namespace spotter {
namespace {

// Function words carry no topic; BM25's idf would discount them anyway, but
// in a corpus of a few dozen passages "my" and "the" still outweigh a rare
// real word in short queries. Stems, as the stemmer leaves them.
bool IsStopWord(std::string_view stem) {
  static constexpr std::string_view kStopWords[] = {
      "a",    "an",   "and",  "are",  "as",   "at",   "be",   "but",  "by",
      "can",  "do",   "for",  "from", "get",  "have", "i",    "if",   "in",
      "is",   "it",   "me",   "my",   "of",   "on",   "or",   "so",   "that",
      "the",  "thi",  "to",   "was",  "what", "when", "with", "you",  "your",
      "am",   "im",   "would", "will", "should", "how", "whi", "there", "it",
      "just", "some", "about", "after", "this", "these", "those", "been"};
  return std::find(std::begin(kStopWords), std::end(kStopWords), stem) !=
         std::end(kStopWords);
}

}  // namespace

std::vector<std::string> RetrievalTerms(const NormalizedText& text,
                                        const std::vector<ConceptHit>& hits,
                                        const ConceptTable& concepts,
                                        const Negation& negation) {
  std::vector<std::string> terms;
  terms.reserve(text.tokens.size() + hits.size());
  for (const Token& token : text.tokens) {
    if (!token.is_break && !IsStopWord(token.stem)) terms.push_back(token.stem);
  }
  for (const ConceptHit& hit : hits) {
    if (hit.is_negated || negation.IsCue(hit.concept_id) ||
        concepts.IsPattern(hit.concept_id)) {
      continue;
    }
    terms.push_back(concepts.Name(hit.concept_id));
  }
  return terms;
}

}  // namespace spotter
