// The knowledge corpus: Markdown files in corpus/, one subject a file, each
// "## Heading {#anchor}" a passage with the stable id "file-stem#anchor".
// Loaded once, then immutable; safe to share between threads.
#ifndef SPOTTER_RETRIEVAL_CORPUS_H_
#define SPOTTER_RETRIEVAL_CORPUS_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/string_hash.h"

namespace spotter {

struct Passage {
  std::string id;     // "deadlift-soreness#why"
  std::string title;  // the heading, without the anchor
  std::string text;   // the paragraphs, whitespace collapsed
  std::string file;   // as named on the command line: "corpus/x.md"
  int line = 0;       // of the heading
  int word_count = 0;
  std::string excerpt;  // Excerpt(kExcerptChars), computed once at load

  static constexpr std::size_t kExcerptChars = 200;

  // The first sentences, cut at a word near `max_chars`.
  std::string Excerpt(std::size_t max_chars) const;
};

class Corpus {
 public:
  // Reads every *.md file under `directory` (sorted by path). Problems
  // (unreadable files, invalid UTF-8, duplicate ids, empty passages) are
  // appended; what could be read is kept.
  static Corpus Load(const std::filesystem::path& directory,
                     Diagnostics* diagnostics);

  // Splits one file's text into passages (exposed for tests).
  static std::vector<Passage> Parse(std::string_view markdown,
                                    std::string_view file_stem,
                                    const std::string& file_name,
                                    Diagnostics* diagnostics);

  const Passage* Find(std::string_view id) const;
  const std::vector<Passage>& passages() const { return passages_; }

 private:
  std::vector<Passage> passages_;
  StringMap<std::size_t> by_id_;
};

}  // namespace spotter

#endif  // SPOTTER_RETRIEVAL_CORPUS_H_
