// Turns a message into the tokens every later stage reads: folded characters,
// contractions expanded ("can't" -> "can not"), lexicon rewrites applied
// ("programme" -> "program"), unknown words split or typo-corrected towards
// the rule vocabulary, and every word stemmed. Immutable; safe to share.
#ifndef SPOTTER_TEXT_NORMALIZER_H_
#define SPOTTER_TEXT_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.h"

namespace spotter {

struct Token {
  std::string word;       // folded, rewritten, corrected: "deadlifting"
  std::string stem;       // what rules match: "deadlift"
  std::string typed;      // as typed, when corrected or split; else empty
  bool is_break = false;  // , . ; : ! ? ( ) or a line end: a clause boundary
};

struct NormalizedText {
  std::vector<Token> tokens;
  // Stems and break characters joined by single spaces: the text the term
  // set scans and rule patterns are written against.
  std::string match_line;
  std::vector<std::uint32_t> offsets;  // where tokens[i] starts in match_line

  // The index of the token covering byte `offset` of match_line (the token to
  // the left when `offset` falls on a space).
  std::size_t TokenAt(std::size_t offset) const;
  // The words joined by spaces, as `spotter explain` shows them.
  std::string Words() const;
};

class Normalizer {
 public:
  // `lexicon` must outlive the normalizer. Without `correct_typos`, unknown
  // words stay as they are (concept entries and corpus text are written by
  // editors and are authoritative).
  Normalizer(const Lexicon& lexicon, bool correct_typos);

  // Precondition: `text` is valid UTF-8. Never fails; empty input gives no
  // tokens.
  NormalizedText Normalize(std::string_view text) const;

 private:
  // `stem` may be empty when not yet computed.
  void AddWord(std::string word, std::string stem, std::string typed,
               NormalizedText* out) const;
  void AddRawWord(std::string_view raw, NormalizedText* out) const;
  // A word after contraction expansion: rewrites, corrections, stem.
  // Remembered per thread (see normalizer.cc), so a word seen before costs
  // one lookup.
  void AddExpandedWord(std::string_view word, NormalizedText* out) const;
  // What AddExpandedWord adds, worked out.
  void ExpandWord(std::string_view word, NormalizedText* out) const;

  const Lexicon* lexicon_;
  bool correct_typos_;
  // Distinguishes this normalizer's remembered words from those of one that
  // lived at the same address before a reload.
  std::uint64_t id_;
};

}  // namespace spotter

#endif  // SPOTTER_TEXT_NORMALIZER_H_
