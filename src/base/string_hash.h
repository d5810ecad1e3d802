// Transparent hashing so that maps keyed by std::string can be searched with a
// std::string_view without building a temporary string on hot paths.
#ifndef SPOTTER_BASE_STRING_HASH_H_
#define SPOTTER_BASE_STRING_HASH_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace spotter {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

template <typename Value>
using StringMap =
    std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace spotter

#endif  // SPOTTER_BASE_STRING_HASH_H_
