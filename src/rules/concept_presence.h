// What one turn of a conversation says, as rules read it: which concepts the
// message mentions, which of those it mentions un-negated, and which the
// previous turn mentioned (its context). Built per message; a plain value.
#ifndef SPOTTER_RULES_CONCEPT_PRESENCE_H_
#define SPOTTER_RULES_CONCEPT_PRESENCE_H_

#include <cstdint>
#include <vector>

#include "concepts/term.h"

namespace spotter {

class ConceptPresence {
 public:
  // `context`: concepts the previous turn mentioned un-negated.
  // `concept_count`: ids are below it (the table's size).
  ConceptPresence(const std::vector<ConceptHit>& hits,
                  const std::vector<ConceptId>& context,
                  std::size_t concept_count);

  bool InMessage(ConceptId id) const { return Flags(id) & kInMessage; }
  bool Unnegated(ConceptId id) const { return Flags(id) & kUnnegated; }
  bool InContext(ConceptId id) const { return Flags(id) & kInContext; }

  // Calls `visit` with every concept in the message or the context,
  // ascending.
  template <typename Visit>
  void ForEachMentioned(const Visit& visit) const {
    for (ConceptId id : mentioned_) visit(id);
  }

 private:
  static constexpr std::uint8_t kInMessage = 1;
  static constexpr std::uint8_t kUnnegated = 2;
  static constexpr std::uint8_t kInContext = 4;

  std::uint8_t Flags(ConceptId id) const {
    return id < flags_.size() ? flags_[id] : 0;
  }

  // Indexed by concept id: a few hundred bytes for a rule set, and every
  // rule condition is one load.
  std::vector<std::uint8_t> flags_;
  std::vector<ConceptId> mentioned_;  // ascending
};

}  // namespace spotter

#endif  // SPOTTER_RULES_CONCEPT_PRESENCE_H_
