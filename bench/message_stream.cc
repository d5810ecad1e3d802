#include "bench/message_stream.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

namespace spotter::bench {

MessageStream::MessageStream(std::vector<std::string> seeds, unsigned random_seed)
    : seeds_(std::move(seeds)), random_(random_seed) {}

std::vector<std::string> MessageStream::ReadTexts(const std::string& path) {
  std::vector<std::string> texts;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto value = nlohmann::json::parse(line, nullptr, false);
    if (value.is_object() && value.contains("text") && value["text"].is_string()) {
      texts.push_back(value["text"].get<std::string>());
    }
  }
  if (texts.empty()) {
    texts = {"my lower back is sore after heavy deadlifts",
             "forearm hurts on chin-ups with a supinated grip",
             "how do I get my squat up", "numb groin after deadlifts",
             "no numbness, just sore after deadlifts"};
  }
  return texts;
}

std::string MessageStream::Next() {
  std::string text = seeds_[random_() % seeds_.size()];
  // Rotate the clauses: "a, b. c" becomes "b. c, a".
  std::vector<std::string> clauses;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',' || text[i] == '.' || text[i] == '?') {
      clauses.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  clauses.push_back(text.substr(start));
  if (clauses.size() > 1 && random_() % 2 == 0) {
    std::rotate(clauses.begin(), clauses.begin() + 1, clauses.end());
    text.clear();
    for (const std::string& clause : clauses) text += clause + " ";
  }
  // One typo in a word of five letters or more.
  std::vector<std::size_t> long_word_starts;
  for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
    const bool starts = i == 0 || !std::isalpha(static_cast<unsigned char>(text[i - 1]));
    if (starts && std::all_of(text.begin() + static_cast<long>(i),
                              text.begin() + static_cast<long>(i) + 5,
                              [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      long_word_starts.push_back(i);
    }
  }
  if (!long_word_starts.empty()) {
    const std::size_t at = long_word_starts[random_() % long_word_starts.size()] +
                           1 + random_() % 3;
    switch (random_() % 3) {
      case 0: text.erase(at, 1); break;
      case 1: std::swap(text[at], text[at + 1]); break;
      default: text[at] = static_cast<char>('a' + random_() % 26); break;
    }
  }
  if (random_() % 8 == 0) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  return text;
}

std::string MessageStream::OfLength(std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) text += Next() + " ";
  text.resize(bytes);
  return text;
}

}  // namespace spotter::bench
