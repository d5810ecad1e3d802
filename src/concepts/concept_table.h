// The named synonym sets of rules/ ("~deadlift": ["deadlift", "deads",
// "~rdl"]), flattened to the terms the scanner looks for. Entries are words
// (matched by stem), phrases, prefixes ("chin*") or other concepts (nesting);
// nesting cycles and unknown names are reported. Rule patterns are registered
// here too, as anonymous one-term concepts, so that everything the scanner
// finds is a concept hit. Built once by the loader, then immutable.
#ifndef SPOTTER_CONCEPTS_CONCEPT_TABLE_H_
#define SPOTTER_CONCEPTS_CONCEPT_TABLE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/json_document.h"
#include "base/string_hash.h"
#include "concepts/term.h"
#include "text/normalizer.h"

namespace spotter {

class ConceptTable {
 public:
  // Reads the "concepts" object of `document`, normalising entries with
  // `normalizer` (rewrites, no typo correction). Problems are appended.
  void AddDocument(const JsonDocument& document, const Normalizer& normalizer,
                   Diagnostics* diagnostics);

  // Registers a rule's regular expression as a concept of its own; returns
  // its id. The pattern must already be known to compile.
  ConceptId AddPattern(std::string name, std::string pattern);

  // Resolves nesting after every document was added: reports unknown
  // concepts and cycles ("~a -> ~b -> ~a"), and computes which concepts each
  // term belongs to. Call once.
  void Resolve(Diagnostics* diagnostics);

  std::optional<ConceptId> Find(std::string_view name) const;
  const std::string& Name(ConceptId id) const { return concepts_[id].name; }
  std::size_t size() const { return concepts_.size(); }
  bool IsPattern(ConceptId id) const { return concepts_[id].is_pattern; }
  // Whether the concept is an idiom ("~idiom_fed_up": "sick of", "tired
  // of"): its words mean the idiom, so the matcher drops other concepts'
  // hits inside it ("sick" in "sick of" is not illness).
  bool IsIdiom(ConceptId id) const { return concepts_[id].is_idiom; }

  const std::vector<Term>& terms() const { return terms_; }
  // After Resolve: for each term, every concept containing it (directly or
  // through nesting), in ascending order.
  const std::vector<std::vector<ConceptId>>& term_concepts() const {
    return term_concepts_;
  }
  // Every word used in a word or phrase entry, as written (folded): the
  // vocabulary typos are corrected towards.
  std::vector<std::string> EntryWords() const;

 private:
  struct Concept {
    std::string name;
    std::string file;
    int line = 0;
    bool is_pattern = false;
    bool is_idiom = false;  // named "~idiom_..."
    std::vector<TermId> terms;              // direct entries
    std::vector<std::string> nested;        // "~other" entries
    std::vector<int> nested_lines;
  };

  TermId InternTerm(Term term);
  void ParseEntry(Concept* concept_entry, std::string_view entry,
                  const Normalizer& normalizer, const JsonDocument& document,
                  const nlohmann::json::json_pointer& where,
                  Diagnostics* diagnostics);

  std::vector<Concept> concepts_;
  StringMap<ConceptId> by_name_;
  std::vector<Term> terms_;
  StringMap<TermId> term_by_key_;
  std::vector<std::string> entry_words_;
  std::vector<std::vector<ConceptId>> term_concepts_;
};

}  // namespace spotter

#endif  // SPOTTER_CONCEPTS_CONCEPT_TABLE_H_
