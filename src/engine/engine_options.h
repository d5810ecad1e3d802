// Where the engine's data lives and the limits it enforces. Every limit has
// its unit in its name and its home here.
#ifndef SPOTTER_ENGINE_ENGINE_OPTIONS_H_
#define SPOTTER_ENGINE_ENGINE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace spotter {

struct EngineOptions {
  std::filesystem::path rules_dir = "rules";
  std::filesystem::path corpus_dir = "corpus";
  // Longer messages are refused with too_large. The server's own limit (4,000
  // characters) is lower; this one keeps the CLI and benchmarks bounded.
  std::size_t max_message_bytes = 256 * 1024;
  // Memory for the compiled term set and its DFA cache. The shipped rules
  // need well under 1 MiB; 10,000 generated rules about 40 MiB.
  std::int64_t term_set_memory_bytes = std::int64_t{128} << 20;
};

}  // namespace spotter

#endif  // SPOTTER_ENGINE_ENGINE_OPTIONS_H_
