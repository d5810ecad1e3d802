#include "text/lexicon.h"

#include <algorithm>

#include "text/stemmer.h"

namespace spotter {
namespace {

// Concept entries name a word once ("deadlift"); lifters type it inflected
// and misspelt ("deadlifitng"). Typos are corrected towards the regular
// inflections too, keeping only those the stemmer agrees are the same word.
// Returns (word, stem) pairs, so that every stem is computed once.
std::vector<std::pair<std::string, std::string>> WithInflections(
    const std::vector<std::string>& words) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(words.size() * 3);
  for (const std::string& word : words) {
    std::string stem = Stem(word);
    if (word.size() >= 3) {
      const bool ends_in_e = word.back() == 'e';
      const std::string base = ends_in_e ? word.substr(0, word.size() - 1) : word;
      for (std::string form : {word + "s", base + "ing", base + "ed"}) {
        if (Stem(form) == stem) out.emplace_back(std::move(form), stem);
      }
    }
    out.emplace_back(word, std::move(stem));
  }
  return out;
}

bool HasDigit(std::string_view word) {
  for (char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

}  // namespace

Lexicon::Lexicon(StringMap<std::string> rewrites,
                 const std::vector<std::string>& targets,
                 const std::vector<std::string>& known) {
  words_.reserve(rewrites.size() + targets.size() * 3 + known.size());
  for (auto& [from, to] : rewrites) words_[from].rewrite = std::move(to);
  std::vector<std::string> inflected;
  for (auto& [word, stem] : WithInflections(targets)) {
    targets_.insert(word);
    words_[word].is_known = true;
    target_stems_.insert(std::move(stem));
    inflected.push_back(std::move(word));
  }
  for (const std::string& word : known) words_[word].is_known = true;
  typo_index_ = TypoIndex(std::move(inflected));
}

Lexicon::WordInfo Lexicon::Lookup(std::string_view word) const {
  auto it = words_.find(word);
  if (it == words_.end()) return {};
  const Entry& entry = it->second;
  return {entry.rewrite.empty() ? nullptr : &entry.rewrite, entry.is_known};
}

bool Lexicon::IsKnownStem(std::string_view stem) const {
  return target_stems_.find(stem) != target_stems_.end();
}

std::optional<std::string> Lexicon::Correct(std::string_view word,
                                           int max_edits) const {
  if (word.size() < kMinTypoLetters || word.size() > kMaxWordLetters || HasDigit(word)) {
    return std::nullopt;
  }
  const int max_distance =
      std::min(max_edits, word.size() >= kTwoEditLetters ? 2 : 1);
  if (auto nearest = typo_index_.Nearest(word, max_distance)) {
    return std::string(*nearest);
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> Lexicon::Split(
    std::string_view word) const {
  // No target is longer than the typo index takes, so neither half can be.
  if (word.size() < 2 * kMinSplitPartLetters + 1 || word.size() > 2 * kMaxWordLetters ||
      HasDigit(word)) {
    return std::nullopt;
  }
  // Prefer the longest first half: "lowerback" is "lower back", not "low erback".
  for (std::size_t cut = word.size() - kMinSplitPartLetters;
       cut >= kMinSplitPartLetters; --cut) {
    const std::string_view left = word.substr(0, cut);
    const std::string_view right = word.substr(cut);
    if (targets_.find(left) != targets_.end() &&
        targets_.find(right) != targets_.end()) {
      return std::make_pair(std::string(left), std::string(right));
    }
  }
  return std::nullopt;
}

}  // namespace spotter
