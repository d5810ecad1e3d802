// Reads the "rules" arrays of rules/ documents into Rules, validating each
// against the concepts, topics, slots and corpus it refers to. Every problem
// is reported with its file and line; a rule with a problem is left out, and
// loading goes on so that one run shows them all.
#ifndef SPOTTER_RULES_RULE_LOADER_H_
#define SPOTTER_RULES_RULE_LOADER_H_

#include <functional>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/json_document.h"
#include "concepts/concept_table.h"
#include "dialogue/slot_filler.h"
#include "rules/rule.h"
#include "rules/topic_catalog.h"

namespace spotter {

// The situations the engine answers from a fallback rule; each must be
// defined exactly once.
inline constexpr std::string_view kFallbackKinds[] = {
    "low_confidence", "out_of_scope", "retrieval", "urgent", "caution"};

class RuleLoader {
 public:
  // All references must outlive the loader. Pattern concepts are added to
  // `concepts` as rules are read.
  RuleLoader(ConceptTable* concepts, const TopicCatalog& topics,
             const SlotFiller& slots,
             std::function<bool(std::string_view)> is_passage)
      : concepts_(concepts), topics_(topics), slots_(slots),
        is_passage_(std::move(is_passage)) {}

  // Appends the valid rules of `document` to `rules`.
  void AddDocument(const JsonDocument& document, std::vector<Rule>* rules,
                   Diagnostics* diagnostics);

  // Whole-set checks after every document: missing fallbacks.
  void Finish(const std::vector<Rule>& rules, Diagnostics* diagnostics) const;

  // Why `pattern` may not go into the term set (a repeated wildcard such as
  // .* or ( \w+){0,8}, which is proximity, not a phrase), or empty when it
  // may.
  static std::string RepeatedWildcard(std::string_view pattern);

 private:
  ConceptTable* concepts_;
  const TopicCatalog& topics_;
  const SlotFiller& slots_;
  std::function<bool(std::string_view)> is_passage_;
  StringMap<std::string> seen_ids_;  // id -> "file:line"
};

}  // namespace spotter

#endif  // SPOTTER_RULES_RULE_LOADER_H_
