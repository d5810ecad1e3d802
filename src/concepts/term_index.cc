// Why one set and then a second, narrower pass: RE2::Set reports which
// patterns matched but not where, and the rules need positions (negation
// scope, clause boundaries). The set turns a message into a short list of
// present terms in one linear DFA scan; locating those terms is then one walk
// over the tokens with a hash lookup per token (words and phrases by their
// first stem), plus a scan per matched prefix or pattern term, which are few.
// Patterns are kept to words and phrases (the loader rejects unbounded .*)
// because a set of plain alternatives keeps the DFA small and warm.
#include "concepts/term_index.h"

#include <algorithm>

#include <fmt/format.h>

namespace spotter {

TermIndex::TermIndex(const re2::RE2::Options& options)
    : set_(options, re2::RE2::UNANCHORED) {}

std::string TermIndex::ToRegex(const Term& term) {
  switch (term.kind) {
    case TermKind::kWord:
      return "\\b" + re2::RE2::QuoteMeta(term.stems[0]) + "\\b";
    case TermKind::kPhrase: {
      std::string regex = "\\b";
      for (std::size_t i = 0; i < term.stems.size(); ++i) {
        if (i > 0) regex += " ";
        regex += re2::RE2::QuoteMeta(term.stems[i]);
      }
      return regex + "\\b";
    }
    case TermKind::kPrefix:
      return "\\b" + re2::RE2::QuoteMeta(term.stems[0]);
    case TermKind::kPattern:
      return term.pattern;
  }
  return term.pattern;
}

std::unique_ptr<TermIndex> TermIndex::Build(const std::vector<Term>& terms,
                                            std::int64_t max_memory_bytes,
                                            Diagnostics* diagnostics) {
  re2::RE2::Options options;
  options.set_max_mem(max_memory_bytes);
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  std::unique_ptr<TermIndex> index(new TermIndex(options));
  index->terms_ = terms;
  for (TermId id = 0; id < terms.size(); ++id) {
    const Term& term = terms[id];
    std::string error;
    const int slot = index->set_.Add(ToRegex(term), &error);
    if (slot != static_cast<int>(id)) {
      diagnostics->push_back(
          {"", 0, fmt::format("pattern /{}/ does not compile: {}",
                              ToRegex(term), error)});
      return nullptr;
    }
    switch (term.kind) {
      case TermKind::kWord:
      case TermKind::kPhrase:
        index->by_first_stem_[term.stems[0]].push_back(id);
        break;
      case TermKind::kPrefix:
        index->prefixes_.push_back(id);
        break;
      case TermKind::kPattern:
        index->patterns_.push_back(id);
        index->pattern_regexes_.push_back(
            std::make_unique<re2::RE2>(term.pattern, options));
        break;
    }
  }
  if (!index->set_.Compile()) {
    diagnostics->push_back(
        {"", 0, fmt::format("the {} rule terms do not fit in the term set's "
                            "memory budget of {} bytes; raise it",
                            terms.size(), max_memory_bytes)});
    return nullptr;
  }
  return index;
}

void TermIndex::LocateWordsAndPhrases(const NormalizedText& text,
                                      const std::vector<bool>& matched,
                                      std::vector<TermHit>* hits) const {
  const std::vector<Token>& tokens = text.tokens;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_break) continue;
    auto found = by_first_stem_.find(tokens[i].stem);
    if (found == by_first_stem_.end()) continue;
    for (TermId id : found->second) {
      if (!matched[id]) continue;
      const std::vector<std::string>& stems = terms_[id].stems;
      if (i + stems.size() > tokens.size()) continue;
      bool same = true;
      for (std::size_t k = 1; k < stems.size() && same; ++k) {
        same = tokens[i + k].stem == stems[k];
      }
      if (same) {
        hits->push_back({id, i, static_cast<std::uint32_t>(i + stems.size())});
      }
    }
  }
  for (TermId id : prefixes_) {
    if (!matched[id]) continue;
    const std::string& prefix = terms_[id].stems[0];
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].is_break && tokens[i].stem.starts_with(prefix)) {
        hits->push_back({id, i, i + 1});
      }
    }
  }
}

void TermIndex::LocatePattern(TermId id, const NormalizedText& text,
                              std::vector<TermHit>* hits) const {
  const auto slot = static_cast<std::size_t>(
      std::lower_bound(patterns_.begin(), patterns_.end(), id) -
      patterns_.begin());
  const re2::RE2& regex = *pattern_regexes_[slot];
  const re2::StringPiece line(text.match_line);
  std::size_t start = 0;
  re2::StringPiece match;
  while (start <= line.size() &&
         regex.Match(line, start, line.size(), re2::RE2::UNANCHORED, &match, 1)) {
    const auto begin = static_cast<std::size_t>(match.data() - line.data());
    const std::size_t end = begin + match.size();
    const auto first = static_cast<std::uint32_t>(text.TokenAt(begin));
    const auto last = static_cast<std::uint32_t>(
        text.TokenAt(end > begin ? end - 1 : begin));
    hits->push_back({id, first, last + 1});
    start = end > begin ? end : end + 1;
  }
}

std::vector<TermHit> TermIndex::Scan(const NormalizedText& text) const {
  if (text.tokens.empty()) return {};
  std::vector<int> matched_ids;
  re2::RE2::Set::ErrorInfo error_info{re2::RE2::Set::kNoError};
  if (!set_.Match(text.match_line, &matched_ids, &error_info)) {
    if (error_info.kind != re2::RE2::Set::kOutOfMemory) return {};
    // Never read "out of memory" as "no match": that would hide red flags.
    out_of_memory_count_.fetch_add(1, std::memory_order_relaxed);
    return ScanWithoutSet(text);
  }
  std::vector<bool> matched(terms_.size(), false);
  for (int id : matched_ids) matched[static_cast<std::size_t>(id)] = true;
  return Locate(text, matched);
}

std::vector<TermHit> TermIndex::ScanWithoutSet(const NormalizedText& text) const {
  return Locate(text, std::vector<bool>(terms_.size(), true));
}

std::vector<TermHit> TermIndex::Locate(const NormalizedText& text,
                                       const std::vector<bool>& matched) const {
  std::vector<TermHit> hits;
  LocateWordsAndPhrases(text, matched, &hits);
  for (TermId id : patterns_) {
    if (matched[id]) LocatePattern(id, text, &hits);
  }
  return hits;
}

}  // namespace spotter
