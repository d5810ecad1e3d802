// Chooses how to answer an analysed message: by the best rule, by staying on
// the last topic when the message answers its follow-up, by the nearest
// examples' vote, by a corpus passage, with a clarifying question, or as out
// of scope. The policy lives here; engine.cc only runs it.
#ifndef SPOTTER_ENGINE_DECIDER_H_
#define SPOTTER_ENGINE_DECIDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialogue/dialogue_state.h"
#include "engine/analysis.h"
#include "engine/knowledge_base.h"
#include "retrieval/example_index.h"
#include "retrieval/passage_index.h"

namespace spotter {

enum class Route {
  kRule,           // a rule's conditions hold, confidently
  kSlotAnswer,     // the message answers the open follow-up
  kExampleVote,    // the nearest examples agree on a topic
  kRetrieval,      // a corpus passage matches well
  kLowConfidence,  // about training, but unclear: ask
  kOutOfScope,     // not about training at all
};

std::string_view RouteName(Route route);

struct Decision {
  Route route = Route::kOutOfScope;
  const Rule* rule = nullptr;        // kRule, kSlotAnswer, kExampleVote
  const Passage* passage = nullptr;  // kRetrieval
  double confidence = 0;
  std::string reason;  // why, in a sentence, for explain
  bool carries_context = false;  // the previous turn's concepts stay in play
  ExampleVote vote;                     // when consulted
  std::vector<PassageMatch> passages;   // when consulted
};

class Decider {
 public:
  // Answer from a rule at or above this confidence.
  static constexpr double kRuleConfidence = 0.4;
  // Answer from the examples' vote at or above this.
  static constexpr double kVoteConfidence = 0.35;
  // Answer from a passage when it covers this share of the best possible
  // BM25 score for the message.
  static constexpr double kPassageMatchShare = 0.5;
  // ... and shares at least this many terms with it.
  static constexpr std::uint32_t kPassageSharedTerms = 3;
  // A follow-up answer is as sure as the question it answers.
  static constexpr double kSlotAnswerConfidence = 0.9;
  // How close a topic the message carries on its own must come to one the
  // previous turn props up to win (see PreferTheMessagesOwnTopic).
  static constexpr double kOwnTopicShare = 0.5;

  explicit Decider(const KnowledgeBase& kb) : kb_(kb) {}

  Decision Decide(const Analysis& analysis, const DialogueState& state) const;

  // Confidence of the best candidate: its score's strength times its margin
  // over the best candidate of another topic family.
  static double Confidence(const std::vector<Candidate>& candidates);

  // `rule`, or the rule a variant for a filled slot hands over to.
  const Rule* HandOver(const Rule* rule, const FilledSlots& slots) const;

 private:
  // `candidates` with the message's own topic first, when it should win;
  // nullopt when the order stands.
  static std::optional<std::vector<Candidate>> PreferTheMessagesOwnTopic(
      const std::vector<Candidate>& candidates);
  std::optional<Decision> AnswerToFollowUp(const Analysis& analysis,
                                           const DialogueState& state) const;

  const KnowledgeBase& kb_;
};

// True when one topic is the other or under it ("forearm.pain.pullup" and
// "forearm.pain.pullup.grip").
bool SameTopicFamily(std::string_view a, std::string_view b);

}  // namespace spotter

#endif  // SPOTTER_ENGINE_DECIDER_H_
