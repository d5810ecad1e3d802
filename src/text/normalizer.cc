// Normalisation runs in one pass over the folded text. A word is a run of
// letters, digits and non-ASCII letters; an apostrophe between letters stays
// in the word so that contractions can be expanded as a whole, and a dot
// between digits stays so that "2.5" is one word. Clause punctuation becomes a
// break token, because negation scope ends there. Everything else separates.
//
// Each word then goes through contraction expansion (in code: the English
// rules are few and fixed), lexicon rewrites (data: spelling variants and
// slang), and, if still unknown, splitting and typo correction. The stem is
// computed last, from the corrected word.
#include "text/normalizer.h"

#include <algorithm>
#include <atomic>

#include "text/character_folder.h"
#include "text/stemmer.h"

namespace spotter {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBreak(char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == '(' || c == ')' || c == '\n';
}

// "it's" is "it is", but "back's" is a possessive: the 's goes.
bool TakesIsContraction(std::string_view base) {
  static constexpr std::string_view kPronouns[] = {
      "it", "that", "what", "there", "here", "he", "she", "who", "where",
      "how", "when", "everything", "nothing", "something", "this"};
  return std::find(std::begin(kPronouns), std::end(kPronouns), base) !=
         std::end(kPronouns);
}

// Splits "can't" into {"can", "not"}, "i'm" into {"i", "am"}; a word without
// an apostrophe comes back alone.
std::vector<std::string> ExpandContraction(std::string_view raw) {
  const std::size_t apostrophe = raw.rfind('\'');
  if (apostrophe == std::string_view::npos) return {std::string(raw)};
  const std::string base(raw.substr(0, apostrophe));
  const std::string_view suffix = raw.substr(apostrophe + 1);
  if (suffix == "t" && !base.empty() && base.back() == 'n') {
    if (base == "can" || base == "ca") return {"can", "not"};
    if (base == "won" || base == "wo") return {"will", "not"};
    if (base == "shan") return {"shall", "not"};
    if (base == "ain") return {"is", "not"};
    return {base.substr(0, base.size() - 1), "not"};
  }
  if (suffix == "m") return {base, "am"};
  if (suffix == "re") return {base, "are"};
  if (suffix == "ve") return {base, "have"};
  if (suffix == "ll") return {base, "will"};
  if (suffix == "d") return {base, "would"};
  if (suffix == "s") {
    if (base == "let") return {"let", "us"};
    if (TakesIsContraction(base)) return {base, "is"};
    return {base};
  }
  std::string joined = base;  // "o'clock"
  joined.append(suffix);
  return {joined};
}

// What each thread remembers of the words it has normalised: the tokens a
// word became. Typo correction of an unknown word tries hundreds of
// candidate spellings, and stemming a known one is not free; words repeat
// across messages (the same lifts, the same misspellings), so most words
// cost one lookup. Per thread, so that threads never wait on each other;
// bounded, and cleared for another normalizer (a reload) or when full.
struct RememberedWords {
  static constexpr std::size_t kMaxWords = 16384;
  static constexpr std::size_t kMaxWordBytes = 32;  // so at most a few MB a thread
  std::uint64_t normalizer_id = 0;
  StringMap<std::vector<Token>> words;
};

RememberedWords& RememberedOnThisThread(std::uint64_t normalizer_id) {
  thread_local RememberedWords remembered;
  if (remembered.normalizer_id != normalizer_id || remembered.words.size() >= remembered.kMaxWords) {
    remembered.words.clear();
    remembered.normalizer_id = normalizer_id;
  }
  return remembered;
}

std::uint64_t NewNormalizerId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

Normalizer::Normalizer(const Lexicon& lexicon, bool correct_typos)
    : lexicon_(&lexicon), correct_typos_(correct_typos), id_(NewNormalizerId()) {}

std::size_t NormalizedText::TokenAt(std::size_t offset) const {
  auto it = std::upper_bound(offsets.begin(), offsets.end(), offset);
  return it == offsets.begin() ? 0 : static_cast<std::size_t>(it - offsets.begin()) - 1;
}

std::string NormalizedText::Words() const {
  std::string out;
  for (const Token& token : tokens) {
    if (!out.empty() && !token.is_break) out.push_back(' ');
    out.append(token.word);
  }
  return out;
}

void Normalizer::AddWord(std::string word, std::string stem, std::string typed,
                         NormalizedText* out) const {
  Token token;
  token.stem = stem.empty() ? Stem(word) : std::move(stem);
  token.word = std::move(word);
  token.typed = std::move(typed);
  out->tokens.push_back(std::move(token));
}

void Normalizer::AddRawWord(std::string_view raw, NormalizedText* out) const {
  if (raw.find('\'') == std::string_view::npos) {
    AddExpandedWord(raw, out);  // the common case: no contraction to expand
    return;
  }
  for (const std::string& expanded : ExpandContraction(raw)) {
    AddExpandedWord(expanded, out);
  }
}

void Normalizer::AddExpandedWord(std::string_view expanded, NormalizedText* out) const {
  // Long "words" are rare and would let one message fill memory: they are
  // worked out each time.
  if (expanded.size() > RememberedWords::kMaxWordBytes) return ExpandWord(expanded, out);
  RememberedWords& remembered = RememberedOnThisThread(id_);
  auto it = remembered.words.find(expanded);
  if (it == remembered.words.end()) {
    NormalizedText worked_out;
    ExpandWord(expanded, &worked_out);
    it = remembered.words.emplace(std::string(expanded), std::move(worked_out.tokens)).first;
  }
  out->tokens.insert(out->tokens.end(), it->second.begin(), it->second.end());
}

void Normalizer::ExpandWord(std::string_view expanded, NormalizedText* out) const {
  std::string_view words = expanded;
  const Lexicon::WordInfo info = lexicon_->Lookup(expanded);
  if (info.rewrite != nullptr) words = *info.rewrite;
  // A rewrite may be several words ("gonna" -> "going to").
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    std::string word(words.substr(start, end - start));
    start = end + 1;
    if (word.empty()) continue;
    // The common case, one word that needs no rewrite, reuses the lookup.
    const bool is_known = info.rewrite == nullptr ? info.is_known
                                                  : lexicon_->IsKnown(word);
    if (!correct_typos_ || is_known) {
      AddWord(std::move(word), "", "", out);
      continue;
    }
    std::string stem = Stem(word);
    // One edit from a rule word is likelier a typo than a run-together pair
    // ("forarm" is "forearm", not "for arm"); two edits are less sure than a
    // clean split ("lowerback").
    if (lexicon_->IsKnownStem(stem)) {
      AddWord(std::move(word), std::move(stem), "", out);
    } else if (auto close = lexicon_->Correct(word, 1)) {
      AddWord(std::move(*close), "", std::move(word), out);
    } else if (auto halves = lexicon_->Split(word)) {
      AddWord(std::move(halves->first), "", word, out);
      AddWord(std::move(halves->second), "", word, out);
    } else if (auto corrected = lexicon_->Correct(word)) {
      AddWord(std::move(*corrected), "", std::move(word), out);
    } else {
      AddWord(std::move(word), std::move(stem), "", out);
    }
  }
}

NormalizedText Normalizer::Normalize(std::string_view text) const {
  const std::string folded = FoldCharacters(text);
  NormalizedText out;
  out.tokens.reserve(folded.size() / 4 + 4);  // about one word in 5 bytes
  std::size_t i = 0;
  while (i < folded.size()) {
    const char c = folded[i];
    if (IsWordByte(c)) {
      const std::size_t start = i;
      while (i < folded.size()) {
        const char d = folded[i];
        const bool inner = i + 1 < folded.size() && i > start;
        if (IsWordByte(d)) {
          ++i;
        } else if (d == '\'' && inner && IsLetter(folded[i - 1]) &&
                   IsLetter(folded[i + 1])) {
          ++i;
        } else if (d == '.' && inner && IsDigit(folded[i - 1]) &&
                   IsDigit(folded[i + 1])) {
          ++i;
        } else {
          break;
        }
      }
      AddRawWord(std::string_view(folded).substr(start, i - start), &out);
      continue;
    }
    if (IsBreak(c) && !(out.tokens.empty() || out.tokens.back().is_break)) {
      Token token;
      token.word = std::string(1, c == '\n' ? '.' : c);
      token.stem = token.word;
      token.is_break = true;
      out.tokens.push_back(std::move(token));
    }
    ++i;
  }
  out.offsets.reserve(out.tokens.size());
  for (const Token& token : out.tokens) {
    if (!out.match_line.empty()) out.match_line.push_back(' ');
    out.offsets.push_back(static_cast<std::uint32_t>(out.match_line.size()));
    out.match_line.append(token.stem);
  }
  return out;
}

}  // namespace spotter
