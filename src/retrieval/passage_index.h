// Finds the corpus passages closest to a message (BM25 over stems and
// concepts), for answers that no rule covers and for explain. Immutable;
// safe to share between threads.
#ifndef SPOTTER_RETRIEVAL_PASSAGE_INDEX_H_
#define SPOTTER_RETRIEVAL_PASSAGE_INDEX_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "retrieval/bm25_index.h"
#include "retrieval/corpus.h"

namespace spotter {

struct PassageMatch {
  const Passage* passage = nullptr;
  double score = 0;
  double match_share = 0;  // see Bm25Index::Hit
  std::uint32_t matched_terms = 0;
};

class PassageIndex {
 public:
  using TermsOf = std::function<std::vector<std::string>(std::string_view)>;

  // Indexes title and text of every passage; `corpus` must outlive the index.
  PassageIndex(const Corpus& corpus, const TermsOf& terms_of);

  std::vector<PassageMatch> Search(const std::vector<std::string>& query,
                                   std::size_t limit) const;

 private:
  const Corpus* corpus_;
  Bm25Index index_;
};

}  // namespace spotter

#endif  // SPOTTER_RETRIEVAL_PASSAGE_INDEX_H_
