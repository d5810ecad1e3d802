// Concepts are stored as their direct terms plus the names they nest. Resolve
// walks the nesting depth-first with the usual three colours (unvisited, on
// the current path, done); meeting a concept that is on the path is a cycle,
// reported with the path. The flattened membership is then inverted into
// term -> concepts, which is what the matcher needs: one term hit becomes a
// hit of every concept that contains the term.
#include "concepts/concept_table.h"

#include <algorithm>

#include <fmt/format.h>

namespace spotter {
namespace {

using nlohmann::json;

bool IsValidConceptName(std::string_view name) {
  if (name.size() < 2 || name[0] != '~') return false;
  return std::all_of(name.begin() + 1, name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string TermKey(const Term& term) {
  std::string key;
  switch (term.kind) {
    case TermKind::kWord: key = "w:"; break;
    case TermKind::kPhrase: key = "p:"; break;
    case TermKind::kPrefix: key = "x:"; break;
    case TermKind::kPattern: return "r:" + term.pattern;
  }
  for (const std::string& stem : term.stems) key += stem + " ";
  return key;
}

}  // namespace

TermId ConceptTable::InternTerm(Term term) {
  std::string key = TermKey(term);
  if (auto it = term_by_key_.find(key); it != term_by_key_.end()) {
    return it->second;
  }
  const auto id = static_cast<TermId>(terms_.size());
  terms_.push_back(std::move(term));
  term_by_key_.emplace(std::move(key), id);
  return id;
}

void ConceptTable::ParseEntry(Concept* concept_entry, std::string_view entry,
                              const Normalizer& normalizer,
                              const JsonDocument& document,
                              const json::json_pointer& where,
                              Diagnostics* diagnostics) {
  if (!entry.empty() && entry[0] == '~') {
    concept_entry->nested.emplace_back(entry);
    concept_entry->nested_lines.push_back(document.LineOf(where));
    return;
  }
  const bool is_prefix = !entry.empty() && entry.back() == '*';
  if (is_prefix) entry.remove_suffix(1);
  NormalizedText text = normalizer.Normalize(entry);
  std::erase_if(text.tokens, [](const Token& t) { return t.is_break; });
  if (text.tokens.empty()) {
    diagnostics->push_back(document.At(
        where, fmt::format("entry \"{}\" of {} has no words", entry,
                           concept_entry->name)));
    return;
  }
  Term term;
  if (is_prefix) {
    if (text.tokens.size() != 1) {
      diagnostics->push_back(document.At(
          where, fmt::format("prefix entry \"{}*\" of {} must be one word",
                             entry, concept_entry->name)));
      return;
    }
    const Token& token = text.tokens[0];
    // Match against stems: use the stem when it is still a prefix of the
    // word ("pulling*" -> "pull"), else the word as written ("hypertroph*").
    const bool stem_is_prefix = token.word.starts_with(token.stem);
    term.kind = TermKind::kPrefix;
    term.stems = {stem_is_prefix ? token.stem : token.word};
  } else {
    term.kind = text.tokens.size() == 1 ? TermKind::kWord : TermKind::kPhrase;
    for (const Token& token : text.tokens) {
      term.stems.push_back(token.stem);
      entry_words_.push_back(token.word);
    }
  }
  concept_entry->terms.push_back(InternTerm(std::move(term)));
}

void ConceptTable::AddDocument(const JsonDocument& document,
                               const Normalizer& normalizer,
                               Diagnostics* diagnostics) {
  const json& root = document.root();
  if (!root.is_object() || !root.contains("concepts")) return;
  const json::json_pointer base("/concepts");
  const json& concepts = root["concepts"];
  if (!concepts.is_object()) {
    diagnostics->push_back(document.At(base, "\"concepts\" must be an object"));
    return;
  }
  for (const auto& [name, entries] : concepts.items()) {
    const json::json_pointer where = base / name;
    if (!IsValidConceptName(name)) {
      diagnostics->push_back(document.At(
          where, fmt::format("concept name \"{}\" must be ~ followed by "
                             "lower-case letters, digits or _", name)));
      continue;
    }
    if (auto it = by_name_.find(name); it != by_name_.end()) {
      const Concept& first = concepts_[it->second];
      diagnostics->push_back(document.At(
          where, fmt::format("concept {} is already defined at {}:{}", name,
                             first.file, first.line)));
      continue;
    }
    if (!entries.is_array()) {
      diagnostics->push_back(document.At(
          where, fmt::format("concept {} must be a list of entries", name)));
      continue;
    }
    Concept concept_entry;
    concept_entry.name = name;
    concept_entry.is_idiom = name.starts_with("~idiom_");
    concept_entry.file = document.file();
    concept_entry.line = document.LineOf(where);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].is_string()) {
        diagnostics->push_back(document.At(
            where / i, fmt::format("entries of {} must be strings", name)));
        continue;
      }
      ParseEntry(&concept_entry, entries[i].get<std::string>(), normalizer,
                 document, where / i, diagnostics);
    }
    by_name_.emplace(name, static_cast<ConceptId>(concepts_.size()));
    concepts_.push_back(std::move(concept_entry));
  }
}

ConceptId ConceptTable::AddPattern(std::string name, std::string pattern) {
  Concept concept_entry;
  concept_entry.name = std::move(name);
  concept_entry.is_pattern = true;
  Term term;
  term.kind = TermKind::kPattern;
  term.pattern = std::move(pattern);
  concept_entry.terms.push_back(InternTerm(std::move(term)));
  const auto id = static_cast<ConceptId>(concepts_.size());
  concepts_.push_back(std::move(concept_entry));
  return id;
}

void ConceptTable::Resolve(Diagnostics* diagnostics) {
  enum class Mark { kUnvisited, kOnPath, kDone };
  std::vector<Mark> marks(concepts_.size(), Mark::kUnvisited);
  std::vector<std::vector<TermId>> flat(concepts_.size());
  std::vector<ConceptId> path;

  // Returns the flattened terms of `id`, reporting what it cannot resolve.
  auto visit = [&](auto&& self, ConceptId id) -> void {
    marks[id] = Mark::kOnPath;
    path.push_back(id);
    Concept& c = concepts_[id];
    flat[id] = c.terms;
    for (std::size_t i = 0; i < c.nested.size(); ++i) {
      auto found = by_name_.find(c.nested[i]);
      if (found == by_name_.end()) {
        diagnostics->push_back({c.file, c.nested_lines[i],
                                fmt::format("unknown concept {} in {}",
                                            c.nested[i], c.name)});
        continue;
      }
      const ConceptId child = found->second;
      if (marks[child] == Mark::kOnPath) {
        std::string cycle;
        auto start = std::find(path.begin(), path.end(), child);
        for (auto it = start; it != path.end(); ++it) {
          cycle += concepts_[*it].name + " -> ";
        }
        diagnostics->push_back({c.file, c.nested_lines[i],
                                "concept cycle: " + cycle + c.nested[i]});
        continue;
      }
      if (marks[child] == Mark::kUnvisited) self(self, child);
      flat[id].insert(flat[id].end(), flat[child].begin(), flat[child].end());
    }
    std::sort(flat[id].begin(), flat[id].end());
    flat[id].erase(std::unique(flat[id].begin(), flat[id].end()), flat[id].end());
    path.pop_back();
    marks[id] = Mark::kDone;
  };
  for (ConceptId id = 0; id < concepts_.size(); ++id) {
    if (marks[id] == Mark::kUnvisited) visit(visit, id);
  }

  term_concepts_.assign(terms_.size(), {});
  for (ConceptId id = 0; id < concepts_.size(); ++id) {
    for (TermId term : flat[id]) term_concepts_[term].push_back(id);
  }
}

std::optional<ConceptId> ConceptTable::Find(std::string_view name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ConceptTable::EntryWords() const {
  std::vector<std::string> words = entry_words_;
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace spotter
