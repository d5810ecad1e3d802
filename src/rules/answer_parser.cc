#include "rules/answer_parser.h"

#include <fmt/format.h>

namespace spotter {
namespace {

using nlohmann::json;

class PartReader {
 public:
  PartReader(const AnswerParserContext& context, Diagnostics* diagnostics)
      : context_(context), diagnostics_(diagnostics) {}

  void Report(const json::json_pointer& where, std::string_view message) {
    diagnostics_->push_back(context_.document->At(
        where, fmt::format("rule {}: {}", context_.rule_id, message)));
  }

  std::optional<std::string> Text(const json& value,
                                  const json::json_pointer& where,
                                  std::string_view what) {
    if (!value.is_string() || value.get<std::string>().empty()) {
      Report(where, fmt::format("{} must be a non-empty string", what));
      return std::nullopt;
    }
    return value.get<std::string>();
  }

  std::vector<std::string> TextList(const json& value,
                                    const json::json_pointer& where,
                                    std::string_view what) {
    std::vector<std::string> out;
    if (!value.is_array()) {
      Report(where, fmt::format("{} must be a list of strings", what));
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto text = Text(value[i], where / i, what)) out.push_back(*text);
    }
    return out;
  }

  void CheckSource(const std::string& id, const json::json_pointer& where) {
    if (!context_.is_passage(id)) {
      Report(where, fmt::format("source {} is not a passage in the corpus", id));
    }
  }

  std::vector<AdviceItem> Advice(const json& value,
                                 const json::json_pointer& where) {
    std::vector<AdviceItem> out;
    if (!value.is_array()) {
      Report(where, "advice must be a list of {\"text\", \"source\"} objects");
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const json& item = value[i];
      AdviceItem advice;
      if (item.is_string()) {
        advice.text = item.get<std::string>();
      } else if (item.is_object() && item.contains("text")) {
        auto text = Text(item["text"], where / i / "text", "advice text");
        if (!text) continue;
        advice.text = *text;
        if (item.contains("source")) {
          auto source = Text(item["source"], where / i / "source", "source");
          if (source) {
            CheckSource(*source, where / i / "source");
            advice.source = *source;
          }
        }
      } else {
        Report(where / i, "advice items need a \"text\"");
        continue;
      }
      out.push_back(std::move(advice));
    }
    return out;
  }

  std::optional<Referral> ReadReferral(const json& value,
                                       const json::json_pointer& where) {
    if (!value.is_object()) {
      Report(where, "referral must be {\"to\": \"coach\"|\"medical\", \"text\"}");
      return std::nullopt;
    }
    Referral referral;
    if (auto to = Text(value.value("to", json()), where / "to", "referral.to")) {
      referral.to = *to;
    }
    if (referral.to != "coach" && referral.to != "medical") {
      Report(where / "to", "referral.to must be \"coach\" or \"medical\"");
      return std::nullopt;
    }
    if (auto text =
            Text(value.value("text", json()), where / "text", "referral.text")) {
      referral.text = *text;
    }
    return referral;
  }

  std::optional<FollowUp> ReadFollowUp(const json& value,
                                       const json::json_pointer& where) {
    if (!value.is_object()) {
      Report(where, "follow_up must be {\"question\", \"slot\", \"options\"}");
      return std::nullopt;
    }
    FollowUp follow_up;
    if (auto q = Text(value.value("question", json()), where / "question",
                      "follow_up.question")) {
      follow_up.question = *q;
    }
    if (auto slot = Text(value.value("slot", json()), where / "slot",
                         "follow_up.slot")) {
      follow_up.slot = *slot;
      if (!context_.is_slot(*slot)) {
        Report(where / "slot", fmt::format("slot {} is not declared in "
                                           "\"slots\"", *slot));
      }
    }
    if (value.contains("options")) {
      follow_up.options =
          TextList(value["options"], where / "options", "follow_up.options");
    }
    return follow_up;
  }

 private:
  const AnswerParserContext& context_;
  Diagnostics* diagnostics_;
};

}  // namespace

AnswerParts ParseAnswerParts(const json& value, const json::json_pointer& where,
                             const AnswerParserContext& context,
                             Diagnostics* diagnostics) {
  PartReader reader(context, diagnostics);
  AnswerParts parts;
  if (!value.is_object()) {
    reader.Report(where, "an answer must be an object");
    return parts;
  }
  for (const auto& [key, part] : value.items()) {
    const json::json_pointer at = where / key;
    if (key == "summary") {
      parts.summary = reader.Text(part, at, "summary");
    } else if (key == "advice") {
      parts.advice = reader.Advice(part, at);
    } else if (key == "hedges") {
      parts.hedges = reader.TextList(part, at, "hedges");
    } else if (key == "referral") {
      if (!part.is_null()) parts.referral = reader.ReadReferral(part, at);
    } else if (key == "follow_up") {
      if (!part.is_null()) parts.follow_up = reader.ReadFollowUp(part, at);
    } else if (key == "topic" && context.allow_topic) {
      parts.topic = reader.Text(part, at, "topic");
    } else {
      reader.Report(at, fmt::format("unknown answer part \"{}\"", key));
    }
  }
  return parts;
}

}  // namespace spotter
