// An endless stream of user messages for benchmarks, never repeating one:
// each is a labelled dev-set text with fresh damage (a typo in a long word,
// clauses rotated, case changed), so the matcher never sees a warm repeat of
// the text it was measured on.
#ifndef SPOTTER_BENCH_MESSAGE_STREAM_H_
#define SPOTTER_BENCH_MESSAGE_STREAM_H_

#include <random>
#include <string>
#include <vector>

namespace spotter::bench {

class MessageStream {
 public:
  // `seeds`: the texts variants are made from; must not be empty.
  MessageStream(std::vector<std::string> seeds, unsigned random_seed);

  // The texts of a JSON-lines file's "text" fields (shared/eval format), or
  // a built-in handful when the file cannot be read.
  static std::vector<std::string> ReadTexts(const std::string& path);

  std::string Next();

  // Several variants joined until the message is at least `bytes` long.
  std::string OfLength(std::size_t bytes);

 private:
  std::vector<std::string> seeds_;
  std::mt19937 random_;
};

}  // namespace spotter::bench

#endif  // SPOTTER_BENCH_MESSAGE_STREAM_H_
