// The answer object as contract JSON (shared/spec/contract.md), and the
// contract's error object.
#ifndef SPOTTER_COMPOSE_ANSWER_JSON_H_
#define SPOTTER_COMPOSE_ANSWER_JSON_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "compose/answer.h"

namespace spotter {

// {"type": "answer", "topic": ..., ...}; "reply_to" only when set.
nlohmann::ordered_json AnswerToJson(const Answer& answer);

// The same object as compact JSON text, written directly: the server sends
// one per message, and building and dumping a DOM costs several times the
// engine's whole answer. Equal to AnswerToJson(answer).dump() once parsed.
// Precondition: the answer's strings are valid UTF-8 (the engine's are).
struct AnswerJsonText {
  std::string text;
  // Where the text stops depending on reply_to: two equal answers to
  // different asks are equal from here on.
  std::size_t shared_from = 0;
};
AnswerJsonText AnswerToJsonText(const Answer& answer);

// {"type": "error", "code": "bad_request", "message": ...}; "reply_to" only
// when given.
nlohmann::ordered_json ErrorToJson(const Error& error, std::string_view reply_to = "");

}  // namespace spotter

#endif  // SPOTTER_COMPOSE_ANSWER_JSON_H_
