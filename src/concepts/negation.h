// Decides which concept hits are negated: "no numbness or tingling, just
// sore" negates numbness and tingling; "no pain but my leg is numb" negates
// only pain; "legs fine" negates legs. The cue words are data, in three
// concepts of rules/ (~negation, ~negation_after, ~clause_break); missing
// concepts simply disable that cue. Immutable; safe to share.
#ifndef SPOTTER_CONCEPTS_NEGATION_H_
#define SPOTTER_CONCEPTS_NEGATION_H_

#include <optional>
#include <vector>

#include "concepts/concept_table.h"
#include "concepts/term.h"
#include "text/normalizer.h"

namespace spotter {

class Negation {
 public:
  // A negator reaches this many tokens forward ("without any pain in my
  // legs": legs is 5 on), unless a clause ends first.
  static constexpr std::uint32_t kForwardReachTokens = 6;
  // A trailing negator reaches back this many ("legs feel fine": 2).
  static constexpr std::uint32_t kBackwardReachTokens = 3;

  explicit Negation(const ConceptTable& concepts);

  // Sets is_negated on the hits a cue scopes over. Cue hits themselves stay
  // un-negated. `hits` must come from `text`.
  void Apply(const NormalizedText& text, std::vector<ConceptHit>* hits) const;

  bool IsCue(ConceptId id) const {
    return id == before_ || id == after_ || id == clause_break_;
  }

 private:
  static constexpr ConceptId kNone = static_cast<ConceptId>(-1);

  ConceptId before_ = kNone;        // ~negation
  ConceptId after_ = kNone;         // ~negation_after
  ConceptId clause_break_ = kNone;  // ~clause_break
};

}  // namespace spotter

#endif  // SPOTTER_CONCEPTS_NEGATION_H_
