#include "engine/analysis.h"


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
  analysis.presence =
      ConceptPresence(analysis.hits, analysis.context, kb.concepts.size());
  analysis.safety = kb.safety->Check(analysis.presence);  // ignores context
  analysis.candidates = kb.topic_scorer->Score(analysis.presence);
  analysis.stated_slots = kb.slots.DetectAll(analysis.hits);
  return analysis;
}

}  // namespace spotter
