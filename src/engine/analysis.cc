#include "engine/analysis.h"

#include "retrieval/retrieval_terms.h"

namespace spotter {

Analysis Analyze(const KnowledgeBase& kb, std::string_view text,
                 const DialogueState& state) {
  Analysis analysis;
  analysis.text = kb.normalizer->Normalize(text);
  analysis.hits = kb.matcher->Match(analysis.text);
  // Context names concepts, so a state written under older rules still
  // works: names that no longer exist are skipped.
  for (const std::string& name : state.context) {
    if (auto id = kb.concepts.Find(name)) analysis.context.push_back(*id);
  }
  analysis.presence = ConceptPresence(analysis.hits, analysis.context);
  analysis.safety = kb.safety->Check(ConceptPresence(analysis.hits, {}));
  analysis.candidates = kb.topic_scorer->Score(analysis.presence);
  for (const std::string& slot : kb.slots.SlotNames()) {
    if (auto value = kb.slots.Detect(slot, analysis.hits)) {
      analysis.stated_slots[slot] = *value;
    }
  }
  analysis.retrieval_terms =
      RetrievalTerms(analysis.text, analysis.hits, kb.concepts, *kb.negation);
  return analysis;
}

}  // namespace spotter
