// Edit distance between two words, counting a swap of neighbouring letters as
// one edit ("deadlifitng" is two edits from "deadlifting", not four): the
// optimal string alignment variant of Damerau-Levenshtein.
#ifndef SPOTTER_TEXT_EDIT_DISTANCE_H_
#define SPOTTER_TEXT_EDIT_DISTANCE_H_

#include <string_view>

namespace spotter {

// The distance, or `limit + 1` as soon as it is known to exceed `limit`.
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

}  // namespace spotter

#endif  // SPOTTER_TEXT_EDIT_DISTANCE_H_
