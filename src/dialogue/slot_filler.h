// The values a follow-up question can be answered with (rules/ "slots"):
// slot "goal" has values fat_loss, strength, ..., each recognised by a
// concept. Finds the value a message states, so that "hypertrophy" after
// "what is your goal?" fills goal=muscle. Immutable after loading.
#ifndef SPOTTER_DIALOGUE_SLOT_FILLER_H_
#define SPOTTER_DIALOGUE_SLOT_FILLER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "base/json_document.h"
#include "base/string_hash.h"
#include "concepts/concept_table.h"
#include "concepts/term.h"

namespace spotter {

class SlotFiller {
 public:
  // Reads the "slots" object of `document`; value concepts must exist in
  // `concepts`.
  void AddDocument(const JsonDocument& document, const ConceptTable& concepts,
                   Diagnostics* diagnostics);

  bool HasSlot(std::string_view slot) const;
  bool HasValue(std::string_view slot, std::string_view value) const;

  // Every slot that `hits` state a value for: slot -> value (the earliest).
  std::map<std::string, std::string> DetectAll(
      const std::vector<ConceptHit>& hits) const;

  // The concepts that state some value of `slot`.
  std::vector<ConceptId> ValueConcepts(std::string_view slot) const;

 private:
  using Values = std::vector<std::pair<std::string, ConceptId>>;
  StringMap<Values> slots_;
  // By concept id: the (slot, value) pairs it states, for one-pass detection.
  std::vector<std::vector<std::pair<std::string, std::string>>> by_concept_;
};

}  // namespace spotter

#endif  // SPOTTER_DIALOGUE_SLOT_FILLER_H_
