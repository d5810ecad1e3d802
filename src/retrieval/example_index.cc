#include "retrieval/example_index.h"

#include <algorithm>
#include <map>

namespace spotter {

ExampleIndex::ExampleIndex(const std::vector<Rule>& rules, const TermsOf& terms_of) {
  for (const Rule& rule : rules) {
    if (rule.kind != RuleKind::kTopic) continue;
    for (const std::string& example : rule.examples) {
      index_.Add(terms_of(example));
      examples_.push_back({&rule, &example, 0});
    }
  }
  index_.Finish();
}

ExampleVote ExampleIndex::Vote(const std::vector<std::string>& query) const {
  ExampleVote vote;
  const std::vector<Bm25Index::Hit> hits = index_.Search(query, kVoters);
  if (hits.empty()) return vote;
  std::map<std::string_view, double> by_topic;
  double total = 0;
  for (const Bm25Index::Hit& hit : hits) {
    ExampleNeighbour neighbour = examples_[hit.document];
    neighbour.score = hit.score;
    vote.neighbours.push_back(neighbour);
    by_topic[neighbour.rule->topic] += hit.score;
    total += hit.score;
  }
  auto winner = std::max_element(
      by_topic.begin(), by_topic.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const ExampleNeighbour& neighbour : vote.neighbours) {
    if (neighbour.rule->topic == winner->first) {
      vote.rule = neighbour.rule;
      break;
    }
  }
  const double share = total > 0 ? winner->second / total : 0;
  const double evidence =
      std::min(1.0, hits.front().matched_terms / kConvincingSharedTerms);
  vote.confidence = share * std::min(1.0, hits.front().match_share) * evidence;
  return vote;
}

}  // namespace spotter
