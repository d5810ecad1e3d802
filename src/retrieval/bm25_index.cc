// BM25: score(d, q) = sum over query terms t of
//   idf(t) * f(t, d) * (k1 + 1) / (f(t, d) + k1 * (1 - b + b * |d| / avgdl)),
// with idf(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)), the variant that
// never goes negative for common terms. Postings are kept per term, so a
// query touches only the documents that share a term with it.
#include "retrieval/bm25_index.h"

#include <algorithm>
#include <cmath>

namespace spotter {

void Bm25Index::Add(const std::vector<std::string>& terms) {
  const auto document = static_cast<std::uint32_t>(lengths_.size());
  lengths_.push_back(static_cast<std::uint32_t>(terms.size()));
  for (const std::string& term : terms) {
    auto [it, fresh] =
        term_ids_.emplace(term, static_cast<std::uint32_t>(postings_.size()));
    if (fresh) postings_.emplace_back();
    std::vector<Posting>& list = postings_[it->second];
    if (!list.empty() && list.back().document == document) {
      ++list.back().frequency;
    } else {
      list.push_back({document, 1});
    }
  }
}

void Bm25Index::Finish() {
  const double n = static_cast<double>(lengths_.size());
  idf_.resize(postings_.size());
  for (std::size_t term = 0; term < postings_.size(); ++term) {
    const double with_term = static_cast<double>(postings_[term].size());
    idf_[term] = std::log(1.0 + (n - with_term + 0.5) / (with_term + 0.5));
  }
  double total = 0;
  for (std::uint32_t length : lengths_) total += length;
  average_length_ = lengths_.empty() ? 1.0 : std::max(1.0, total / n);
}

std::vector<Bm25Index::Hit> Bm25Index::Search(
    const std::vector<std::string>& query, std::size_t limit) const {
  struct Accumulated {
    double score = 0;
    std::uint32_t matched_terms = 0;
  };
  // A dense accumulator per thread (documents are few thousand at most), and
  // the list of documents touched, so that resetting costs what was used.
  thread_local std::vector<Accumulated> scores;
  thread_local std::vector<std::uint32_t> touched;
  if (scores.size() < lengths_.size()) scores.resize(lengths_.size());
  touched.clear();
  double best_possible = 0;
  std::vector<std::uint32_t> seen_terms;
  for (const std::string& term : query) {
    auto it = term_ids_.find(term);
    if (it == term_ids_.end()) continue;
    const std::uint32_t id = it->second;
    if (std::find(seen_terms.begin(), seen_terms.end(), id) != seen_terms.end()) {
      continue;  // a repeated query word counts once
    }
    seen_terms.push_back(id);
    best_possible += idf_[id];
    for (const Posting& posting : postings_[id]) {
      const double f = posting.frequency;
      const double norm =
          kK1 * (1 - kB + kB * lengths_[posting.document] / average_length_);
      Accumulated& entry = scores[posting.document];
      if (entry.matched_terms == 0) touched.push_back(posting.document);
      entry.score += idf_[id] * f * (kK1 + 1) / (f + norm);
      ++entry.matched_terms;
    }
  }
  std::vector<Hit> hits;
  hits.reserve(touched.size());
  for (std::uint32_t document : touched) {
    Accumulated& entry = scores[document];
    hits.push_back({document, entry.score,
                    best_possible > 0 ? entry.score / best_possible : 0,
                    entry.matched_terms});
    entry = Accumulated{};
  }
  const std::size_t keep = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep),
                    hits.end(), [](const Hit& a, const Hit& b) {
                      if (a.score != b.score) return a.score > b.score;
                      return a.document < b.document;
                    });
  hits.resize(keep);
  return hits;
}

}  // namespace spotter
