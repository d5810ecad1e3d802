// Reads the answer parts of a rule or variant ("summary", "advice", "hedges",
// "referral", "follow_up", "topic") from rules/ JSON, checking that cited
// passages exist and follow-up slots are declared.
#ifndef SPOTTER_RULES_ANSWER_PARSER_H_
#define SPOTTER_RULES_ANSWER_PARSER_H_

#include <functional>
#include <string_view>

#include "base/diagnostic.h"
#include "base/json_document.h"
#include "rules/rule.h"

namespace spotter {

struct AnswerParserContext {
  const JsonDocument* document = nullptr;
  std::string rule_id;
  std::function<bool(std::string_view)> is_passage;  // corpus id exists
  std::function<bool(std::string_view)> is_slot;     // slot is declared
  bool allow_topic = false;                          // variants only
};

// `value` is the JSON object at `where`. Unknown keys and wrong types are
// reported; what can be read is returned.
AnswerParts ParseAnswerParts(const nlohmann::json& value,
                             const nlohmann::json::json_pointer& where,
                             const AnswerParserContext& context,
                             Diagnostics* diagnostics);

}  // namespace spotter

#endif  // SPOTTER_RULES_ANSWER_PARSER_H_
