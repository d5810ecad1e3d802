// What the engine read in one message, before deciding how to answer:
// normalised text, concept hits, what the rules make of them, and the safety
// finding. Produced by Analyze for both Answer and Explain.
#ifndef SPOTTER_ENGINE_ANALYSIS_H_
#define SPOTTER_ENGINE_ANALYSIS_H_

#include <map>
#include <string>
#include <vector>

#include "concepts/term.h"
#include "dialogue/dialogue_state.h"
#include "engine/knowledge_base.h"
#include "rules/concept_presence.h"
#include "rules/scorer.h"
#include "safety/safety_check.h"
#include "text/normalizer.h"

namespace spotter {

struct Analysis {
  NormalizedText text;
  std::vector<ConceptHit> hits;
  std::vector<ConceptId> context;  // the previous turn's concepts, resolved
  ConceptPresence presence{{}, {}, 0};
  SafetyFinding safety;
  std::vector<Candidate> candidates;  // topic rules that apply, best first
  std::map<std::string, std::string> stated_slots;  // slot -> value said here
};

// Precondition: `text` is valid UTF-8 within the size limit.
Analysis Analyze(const KnowledgeBase& kb, std::string_view text,
                 const DialogueState& state);

}  // namespace spotter

#endif  // SPOTTER_ENGINE_ANALYSIS_H_
