#include "text/stemmer.h"

#include <libstemmer.h>

#include <memory>

#include "base/string_hash.h"

namespace spotter {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

sb_stemmer* ThreadStemmer() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

constexpr std::size_t kStemCacheEntries = 1 << 16;
constexpr std::size_t kMaxCachedWordBytes = 32;  // bounds the cache's memory

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

}  // namespace

std::string Stem(std::string_view word) {
  // Short words and numbers stem to themselves or to noise ("10s" -> "10").
  if (word.size() < 3 || HasDigit(word)) return std::string(word);
  // Lifters reuse a small vocabulary, and the stemmer costs about as much as
  // the rest of normalisation, so each thread remembers recent stems. The
  // cache is dropped whole when full: simple, and bounded.
  thread_local StringMap<std::string> cache;
  const bool cacheable = word.size() <= kMaxCachedWordBytes;
  if (cacheable) {
    if (auto it = cache.find(word); it != cache.end()) return it->second;
  }
  sb_stemmer* stemmer = ThreadStemmer();
  if (stemmer == nullptr) return std::string(word);
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (stemmed == nullptr) return std::string(word);  // out of memory
  std::string stem(reinterpret_cast<const char*>(stemmed),
                   static_cast<std::size_t>(sb_stemmer_length(stemmer)));
  if (!cacheable) return stem;
  if (cache.size() >= kStemCacheEntries) cache.clear();
  cache.emplace(word, stem);
  return stem;
}

}  // namespace spotter
