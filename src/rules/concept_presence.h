// What one turn of a conversation says, as rules read it: which concepts the
// message mentions, which of those it mentions un-negated, and which the
// previous turn mentioned (its context). Built per message; a plain value.
#ifndef SPOTTER_RULES_CONCEPT_PRESENCE_H_
#define SPOTTER_RULES_CONCEPT_PRESENCE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "concepts/term.h"

namespace spotter {

class ConceptPresence {
 public:
  // `context`: concepts the previous turn mentioned un-negated.
  ConceptPresence(const std::vector<ConceptHit>& hits,
                  const std::vector<ConceptId>& context);

  bool InMessage(ConceptId id) const { return Flags(id) & kInMessage; }
  bool Unnegated(ConceptId id) const { return Flags(id) & kUnnegated; }
  bool InContext(ConceptId id) const { return Flags(id) & kInContext; }

  // Calls `visit` with every concept in the message or the context,
  // ascending.
  template <typename Visit>
  void ForEachMentioned(const Visit& visit) const {
    for (const auto& entry : flags_) visit(entry.first);
  }

 private:
  static constexpr std::uint8_t kInMessage = 1;
  static constexpr std::uint8_t kUnnegated = 2;
  static constexpr std::uint8_t kInContext = 4;

  std::uint8_t Flags(ConceptId id) const;

  std::vector<std::pair<ConceptId, std::uint8_t>> flags_;  // sorted by id
};

}  // namespace spotter

#endif  // SPOTTER_RULES_CONCEPT_PRESENCE_H_
