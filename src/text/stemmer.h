// The Snowball English (Porter2) stemmer: "deadlifting", "deadlifts" and
// "deadlifted" all become "deadlift", "soreness" becomes "sore". Concept
// entries and messages are stemmed alike, so an editor writes one form.
// Thread-safe: libstemmer keeps state per stemmer, so each thread has its own.
#ifndef SPOTTER_TEXT_STEMMER_H_
#define SPOTTER_TEXT_STEMMER_H_

#include <string>
#include <string_view>

namespace spotter {

// `word` is one folded, lower-case word; words with digits come back as they
// are ("1rm", "5x5").
std::string Stem(std::string_view word);

}  // namespace spotter

#endif  // SPOTTER_TEXT_STEMMER_H_
