// Negation is a scope over token positions, in the spirit of NegEx: a leading
// cue ("no", "without", "denies") negates hits that start within a few tokens
// after it, and a trailing cue ("fine", "normal") negates hits that end just
// before it, in both cases only up to a clause boundary. Boundaries are
// punctuation tokens and ~clause_break words ("but", "just"), so a cue never
// reaches into the next clause. Three arrays over the tokens make every check
// a short walk: where leading cues end, where trailing cues start, and which
// tokens are boundaries.
#include "concepts/negation.h"

#include <algorithm>

namespace spotter {

Negation::Negation(const ConceptTable& concepts) {
  before_ = concepts.Find("~negation").value_or(kNone);
  after_ = concepts.Find("~negation_after").value_or(kNone);
  clause_break_ = concepts.Find("~clause_break").value_or(kNone);
}

void Negation::Apply(const NormalizedText& text,
                     std::vector<ConceptHit>* hits) const {
  const std::size_t n = text.tokens.size();
  std::vector<bool> is_boundary(n), leading_cue_ends(n), trailing_cue_starts(n);
  bool any_cue = false;
  for (std::size_t i = 0; i < n; ++i) is_boundary[i] = text.tokens[i].is_break;
  for (const ConceptHit& hit : *hits) {
    if (hit.concept_id == clause_break_) {
      for (std::uint32_t i = hit.begin; i < hit.end; ++i) is_boundary[i] = true;
    } else if (hit.concept_id == before_) {
      leading_cue_ends[hit.end - 1] = true;
      any_cue = true;
    } else if (hit.concept_id == after_) {
      trailing_cue_starts[hit.begin] = true;
      any_cue = true;
    }
  }
  if (!any_cue) return;

  for (ConceptHit& hit : *hits) {
    if (IsCue(hit.concept_id)) continue;
    // Leading cue: walk left from the hit to the nearest boundary.
    const std::uint32_t left_limit =
        hit.begin > kForwardReachTokens ? hit.begin - kForwardReachTokens : 0;
    for (std::uint32_t i = hit.begin; i > left_limit;) {
      --i;
      if (is_boundary[i]) break;
      if (leading_cue_ends[i]) {
        hit.is_negated = true;
        break;
      }
    }
    if (hit.is_negated) continue;
    // Trailing cue: walk right from the hit to the nearest boundary.
    const std::uint32_t right_limit =
        static_cast<std::uint32_t>(std::min<std::size_t>(n, hit.end + kBackwardReachTokens));
    for (std::uint32_t i = hit.end; i < right_limit; ++i) {
      if (is_boundary[i]) break;
      if (trailing_cue_starts[i]) {
        hit.is_negated = true;
        break;
      }
    }
  }
}

}  // namespace spotter
