// Symmetric delete (Wolf Garbe's SymSpell idea): two words are within edit
// distance d only if deleting at most d letters from each can make them equal.
// At build time every vocabulary word is stored under each of its deletes (up
// to two letters); at lookup the misspelt word's own deletes are looked up,
// and the few candidates found are checked with the real distance. A lookup
// costs O(L^2) hash probes for a word of L letters, whatever the vocabulary
// size.
#include "text/typo_index.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>

#include "base/string_hash.h"
#include "text/edit_distance.h"

namespace spotter {
namespace {

std::uint64_t HashOf(std::string_view text) { return HashText(text); }

// Calls `visit` with `word` and every string made by deleting up to `depth`
// letters (with repeats, which the callers tolerate). Works in a fixed
// buffer: no allocation per variant.
constexpr std::size_t kMaxWordBytes = 48;

// Deletes at positions from `first` on only, so that deleting letters i and
// j is generated once (i < j), not once per order.
template <typename Visit>
void ForEachDeleteIn(char* buffer, std::size_t length, std::size_t first,
                     int depth, const Visit& visit) {
  visit(std::string_view(buffer, length));
  if (depth == 0 || length <= 1) return;
  char next[kMaxWordBytes];
  for (std::size_t i = first; i < length; ++i) {
    std::memcpy(next, buffer, i);
    std::memcpy(next + i, buffer + i + 1, length - i - 1);
    ForEachDeleteIn(next, length - 1, i, depth - 1, visit);
  }
}

template <typename Visit>
void ForEachDelete(std::string_view word, int depth, const Visit& visit) {
  if (word.size() > kMaxWordBytes) return;  // no real word is this long
  char buffer[kMaxWordBytes];
  std::memcpy(buffer, word.data(), word.size());
  ForEachDeleteIn(buffer, word.size(), 0, depth, visit);
}

std::size_t SharedPrefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

TypoIndex::TypoIndex(std::vector<std::string> words) : words_(std::move(words)) {
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  for (std::uint32_t id = 0; id < words_.size(); ++id) {
    const std::size_t length = words_[id].size();
    // Lookups are for words of kMinQueryLetters and more, within one edit
    // below kTwoEditLetters and two from there: a shorter target cannot be
    // reached, and one deleted letter is all a target shorter than
    // kTwoEditLetters - 2 needs.
    if (length + 1 < kMinQueryLetters) continue;
    const int depth = length + 2 >= kTwoEditLetters ? 2 : 1;
    ForEachDelete(words_[id], depth, [&](std::string_view d) {
      deletes_.emplace_back(HashOf(d), id);
    });
  }
  // Counting sort by bucket (the hash's top bits): linear, and the order
  // within a bucket does not matter, since a probe scans its whole bucket.
  int bits = 1;
  while ((std::size_t{1} << bits) < deletes_.size() && bits < 30) ++bits;
  bucket_shift_ = 64 - bits;
  const std::size_t buckets = std::size_t{1} << bits;
  bucket_starts_.assign(buckets + 1, 0);
  for (const auto& entry : deletes_) ++bucket_starts_[(entry.first >> bucket_shift_) + 1];
  for (std::size_t b = 0; b < buckets; ++b) bucket_starts_[b + 1] += bucket_starts_[b];
  std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted(deletes_.size());
  std::vector<std::uint32_t> fill(bucket_starts_.begin(), bucket_starts_.end() - 1);
  for (const auto& entry : deletes_) sorted[fill[entry.first >> bucket_shift_]++] = entry;
  deletes_ = std::move(sorted);
}

template <typename Visit>
void TypoIndex::ForEachCandidate(std::string_view word, int depth,
                                 const Visit& visit) const {
  if (deletes_.empty()) return;
  ForEachDelete(word, depth, [&](std::string_view d) {
    const std::uint64_t hash = HashOf(d);
    const std::size_t bucket = hash >> bucket_shift_;
    for (std::uint32_t i = bucket_starts_[bucket]; i < bucket_starts_[bucket + 1]; ++i) {
      if (deletes_[i].first == hash) visit(deletes_[i].second);
    }
  });
}

std::optional<std::string_view> TypoIndex::Nearest(std::string_view word,
                                                   int max_distance) const {
  if (max_distance > kMaxIndexedDistance || max_distance < 0) {
    return std::nullopt;
  }
  std::optional<std::uint32_t> best;
  int best_distance = max_distance + 1;
  std::size_t best_prefix = 0;
  // A candidate shares many deletes with the word; measure it once.
  std::uint32_t seen[64];
  std::size_t seen_count = 0;
  auto consider = [&](std::uint32_t id) {
    for (std::size_t i = 0; i < seen_count; ++i) {
      if (seen[i] == id) return;
    }
    if (seen_count < std::size(seen)) seen[seen_count++] = id;
    const std::string& candidate = words_[id];
    const int distance = BoundedEditDistance(word, candidate, max_distance);
    if (distance > max_distance) return;
    const std::size_t prefix = SharedPrefix(word, candidate);
    const bool better =
        distance < best_distance ||
        (distance == best_distance &&
         (prefix > best_prefix || (prefix == best_prefix && id < *best)));
    if (better) {
      best = id;
      best_distance = distance;
      best_prefix = prefix;
    }
  };
  // Most typos are one edit: look with one deletion first, which finds every
  // word within one edit, and go to two only when that finds nothing.
  ForEachCandidate(word, std::min(max_distance, 1), consider);
  if (best_distance > 1 && max_distance >= 2) ForEachCandidate(word, 2, consider);
  if (!best) return std::nullopt;
  return std::string_view(words_[*best]);
}

}  // namespace spotter
