// Transparent hashing so that maps keyed by std::string can be searched with a
// std::string_view without building a temporary string on hot paths.
#ifndef SPOTTER_BASE_STRING_HASH_H_
#define SPOTTER_BASE_STRING_HASH_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace spotter {

// An inline hash for the short words spotter looks up many times per
// message: eight bytes per step (FxHash's rotate-xor-multiply), then
// MurmurHash3's finaliser so that the high bits are mixed too (the typo index
// buckets by them). The library's std::hash is an out-of-line call per word.
inline std::uint64_t HashText(std::string_view text) {
  constexpr std::uint64_t kMultiplier = 0x517cc1b727220a95ULL;
  std::uint64_t hash = text.size();
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    hash = (std::rotl(hash, 5) ^ chunk) * kMultiplier;
  }
  if (i < text.size()) {
    std::uint64_t chunk = 0;  // the last 1-7 bytes, without a memcpy call
    for (std::size_t k = 0; i + k < text.size(); ++k) {
      chunk |= std::uint64_t{static_cast<unsigned char>(text[i + k])} << (8 * k);
    }
    hash = (std::rotl(hash, 5) ^ chunk) * kMultiplier;
  }
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return hash;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return HashText(text); }
};

template <typename Value>
using StringMap =
    std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

}  // namespace spotter

#endif  // SPOTTER_BASE_STRING_HASH_H_
