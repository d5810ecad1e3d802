#include "compose/answer_json.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

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

namespace {

// Appends `text` as a JSON string: plain runs are copied whole, and only
// what JSON requires is escaped (quote, backslash, control characters).
// Whether any of the 8 bytes of `word` is below 0x20, a quote or a
// backslash: the bytes JSON escapes. (The usual "has a zero byte" trick,
// on the word XORed with each special byte.)
bool NeedsEscapeIn(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'));
}

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Most text needs no escape: skip it eight bytes at a time.
    while (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (NeedsEscapeIn(word)) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.substr(run, i - run));
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default: out->append(fmt::format("\\u{:04x}", c)); break;
    }
    run = i + 1;
  }
  out->append(text.substr(run));
  out->push_back('"');
}

void AppendKey(std::string_view key, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void AppendStrings(const std::vector<std::string>& items, std::string* out) {
  out->push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(items[i], out);
  }
  out->push_back(']');
}

}  // namespace

AnswerJsonText AnswerToJsonText(const Answer& answer) {
  AnswerJsonText result;
  std::string& out = result.text;
  out.reserve(8192);  // most answers fit, so the text is never copied to grow
  out.append("{\"type\":\"answer\",");
  if (!answer.reply_to.empty()) {
    AppendKey("reply_to", &out);
    AppendJsonString(answer.reply_to, &out);
    out.push_back(',');
  }
  result.shared_from = out.size();
  AppendKey("topic", &out);
  AppendJsonString(answer.topic, &out);
  out.push_back(',');
  AppendKey("confidence", &out);
  out.append(json(std::round(answer.confidence * 100) / 100).dump());
  out.push_back(',');
  AppendKey("summary", &out);
  AppendJsonString(answer.summary, &out);
  out.append(",\"advice\":[");
  for (std::size_t i = 0; i < answer.advice.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"text\":");
    AppendJsonString(answer.advice[i].text, &out);
    out.append(",\"source\":");
    if (answer.advice[i].source.empty()) {
      out.append("null");
    } else {
      AppendJsonString(answer.advice[i].source, &out);
    }
    out.push_back('}');
  }
  out.append("],\"hedges\":");
  AppendStrings(answer.hedges, &out);
  out.append(",\"safety\":{\"level\":");
  AppendJsonString(SafetyLevelName(answer.safety.level), &out);
  out.append(",\"flags\":");
  AppendStrings(answer.safety.flags, &out);
  out.append(",\"message\":");
  AppendJsonString(answer.safety.message, &out);
  out.append("},\"referral\":");
  if (answer.referral) {
    out.append("{\"to\":");
    AppendJsonString(answer.referral->to, &out);
    out.append(",\"text\":");
    AppendJsonString(answer.referral->text, &out);
    out.push_back('}');
  } else {
    out.append("null");
  }
  out.append(",\"follow_up\":");
  if (answer.follow_up) {
    out.append("{\"question\":");
    AppendJsonString(answer.follow_up->question, &out);
    out.append(",\"slot\":");
    AppendJsonString(answer.follow_up->slot, &out);
    out.append(",\"options\":");
    AppendStrings(answer.follow_up->options, &out);
    out.push_back('}');
  } else {
    out.append("null");
  }
  out.append(",\"sources\":[");
  for (std::size_t i = 0; i < answer.sources.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"id\":");
    AppendJsonString(answer.sources[i].id, &out);
    out.append(",\"title\":");
    AppendJsonString(answer.sources[i].title, &out);
    out.append(",\"excerpt\":");
    AppendJsonString(answer.sources[i].excerpt, &out);
    out.push_back('}');
  }
  out.push_back(']');
  if (!answer.rule_id.empty()) {
    out.append(",\"rule\":");
    AppendJsonString(answer.rule_id, &out);
  }
  out.push_back('}');
  return result;
}

json ErrorToJson(const Error& error, std::string_view reply_to) {
  json out = {{"type", "error"}};
  if (!reply_to.empty()) out["reply_to"] = reply_to;
  out["code"] = ErrorCodeName(error.code);
  out["message"] = error.message;
  return out;
}

}  // namespace spotter
