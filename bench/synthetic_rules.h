// Writes a large generated rule set for scale benchmarks: the shipped rules
// (for topics, fallbacks and safety) plus `rule_count` generated topic rules
// over generated concepts, whose words also appear in generated messages.
#ifndef SPOTTER_BENCH_SYNTHETIC_RULES_H_
#define SPOTTER_BENCH_SYNTHETIC_RULES_H_

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace spotter::bench {

struct SyntheticRules {
  std::filesystem::path rules_dir;
  std::vector<std::string> words;  // the generated vocabulary
};

// Copies `shipped_rules` into `target` and adds rules/generated.json.
SyntheticRules WriteSyntheticRules(const std::filesystem::path& shipped_rules,
                                   const std::filesystem::path& target,
                                   int rule_count, unsigned random_seed);

// A message mixing generated words with real training words.
std::string SyntheticMessage(const std::vector<std::string>& words,
                             std::mt19937* random);

}  // namespace spotter::bench

#endif  // SPOTTER_BENCH_SYNTHETIC_RULES_H_
