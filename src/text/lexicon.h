// The words spotter knows, from the rules directory: whole-word rewrites
// (British spellings, "gonna"), the vocabulary of concept entries that typos
// are corrected towards, and the wider set of known words (corpus, examples)
// that are left alone even though no concept uses them. Immutable after
// construction; safe to share between threads.
#ifndef SPOTTER_TEXT_LEXICON_H_
#define SPOTTER_TEXT_LEXICON_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/string_hash.h"
#include "text/typo_index.h"

namespace spotter {

class Lexicon {
 public:
  // Typo correction starts at 5 letters: "arm"/"ark" are one edit apart, and
  // short words are too easily another real word.
  static constexpr std::size_t kMinTypoLetters = TypoIndex::kMinQueryLetters;
  // From 8 letters two edits are allowed ("deadlifitng").
  static constexpr std::size_t kTwoEditLetters = TypoIndex::kTwoEditLetters;
  // Longer "words" are not words: no correction or split is tried.
  static constexpr std::size_t kMaxWordLetters = 40;
  // Each half of a run-together word ("lowerback") has at least this many.
  static constexpr std::size_t kMinSplitPartLetters = 2;

  Lexicon() = default;
  // `rewrites`: folded word -> replacement words. `targets`: concept words
  // (typos are corrected towards these and their regular inflections).
  // `known`: other words that are correct as they are.
  Lexicon(StringMap<std::string> rewrites, const std::vector<std::string>& targets,
          const std::vector<std::string>& known);

  // What the lexicon says of one word, from a single lookup.
  struct WordInfo {
    const std::string* rewrite = nullptr;  // replacement words, if any
    bool is_known = false;                 // correct as it is
  };
  WordInfo Lookup(std::string_view word) const;

  bool IsKnown(std::string_view word) const { return Lookup(word).is_known; }
  // Whether some target word has this stem ("numbness" needs no correction
  // when "numb" is a target).
  bool IsKnownStem(std::string_view stem) const;

  // For an unknown word: the target it is a typo of, if one is close enough
  // for its length, and at most `max_edits` edits away.
  std::optional<std::string> Correct(std::string_view word, int max_edits = 2) const;

  // For an unknown word: two target words it is made of ("lower", "back").
  std::optional<std::pair<std::string, std::string>> Split(
      std::string_view word) const;

  std::size_t target_count() const { return typo_index_.word_count(); }

 private:
  struct Entry {
    std::string rewrite;  // empty: none
    bool is_known = false;
  };
  StringMap<Entry> words_;  // rewritten and known words
  StringSet targets_;
  StringSet target_stems_;
  TypoIndex typo_index_;
};

}  // namespace spotter

#endif  // SPOTTER_TEXT_LEXICON_H_
