// Finds every term of every concept in a message with one scan: all words,
// phrases, prefixes and rule patterns are compiled into a single RE2::Set over
// the message's match line. The set only says which terms occur; their token
// positions are then located for those terms alone. Immutable after Build;
// safe to share between threads (the out-of-memory counter is atomic).
#ifndef SPOTTER_CONCEPTS_TERM_INDEX_H_
#define SPOTTER_CONCEPTS_TERM_INDEX_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "base/diagnostic.h"
#include "base/string_hash.h"
#include "concepts/term.h"
#include "text/normalizer.h"

namespace spotter {

class TermIndex {
 public:
  // Compiles `terms` (ids are their positions). `max_memory_bytes` bounds the
  // set's compiled program and DFA cache. Returns nullptr and a Diagnostic when
  // a pattern does not compile or the set does not fit.
  static std::unique_ptr<TermIndex> Build(const std::vector<Term>& terms,
                                          std::int64_t max_memory_bytes,
                                          Diagnostics* diagnostics);

  // Every occurrence of every term, in no particular order. If the set's DFA
  // runs out of memory on this text the scan still finds every term (by the
  // slower direct path) and the event is counted.
  std::vector<TermHit> Scan(const NormalizedText& text) const;

  // The slow path Scan takes when the set's DFA runs out of memory: every
  // term is located directly, without the set's filter. Finds exactly what
  // Scan finds; public so that tests can hold the two to that.
  std::vector<TermHit> ScanWithoutSet(const NormalizedText& text) const;

  // How many scans fell back because the DFA ran out of memory.
  std::uint64_t out_of_memory_count() const {
    return out_of_memory_count_.load(std::memory_order_relaxed);
  }

  // The regular expression a term compiles to (for explain and tests).
  static std::string ToRegex(const Term& term);

 private:
  explicit TermIndex(const re2::RE2::Options& options);

  // Every occurrence of the terms marked in `matched`.
  std::vector<TermHit> Locate(const NormalizedText& text,
                              const std::vector<bool>& matched) const;
  void LocateWordsAndPhrases(const NormalizedText& text,
                             const std::vector<bool>& matched,
                             std::vector<TermHit>* hits) const;
  void LocatePattern(TermId id, const NormalizedText& text,
                     std::vector<TermHit>* hits) const;

  std::vector<Term> terms_;
  re2::RE2::Set set_;
  StringMap<std::vector<TermId>> by_first_stem_;  // words and phrases
  std::vector<TermId> prefixes_;
  std::vector<TermId> patterns_;
  std::vector<std::unique_ptr<re2::RE2>> pattern_regexes_;  // by patterns_ slot
  mutable std::atomic<std::uint64_t> out_of_memory_count_{0};
};

}  // namespace spotter

#endif  // SPOTTER_CONCEPTS_TERM_INDEX_H_
