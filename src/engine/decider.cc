// Deciding, in order:
// 1. If the last answer asked a follow-up (or its rule has variants) and this
//    message states a value for that slot, stay on the last topic, unless the
//    message, with the slot value taken out, still points confidently at
//    another topic ("hypertrophy" stays; "hypertrophy, but my knee hurts on
//    squats" moves on).
// 2. The best rule, if confident. Confidence = strength * (0.5 + 0.5 *
//    margin): strength = 1 - exp(-score / 3) grows with the evidence (score 3
//    gives 0.63, 6 gives 0.86), margin = (best - rival) / best where the
//    rival is the best candidate of another topic family.
// 3. The examples' vote. When it agrees with the best rule, the rule answers
//    with the higher of the two confidences; otherwise a confident vote
//    answers with its topic's default rule.
// 4. A corpus passage that matches the message well.
// 5. A clarifying question if the message is about training at all, else
//    out of scope.
#include "engine/decider.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "retrieval/retrieval_terms.h"

namespace spotter {

std::string_view RouteName(Route route) {
  switch (route) {
    case Route::kRule: return "rule";
    case Route::kSlotAnswer: return "follow-up answer";
    case Route::kExampleVote: return "example vote";
    case Route::kRetrieval: return "retrieval";
    case Route::kLowConfidence: return "low confidence";
    case Route::kOutOfScope: return "out of scope";
  }
  return "unknown";
}

bool SameTopicFamily(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '.');
}

double Decider::Confidence(const std::vector<Candidate>& candidates) {
  if (candidates.empty()) return 0;
  const Candidate& best = candidates.front();
  if (best.score <= 0) return 0;
  double rival = 0;
  for (const Candidate& other : candidates) {
    if (!SameTopicFamily(other.rule->topic, best.rule->topic)) {
      rival = other.score;
      break;
    }
  }
  const double strength = 1 - std::exp(-best.score / 3);
  const double margin = std::clamp((best.score - rival) / best.score, 0.0, 1.0);
  return strength * (0.5 + 0.5 * margin);
}

const Rule* Decider::HandOver(const Rule* rule, const FilledSlots& slots) const {
  if (rule == nullptr) return rule;
  for (const auto& [slot, values] : rule->variants) {
    auto filled = slots.find(slot);
    if (filled == slots.end()) continue;
    auto variant = values.find(filled->second);
    if (variant == values.end() || !variant->second.topic) continue;
    if (const Rule* target = kb_.DefaultRule(*variant->second.topic)) return target;
  }
  return rule;
}

std::optional<Decision> Decider::AnswerToFollowUp(const Analysis& analysis,
                                                  const DialogueState& state) const {
  const Rule* last = kb_.FindRule(state.last_rule);
  // A fallback's question ("which is closest?") is answered by the rules.
  if (last == nullptr || last->kind == RuleKind::kFallback) return std::nullopt;
  std::vector<std::string> slots;
  if (!state.open_slot.empty()) slots.push_back(state.open_slot);
  for (const auto& [slot, values] : last->variants) slots.push_back(slot);

  for (const std::string& slot : slots) {
    auto stated = analysis.stated_slots.find(slot);
    if (stated == analysis.stated_slots.end()) continue;
    // Take the words that state the value out, and see whether the rest of
    // the message is about something else.
    const std::vector<ConceptId> value_concepts = kb_.slots.ValueConcepts(slot);
    std::vector<bool> is_value_token(analysis.text.tokens.size(), false);
    for (const ConceptHit& hit : analysis.hits) {
      if (std::find(value_concepts.begin(), value_concepts.end(), hit.concept_id) !=
          value_concepts.end()) {
        for (std::uint32_t i = hit.begin; i < hit.end; ++i) is_value_token[i] = true;
      }
    }
    std::vector<ConceptHit> rest;
    for (const ConceptHit& hit : analysis.hits) {
      bool overlaps = false;
      for (std::uint32_t i = hit.begin; i < hit.end && !overlaps; ++i) overlaps = is_value_token[i];
      if (!overlaps) rest.push_back(hit);
    }
    const std::vector<Candidate> others =
        kb_.topic_scorer->Score(ConceptPresence(rest, {}, kb_.concepts.size()));
    if (!others.empty() && Confidence(others) >= kRuleConfidence &&
        !SameTopicFamily(others.front().rule->topic, last->topic)) {
      return std::nullopt;  // a new question that happens to name a goal
    }
    Decision decision;
    decision.route = Route::kSlotAnswer;
    decision.rule = last;
    decision.confidence = kSlotAnswerConfidence;
    decision.carries_context = true;
    decision.reason = fmt::format("answers the follow-up of {} ({} = {})",
                                  last->id, slot, stated->second);
    return decision;
  }
  return std::nullopt;
}

// A message that brings its own topic ("what's the best way to get
// stronger?" after a knee question) is a new question: the previous turn's
// concepts may complete a follow-up, not outvote what the message says.
// When the best candidate leans on the context and the best one met by the
// message alone is of another topic family and scores at least
// kOwnTopicShare of it, that one goes first.
std::optional<std::vector<Candidate>> Decider::PreferTheMessagesOwnTopic(
    const std::vector<Candidate>& candidates) {
  if (candidates.empty() || !candidates.front().uses_context) return std::nullopt;
  const Candidate& best = candidates.front();
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    const Candidate& own = candidates[i];
    if (own.uses_context) continue;
    if (SameTopicFamily(own.rule->topic, best.rule->topic) ||
        own.score < kOwnTopicShare * best.score) {
      return std::nullopt;
    }
    std::vector<Candidate> reordered = candidates;
    std::rotate(reordered.begin(), reordered.begin() + static_cast<long>(i),
                reordered.begin() + static_cast<long>(i) + 1);
    return reordered;
  }
  return std::nullopt;
}

Decision Decider::Decide(const Analysis& analysis,
                         const DialogueState& state) const {
  if (auto decision = AnswerToFollowUp(analysis, state)) return *decision;

  Decision decision;
  const std::optional<std::vector<Candidate>> reordered =
      PreferTheMessagesOwnTopic(analysis.candidates);
  const std::vector<Candidate>& candidates = reordered ? *reordered : analysis.candidates;
  const double rule_confidence = Confidence(candidates);
  const Candidate* best = candidates.empty() ? nullptr : &candidates.front();
  if (best != nullptr && rule_confidence >= kRuleConfidence) {
    decision.route = Route::kRule;
    decision.rule = best->rule;
    decision.confidence = rule_confidence;
    decision.carries_context = best->uses_context;
    decision.reason = fmt::format("rule {} scored {:.2f} (confidence {:.2f})",
                                  best->rule->id, best->score, rule_confidence);
    return decision;
  }

  // Only messages no rule answers confidently pay for retrieval.
  const std::vector<std::string> terms =
      RetrievalTerms(analysis.text, analysis.hits, kb_.concepts, *kb_.negation);
  decision.vote = kb_.examples->Vote(terms);
  const Rule* voted = decision.vote.rule;
  if (best != nullptr && voted != nullptr &&
      SameTopicFamily(voted->topic, best->rule->topic)) {
    decision.route = Route::kRule;
    decision.rule = best->rule;
    decision.confidence = std::max(rule_confidence, decision.vote.confidence);
    decision.carries_context = best->uses_context;
    decision.reason = fmt::format(
        "rule {} scored {:.2f} (confidence {:.2f}) and the nearest examples "
        "agree", best->rule->id, best->score, rule_confidence);
    return decision;
  }
  if (voted != nullptr && decision.vote.confidence >= kVoteConfidence) {
    decision.route = Route::kExampleVote;
    decision.rule = kb_.DefaultRule(voted->topic);
    decision.confidence = decision.vote.confidence;
    decision.reason = fmt::format(
        "no rule was confident; the nearest examples vote for {} ({:.2f})",
        voted->topic, decision.vote.confidence);
    return decision;
  }

  const bool about_training = std::any_of(
      analysis.hits.begin(), analysis.hits.end(), [&](const ConceptHit& hit) {
        return !hit.is_negated && !kb_.negation->IsCue(hit.concept_id);
      });
  decision.passages = kb_.passages->Search(terms, 3);
  if (about_training && !decision.passages.empty() &&
      decision.passages.front().match_share >= kPassageMatchShare &&
      decision.passages.front().matched_terms >= kPassageSharedTerms) {
    const PassageMatch& top = decision.passages.front();
    decision.route = Route::kRetrieval;
    decision.passage = top.passage;
    decision.confidence = 0.6 * std::min(1.0, top.match_share);
    decision.reason = fmt::format("no rule or example fits; passage {} covers "
                                  "{:.0f}% of the message", top.passage->id,
                                  top.match_share * 100);
    return decision;
  }
  if (about_training || best != nullptr) {
    decision.route = Route::kLowConfidence;
    decision.confidence = std::max(rule_confidence, decision.vote.confidence);
    decision.reason = best != nullptr
        ? fmt::format("best rule {} is not confident enough ({:.2f})",
                      best->rule->id, rule_confidence)
        : "the message is about training but matches no rule";
    return decision;
  }
  decision.route = Route::kOutOfScope;
  decision.confidence = 0.5;
  decision.reason = "nothing in the message is about training";
  return decision;
}

}  // namespace spotter
