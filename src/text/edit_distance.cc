#include "text/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace spotter {

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows: two back for transpositions, one back, current. Words are
  // short; longer input is far apart anyway.
  constexpr int kMaxLength = 63;
  if (n > kMaxLength || m > kMaxLength) return limit + 1;
  std::array<int, kMaxLength + 1> rows[3];
  int* two_back = rows[0].data();
  int* one_back = rows[1].data();
  int* current = rows[2].data();
  for (int j = 0; j <= m; ++j) one_back[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({one_back[j] + 1, current[j - 1] + 1,
                           one_back[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, two_back[j - 2] + 1);
      }
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > limit) return limit + 1;
    int* oldest = two_back;
    two_back = one_back;
    one_back = current;
    current = oldest;
  }
  return std::min(one_back[m], limit + 1);
}

}  // namespace spotter
