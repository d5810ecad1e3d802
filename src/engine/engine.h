// The one entry point to spotter's engine: load rules and corpus, answer a
// message within a conversation, explain how an answer was reached, and check
// that the rules' examples reach their rules. The CLI and the server use this
// header and compose/answer.h, nothing deeper.
//
// A loaded Engine never changes; share it as std::shared_ptr<const Engine>
// between threads. A reload loads a new Engine and swaps the pointer, so
// answering never takes a lock.
#ifndef SPOTTER_ENGINE_ENGINE_H_
#define SPOTTER_ENGINE_ENGINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/result.h"
#include "compose/answer.h"
#include "dialogue/dialogue_state.h"
#include "engine/engine_options.h"
#include "engine/explanation.h"

namespace spotter {

struct KnowledgeBase;

struct EngineStats {
  std::size_t rule_files = 0;
  std::size_t rules = 0;
  std::size_t concepts = 0;
  std::size_t terms = 0;
  std::size_t passages = 0;
  std::size_t examples = 0;
  std::size_t vocabulary = 0;
  std::uint64_t term_set_out_of_memory = 0;  // scans that fell back
};

class Engine {
 public:
  struct Loaded {
    std::shared_ptr<const Engine> engine;  // null when diagnostics has errors
    Diagnostics diagnostics;
  };

  // Loads and validates everything; any problem (a broken rule file, an
  // unknown concept, a missing passage) fails the load and is reported with
  // its file and line. Never throws.
  static Loaded Load(const EngineOptions& options);

  ~Engine();

  // Answers `text` as the next turn of the conversation `state`, and updates
  // `state`. Refuses invalid UTF-8 and empty text (bad_request) and text over
  // the size limit (too_large); then `state` is unchanged.
  Result<spotter::Answer> Answer(std::string_view text,
                                 DialogueState* state) const;

  // How Answer would answer `text` in `state`, step by step; `state` is not
  // changed.
  Result<Explanation> Explain(std::string_view text,
                              const DialogueState& state) const;

  // Runs every rule's examples in a new conversation and reports those that
  // do not reach their rule, plus passages no rule cites and passages outside
  // 60-250 words. Empty when all is well.
  Diagnostics CheckExamples() const;

  // The passage with this id ("deadlift-soreness#why"), as {id, title,
  // excerpt} with the full text as the excerpt; nullopt if unknown.
  std::optional<SourceRef> FindPassage(std::string_view id) const;

  // Whether answers on `topic` give advice, and so must carry hedges.
  bool IsAdviceTopic(std::string_view topic) const;

  EngineStats Stats() const;

 private:
  struct Trace;

  explicit Engine(std::unique_ptr<const KnowledgeBase> kb);
  Result<Trace> Run(std::string_view text, const DialogueState& state) const;

  std::unique_ptr<const KnowledgeBase> kb_;
};

}  // namespace spotter

#endif  // SPOTTER_ENGINE_ENGINE_H_
