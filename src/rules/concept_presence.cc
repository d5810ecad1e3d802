#include "rules/concept_presence.h"

#include <algorithm>

namespace spotter {

ConceptPresence::ConceptPresence(const std::vector<ConceptHit>& hits,
                                 const std::vector<ConceptId>& context) {
  flags_.reserve(hits.size() + context.size());
  for (const ConceptHit& hit : hits) {
    flags_.emplace_back(hit.concept_id,
                        hit.is_negated ? kInMessage : kInMessage | kUnnegated);
  }
  for (ConceptId id : context) flags_.emplace_back(id, kInContext);
  std::sort(flags_.begin(), flags_.end());
  // Merge the flags of repeated concepts into one entry.
  std::size_t out = 0;
  for (std::size_t i = 0; i < flags_.size(); ++i) {
    if (out > 0 && flags_[out - 1].first == flags_[i].first) {
      flags_[out - 1].second |= flags_[i].second;
    } else {
      flags_[out++] = flags_[i];
    }
  }
  flags_.resize(out);
}

std::uint8_t ConceptPresence::Flags(ConceptId id) const {
  auto it = std::lower_bound(
      flags_.begin(), flags_.end(), id,
      [](const auto& entry, ConceptId key) { return entry.first < key; });
  return it != flags_.end() && it->first == id ? it->second : 0;
}

}  // namespace spotter
