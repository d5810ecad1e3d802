#include "engine/explanation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>

#include "compose/answer_json.h"

namespace spotter {

using json = nlohmann::ordered_json;

std::string Explanation::ToText() const {
  std::string out;
  auto sink = std::back_inserter(out);
  fmt::format_to(sink, "normalized:  {}\n", normalized);
  fmt::format_to(sink, "stems:       {}\n", match_line);
  if (!corrections.empty()) {
    out += "corrections:";
    for (const Correction& c : corrections) out += fmt::format(" {} -> {};", c.typed, c.read_as);
    out += '\n';
  }
  fmt::format_to(sink, "concepts:\n");
  if (concepts.empty()) fmt::format_to(sink, "  (none)\n");
  for (const ConceptFound& c : concepts) {
    fmt::format_to(sink, "  {:<22} \"{}\"{}\n", c.name, c.words, c.is_negated ? "  NEGATED" : "");
  }
  if (!context.empty()) fmt::format_to(sink, "context:     {}\n", fmt::join(context, " "));
  fmt::format_to(sink, "safety:      {}{}\n", SafetyLevelName(answer.safety.level),
       safety_rules.empty() ? std::string()
                            : fmt::format(" (rules: {})", fmt::join(safety_rules, ", ")));
  fmt::format_to(sink, "candidates:\n");
  if (candidates.empty()) fmt::format_to(sink, "  (no rule's conditions hold)\n");
  for (const Scored& c : candidates) fmt::format_to(sink, "  {:6.2f}  {:<34} {}\n", c.score, c.id, c.detail);
  if (!examples.empty()) {
    fmt::format_to(sink, "nearest examples:\n");
    for (const Scored& e : examples) fmt::format_to(sink, "  {:6.2f}  {:<34} \"{}\"\n", e.score, e.id, e.detail);
  }
  if (!passages.empty()) {
    fmt::format_to(sink, "nearest passages:\n");
    for (const Scored& p : passages) fmt::format_to(sink, "  {:6.2f}  {:<34} {}\n", p.score, p.id, p.detail);
  }
  fmt::format_to(sink, "route:       {}\n", route);
  fmt::format_to(sink, "why:         {}\n", reason);
  fmt::format_to(sink, "answer:      {} (rule {}, confidence {:.2f})\n", answer.topic,
       answer.rule_id.empty() ? "-" : answer.rule_id, answer.confidence);
  return out;
}

json Explanation::ToJson() const {
  json out;
  out["normalized"] = normalized;
  out["stems"] = match_line;
  out["corrections"] = json::array();
  for (const Correction& c : corrections) {
    out["corrections"].push_back({{"typed", c.typed}, {"read_as", c.read_as}});
  }
  out["concepts"] = json::array();
  for (const ConceptFound& c : concepts) {
    out["concepts"].push_back(
        {{"concept", c.name}, {"words", c.words}, {"negated", c.is_negated}});
  }
  out["context"] = context;
  out["safety_rules"] = safety_rules;
  auto scored = [](const std::vector<Scored>& list) {
    json array = json::array();
    for (const Scored& s : list) {
      array.push_back({{"id", s.id}, {"detail", s.detail}, {"score", s.score}});
    }
    return array;
  };
  out["candidates"] = scored(candidates);
  out["examples"] = scored(examples);
  out["passages"] = scored(passages);
  out["route"] = route;
  out["reason"] = reason;
  out["answer"] = AnswerToJson(answer);
  return out;
}

}  // namespace spotter
