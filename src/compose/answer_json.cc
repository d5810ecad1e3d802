#include "compose/answer_json.h"

#include <cmath>

namespace spotter {

using json = nlohmann::ordered_json;

std::string_view SafetyLevelName(SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kNone: return "none";
    case SafetyLevel::kCaution: return "caution";
    case SafetyLevel::kUrgent: return "urgent";
  }
  return "none";
}

std::optional<SafetyLevel> ParseSafetyLevel(std::string_view name) {
  if (name == "none") return SafetyLevel::kNone;
  if (name == "caution") return SafetyLevel::kCaution;
  if (name == "urgent") return SafetyLevel::kUrgent;
  return std::nullopt;
}

json AnswerToJson(const Answer& answer) {
  json out = {{"type", "answer"}};
  if (!answer.reply_to.empty()) out["reply_to"] = answer.reply_to;
  out["topic"] = answer.topic;
  out["confidence"] = std::round(answer.confidence * 100) / 100;
  out["summary"] = answer.summary;
  json advice = json::array();
  for (const AdviceItem& item : answer.advice) {
    json entry = {{"text", item.text}};
    entry["source"] = item.source.empty() ? json() : json(item.source);
    advice.push_back(std::move(entry));
  }
  out["advice"] = std::move(advice);
  out["hedges"] = answer.hedges;
  out["safety"] = {{"level", SafetyLevelName(answer.safety.level)},
                   {"flags", answer.safety.flags},
                   {"message", answer.safety.message}};
  out["referral"] = answer.referral
                        ? json{{"to", answer.referral->to},
                               {"text", answer.referral->text}}
                        : json();
  out["follow_up"] = answer.follow_up
                         ? json{{"question", answer.follow_up->question},
                                {"slot", answer.follow_up->slot},
                                {"options", answer.follow_up->options}}
                         : json();
  json sources = json::array();
  for (const SourceRef& source : answer.sources) {
    sources.push_back({{"id", source.id},
                       {"title", source.title},
                       {"excerpt", source.excerpt}});
  }
  out["sources"] = std::move(sources);
  if (!answer.rule_id.empty()) out["rule"] = answer.rule_id;
  return out;
}

json ErrorToJson(const Error& error, std::string_view reply_to) {
  json out = {{"type", "error"}};
  if (!reply_to.empty()) out["reply_to"] = reply_to;
  out["code"] = ErrorCodeName(error.code);
  out["message"] = error.message;
  return out;
}

}  // namespace spotter
