// The engine loaded with the tiny fixture rule set (tests/data/tiny), shared
// by the engine-level tests.
#ifndef SPOTTER_TESTS_UNIT_ENGINE_TINY_ENGINE_H_
#define SPOTTER_TESTS_UNIT_ENGINE_TINY_ENGINE_H_

#include <gtest/gtest.h>

#include "engine/engine.h"

namespace spotter::testing {

inline std::shared_ptr<const Engine> TinyEngine() {
  static std::shared_ptr<const Engine> engine = [] {
    EngineOptions options;
    options.rules_dir = "tests/data/tiny/rules";
    options.corpus_dir = "tests/data/tiny/corpus";
    Engine::Loaded loaded = Engine::Load(options);
    for (const Diagnostic& d : loaded.diagnostics) ADD_FAILURE() << d.ToString();
    return loaded.engine;
  }();
  return engine;
}

// Answers `text` in `state`; fails the test if the engine refuses.
inline Answer Ask(const Engine& engine, const std::string& text,
                  DialogueState* state) {
  Result<Answer> answer = engine.Answer(text, state);
  EXPECT_TRUE(answer.ok()) << (answer.ok() ? "" : answer.error().message);
  return answer.ok() ? answer.value() : Answer{};
}

inline Answer AskFresh(const Engine& engine, const std::string& text) {
  DialogueState state;
  return Ask(engine, text, &state);
}

}  // namespace spotter::testing

#endif  // SPOTTER_TESTS_UNIT_ENGINE_TINY_ENGINE_H_
