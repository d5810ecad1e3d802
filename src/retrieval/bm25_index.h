// Okapi BM25 ranking over small documents (corpus passages, rule examples).
// Documents and queries are lists of terms; see retrieval_terms.h for how a
// text becomes terms. Immutable after Finish(); safe to share between threads.
#ifndef SPOTTER_RETRIEVAL_BM25_INDEX_H_
#define SPOTTER_RETRIEVAL_BM25_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/string_hash.h"

namespace spotter {

class Bm25Index {
 public:
  static constexpr double kK1 = 1.2;  // term-frequency saturation
  static constexpr double kB = 0.75;  // document-length normalisation

  struct Hit {
    std::uint32_t document = 0;
    double score = 0;
    // score divided by the best score any document could get for this query
    // (every query term once, in a document of average length): 0..~1.
    double match_share = 0;
    // How many distinct query terms the document contains.
    std::uint32_t matched_terms = 0;
  };

  // Adds a document; its id is the number of documents added before it.
  void Add(const std::vector<std::string>& terms);
  // Computes the statistics; call once after the last Add.
  void Finish();

  // The `limit` best documents sharing a term with `query`, best first; ties
  // go to the earlier document.
  std::vector<Hit> Search(const std::vector<std::string>& query,
                          std::size_t limit) const;

  std::size_t size() const { return lengths_.size(); }

 private:
  struct Posting {
    std::uint32_t document;
    std::uint32_t frequency;
  };

  StringMap<std::uint32_t> term_ids_;
  std::vector<std::vector<Posting>> postings_;  // by term id
  std::vector<double> idf_;                     // by term id
  std::vector<std::uint32_t> lengths_;          // by document
  double average_length_ = 0;
};

}  // namespace spotter

#endif  // SPOTTER_RETRIEVAL_BM25_INDEX_H_
