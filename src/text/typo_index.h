// Finds the vocabulary word nearest to a misspelt one ("dedlift" ->
// "deadlift", "forarm" -> "forearm") without scanning the vocabulary: a
// symmetric-delete index. Immutable after construction; safe to share between
// threads.
#ifndef SPOTTER_TEXT_TYPO_INDEX_H_
#define SPOTTER_TEXT_TYPO_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spotter {

class TypoIndex {
 public:
  // Deletes up to this many letters are indexed, which bounds the distance a
  // lookup can find.
  static constexpr int kMaxIndexedDistance = 2;
  // Lookups are for words this long or longer (see Lexicon)...
  static constexpr std::size_t kMinQueryLetters = 5;
  // ... and allow two edits from this length.
  static constexpr std::size_t kTwoEditLetters = 8;

  TypoIndex() = default;
  explicit TypoIndex(std::vector<std::string> words);

  // The indexed word within `max_distance` edits (adjacent swaps count one) of
  // `word` with the smallest distance; ties go to the longest shared prefix,
  // then the alphabetically first. nullopt when none is that close or
  // `max_distance` exceeds kMaxIndexedDistance.
  std::optional<std::string_view> Nearest(std::string_view word,
                                          int max_distance) const;

  std::size_t word_count() const { return words_.size(); }

 private:
  std::vector<std::string> words_;  // sorted, unique
  // (hash of a word with up to kMaxIndexedDistance letters deleted, index into
  // words_), grouped by bucket. Hash collisions are harmless: every candidate
  // is checked with the real edit distance.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> deletes_;
  // Where each bucket of deletes_ starts, bucketed by the hash's top bits: a
  // probe reads two adjacent entries here and a short run of deletes_,
  // instead of binary-searching a table far bigger than the cache.
  std::vector<std::uint32_t> bucket_starts_;
  int bucket_shift_ = 64;

  // Visits the indexed words sharing a delete of up to `depth` letters with
  // `word`.
  template <typename Visit>
  void ForEachCandidate(std::string_view word, int depth, const Visit& visit) const;
};

}  // namespace spotter

#endif  // SPOTTER_TEXT_TYPO_INDEX_H_
