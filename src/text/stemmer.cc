#include "text/stemmer.h"

#include <libstemmer.h>

#include <memory>

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

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

}  // namespace

std::string Stem(std::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer();
  // Short words and numbers stem to themselves or to noise ("10s" -> "10").
  if (stemmer == nullptr || word.size() < 3 || HasDigit(word)) {
    return std::string(word);
  }
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
      static_cast<int>(word.size()));
  if (stemmed == nullptr) return std::string(word);  // out of memory
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace spotter
