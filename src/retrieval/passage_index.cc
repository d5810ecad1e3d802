#include "retrieval/passage_index.h"

namespace spotter {

PassageIndex::PassageIndex(const Corpus& corpus, const TermsOf& terms_of)
    : corpus_(&corpus) {
  for (const Passage& passage : corpus.passages()) {
    index_.Add(terms_of(passage.title + ". " + passage.text));
  }
  index_.Finish();
}

std::vector<PassageMatch> PassageIndex::Search(
    const std::vector<std::string>& query, std::size_t limit) const {
  std::vector<PassageMatch> out;
  for (const Bm25Index::Hit& hit : index_.Search(query, limit)) {
    out.push_back({&corpus_->passages()[hit.document], hit.score, hit.match_share,
                   hit.matched_terms});
  }
  return out;
}

}  // namespace spotter
