#include "rules/concept_presence.h"

#include <algorithm>

namespace spotter {

ConceptPresence::ConceptPresence(const std::vector<ConceptHit>& hits,
                                 const std::vector<ConceptId>& context,
                                 std::size_t concept_count)
    : flags_(concept_count, 0) {
  auto mark = [&](ConceptId id, std::uint8_t flags) {
    if (id >= flags_.size()) return;
    if (flags_[id] == 0) mentioned_.push_back(id);
    flags_[id] |= flags;
  };
  for (const ConceptHit& hit : hits) {
    mark(hit.concept_id, hit.is_negated ? kInMessage : kInMessage | kUnnegated);
  }
  for (ConceptId id : context) mark(id, kInContext);
  std::sort(mentioned_.begin(), mentioned_.end());
}

}  // namespace spotter
