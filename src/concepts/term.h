// A term is one thing the scanner looks for in a message's match line: a word
// (by stem), a phrase (stems in order), a stem prefix, or an editor's regular
// expression. Concepts are sets of terms.
#ifndef SPOTTER_CONCEPTS_TERM_H_
#define SPOTTER_CONCEPTS_TERM_H_

#include <cstdint>
#include <string>
#include <vector>

namespace spotter {

using TermId = std::uint32_t;
using ConceptId = std::uint32_t;

enum class TermKind { kWord, kPhrase, kPrefix, kPattern };

struct Term {
  TermKind kind = TermKind::kWord;
  std::vector<std::string> stems;  // word: 1; phrase: 2+; prefix: 1 (the prefix)
  std::string pattern;             // kPattern only: RE2 syntax
};

// A term found in a message: tokens [begin, end).
struct TermHit {
  TermId term = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// A concept found in a message: tokens [begin, end).
struct ConceptHit {
  ConceptId concept_id = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool is_negated = false;
};

}  // namespace spotter

#endif  // SPOTTER_CONCEPTS_TERM_H_
