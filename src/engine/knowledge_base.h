// Everything loaded from rules/ and corpus/, wired together: lexicon,
// normaliser, concepts and their term index, rules and scorers, the corpus
// and its indexes, and the composer. Internal to the engine (the CLI and
// server see engine.h only). Built once by Load, never changed afterwards,
// and shared between threads; members point at each other, so it never
// moves.
#ifndef SPOTTER_ENGINE_KNOWLEDGE_BASE_H_
#define SPOTTER_ENGINE_KNOWLEDGE_BASE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/string_hash.h"
#include "compose/composer.h"
#include "concepts/concept_matcher.h"
#include "concepts/concept_table.h"
#include "concepts/negation.h"
#include "concepts/term_index.h"
#include "dialogue/slot_filler.h"
#include "engine/engine_options.h"
#include "retrieval/corpus.h"
#include "retrieval/example_index.h"
#include "retrieval/passage_index.h"
#include "rules/rule.h"
#include "rules/scorer.h"
#include "rules/topic_catalog.h"
#include "safety/safety_check.h"
#include "text/lexicon.h"
#include "text/normalizer.h"

namespace spotter {

struct KnowledgeBase {
  // nullptr if any problem was found; every problem is in `diagnostics`.
  static std::unique_ptr<const KnowledgeBase> Load(const EngineOptions& options,
                                                   Diagnostics* diagnostics);

  KnowledgeBase() = default;
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  // Normalises and matches `text` (valid UTF-8) for retrieval.
  std::vector<std::string> TermsOf(std::string_view text) const;

  // The rule answering `topic` when it is chosen without a rule's conditions:
  // the first rule of that topic in file order.
  const Rule* DefaultRule(std::string_view topic) const;
  const Rule* FindRule(std::string_view id) const;

  EngineOptions options;
  Lexicon lexicon;
  std::unique_ptr<Normalizer> normalizer;  // for messages: corrects typos
  ConceptTable concepts;
  std::unique_ptr<TermIndex> terms;
  std::unique_ptr<Negation> negation;
  std::unique_ptr<ConceptMatcher> matcher;
  TopicCatalog topics;
  SlotFiller slots;
  Corpus corpus;
  std::vector<Rule> rules;  // never resized after loading: rules point in
  std::unique_ptr<Scorer> topic_scorer;
  std::unique_ptr<SafetyCheck> safety;
  std::unique_ptr<ExampleIndex> examples;
  std::unique_ptr<PassageIndex> passages;
  std::unique_ptr<Composer> composer;
  StringMap<const Rule*> rule_by_id;
  StringMap<const Rule*> default_rule_by_topic;
  std::size_t rule_file_count = 0;
};

}  // namespace spotter

#endif  // SPOTTER_ENGINE_KNOWLEDGE_BASE_H_
