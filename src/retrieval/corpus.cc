#include "retrieval/corpus.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/utf8.h"

namespace spotter {
namespace {

namespace fs = std::filesystem;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// "Why the Low Back Gets Sore!" -> "why-the-low-back-gets-sore".
std::string Slug(std::string_view heading) {
  std::string slug;
  for (char c : heading) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

bool IsValidAnchor(std::string_view anchor) {
  return !anchor.empty() &&
         std::all_of(anchor.begin(), anchor.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_';
         });
}

int CountWords(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool is_space = c == ' ';
    if (!is_space && !in_word) ++words;
    in_word = !is_space;
  }
  return words;
}

}  // namespace

std::string Passage::Excerpt(std::size_t max_chars) const {
  if (text.size() <= max_chars) return text;
  std::string_view cut = TruncateUtf8(text, max_chars);
  const std::size_t space = cut.rfind(' ');
  if (space != std::string_view::npos && space > max_chars / 2) {
    cut = cut.substr(0, space);
  }
  return std::string(cut) + "...";
}

std::vector<Passage> Corpus::Parse(std::string_view markdown,
                                   std::string_view file_stem,
                                   const std::string& file_name,
                                   Diagnostics* diagnostics) {
  std::vector<Passage> passages;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= markdown.size()) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = Trim(markdown.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.starts_with("## ")) {
      Passage passage;
      std::string_view heading = Trim(line.substr(3));
      std::string anchor;
      if (heading.ends_with("}")) {
        const std::size_t open = heading.rfind("{#");
        if (open != std::string_view::npos) {
          anchor = std::string(heading.substr(open + 2, heading.size() - open - 3));
          heading = Trim(heading.substr(0, open));
        }
      }
      if (anchor.empty()) anchor = Slug(heading);
      if (!IsValidAnchor(anchor)) {
        diagnostics->push_back({file_name, line_number, fmt::format(
            "anchor \"{}\" may only use a-z, 0-9, - and _", anchor)});
      }
      passage.id = fmt::format("{}#{}", file_stem, anchor);
      passage.title = std::string(heading);
      passage.file = file_name;
      passage.line = line_number;
      passages.push_back(std::move(passage));
    } else if (line.starts_with("# ") || passages.empty()) {
      continue;  // the file's title, or an introduction before any passage
    } else if (!line.empty()) {
      std::string& text = passages.back().text;
      if (!text.empty()) text.push_back(' ');
      text.append(line);
    }
    if (end == markdown.size()) break;
  }
  for (Passage& passage : passages) {
    passage.word_count = CountWords(passage.text);
    passage.excerpt = passage.Excerpt(Passage::kExcerptChars);
    if (passage.text.empty()) {
      diagnostics->push_back({file_name, passage.line,
                              fmt::format("passage {} has no text", passage.id)});
    }
  }
  return passages;
}

Corpus Corpus::Load(const fs::path& directory, Diagnostics* diagnostics) {
  Corpus corpus;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    diagnostics->push_back({directory.string(), 0,
                            "corpus directory not found or not readable"});
    return corpus;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".md") {
      files.push_back(it->path());
    }
  }
  if (error) {
    diagnostics->push_back({directory.string(), 0,
                            "cannot list the corpus: " + error.message()});
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (!in) {
      diagnostics->push_back({path.string(), 0, "cannot read the file"});
      continue;
    }
    if (auto bad = FindInvalidUtf8(text)) {
      diagnostics->push_back({path.string(), 0, fmt::format(
          "invalid UTF-8 at byte {}", *bad)});
      continue;
    }
    for (Passage& passage :
         Parse(text, path.stem().string(), path.string(), diagnostics)) {
      if (auto it = corpus.by_id_.find(passage.id); it != corpus.by_id_.end()) {
        const Passage& first = corpus.passages_[it->second];
        diagnostics->push_back({passage.file, passage.line, fmt::format(
            "passage id {} is already used at {}:{}", passage.id, first.file,
            first.line)});
        continue;
      }
      corpus.by_id_.emplace(passage.id, corpus.passages_.size());
      corpus.passages_.push_back(std::move(passage));
    }
  }
  return corpus;
}

const Passage* Corpus::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &passages_[it->second];
}

}  // namespace spotter
