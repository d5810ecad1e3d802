#include "bench/synthetic_rules.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace spotter::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Pronounceable made-up words ("kavotem"), so stems and typos behave as on
// real words.
std::string MadeUpWord(std::mt19937* random) {
  static constexpr char kConsonants[] = "bcdfghklmnprstvz";
  static constexpr char kVowels[] = "aeiou";
  std::string word;
  const int syllables = 2 + static_cast<int>((*random)() % 3);
  for (int i = 0; i < syllables; ++i) {
    word += kConsonants[(*random)() % 16];
    word += kVowels[(*random)() % 5];
  }
  word += kConsonants[(*random)() % 16];
  return word;
}

}  // namespace

SyntheticRules WriteSyntheticRules(const fs::path& shipped_rules,
                                   const fs::path& target, int rule_count,
                                   unsigned random_seed) {
  std::mt19937 random(random_seed);
  SyntheticRules out;
  out.rules_dir = target;
  fs::remove_all(target);
  fs::copy(shipped_rules, target, fs::copy_options::recursive);

  const int concept_count = rule_count / 2;
  json concepts = json::object();
  std::vector<std::string> names;
  for (int i = 0; i < concept_count; ++i) {
    const std::string name = "~gen" + std::to_string(i);
    json entries = json::array();
    for (int k = 0; k < 3; ++k) {
      std::string word = MadeUpWord(&random);
      out.words.push_back(word);
      entries.push_back(k == 2 ? word + " " + MadeUpWord(&random) : word);
    }
    concepts[name] = entries;
    names.push_back(name);
  }
  json rules = json::array();
  for (int i = 0; i < rule_count; ++i) {
    rules.push_back({
        {"id", "gen-" + std::to_string(i)},
        {"topic", "pain.general"},
        {"all", {names[random() % names.size()], names[random() % names.size()]}},
        {"any", {names[random() % names.size()], names[random() % names.size()]}},
        {"answer", {{"summary", "Generated rule " + std::to_string(i) + "."},
                    {"hedges", {"This is a generated rule for benchmarks."}}}},
        {"examples", {"generated example " + std::to_string(i)}},
    });
  }
  std::ofstream(target / "generated.json") << json{{"concepts", concepts}, {"rules", rules}}.dump(1);
  return out;
}

std::string SyntheticMessage(const std::vector<std::string>& words,
                             std::mt19937* random) {
  static const std::vector<std::string> kReal = {
      "my", "lower", "back", "hurts", "after", "deadlifts", "and", "the", "pain",
      "is", "worse", "on", "heavy", "days", "sore", "knee", "squat"};
  std::string message;
  const int length = 8 + static_cast<int>((*random)() % 10);
  for (int i = 0; i < length; ++i) {
    message += (*random)() % 3 == 0 ? words[(*random)() % words.size()]
                                    : kReal[(*random)() % kReal.size()];
    message += ' ';
  }
  return message;
}

}  // namespace spotter::bench
