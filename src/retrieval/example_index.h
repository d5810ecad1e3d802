// Lets the rules' example messages vote for a topic when no rule's
// conditions hold confidently: the message is compared with every example
// (BM25 over stems and concepts) and the nearest examples vote for their
// rules' topics. Every example an editor writes widens what the bot
// understands, not only what it is tested on. Immutable; safe to share.
#ifndef SPOTTER_RETRIEVAL_EXAMPLE_INDEX_H_
#define SPOTTER_RETRIEVAL_EXAMPLE_INDEX_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "retrieval/bm25_index.h"
#include "rules/rule.h"

namespace spotter {

struct ExampleNeighbour {
  const Rule* rule = nullptr;
  const std::string* example = nullptr;
  double score = 0;
};

struct ExampleVote {
  const Rule* rule = nullptr;  // the best neighbour of the winning topic
  double confidence = 0;       // 0 when no example shares a term
  std::vector<ExampleNeighbour> neighbours;  // best first
};

class ExampleIndex {
 public:
  // How many nearest examples vote.
  static constexpr std::size_t kVoters = 7;
  // A vote resting on fewer shared terms than this is discounted: one shared
  // word ("back") says little about which of many back topics is meant.
  static constexpr double kConvincingSharedTerms = 3;

  using TermsOf = std::function<std::vector<std::string>(std::string_view)>;

  // Indexes the examples of the topic rules in `rules` (which must outlive
  // the index), turning each into terms with `terms_of`.
  ExampleIndex(const std::vector<Rule>& rules, const TermsOf& terms_of);

  // The topic the nearest examples agree on. Confidence is the winning
  // topic's share of the votes times how well the best example matches,
  // discounted when it shares few terms with the message.
  ExampleVote Vote(const std::vector<std::string>& query) const;

 private:
  Bm25Index index_;
  std::vector<ExampleNeighbour> examples_;  // by document id
};

}  // namespace spotter

#endif  // SPOTTER_RETRIEVAL_EXAMPLE_INDEX_H_
