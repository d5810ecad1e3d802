#include "compose/composer.h"

#include <algorithm>
#include <cassert>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace spotter {
namespace {

// The parts an answer takes, each from the last of `layers` that sets it.
void TakeParts(const std::vector<const AnswerParts*>& layers, Answer* answer) {
  const AnswerParts* summary = nullptr;
  const AnswerParts* advice = nullptr;
  const AnswerParts* hedges = nullptr;
  const AnswerParts* referral = nullptr;
  const AnswerParts* follow_up = nullptr;
  for (const AnswerParts* parts : layers) {
    if (parts->summary) summary = parts;
    if (parts->advice) advice = parts;
    if (parts->hedges) hedges = parts;
    if (parts->referral) referral = parts;
    if (parts->follow_up) follow_up = parts;
  }
  if (summary) answer->summary = *summary->summary;
  if (advice) answer->advice = *advice->advice;
  if (hedges) answer->hedges = *hedges->hedges;
  if (referral) answer->referral = *referral->referral;
  if (follow_up) answer->follow_up = *follow_up->follow_up;
}

// Fallback texts may name the passage as {title}; nothing else is a field,
// so a plain substitution serves (and an editor's stray brace cannot break
// an answer).
std::string FillTemplate(const std::string& text, std::string_view title) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find("{title}", start)) != std::string::npos;
       start = at + 7) {
    out.append(text, start, at - start);
    out.append(title);
  }
  out.append(text, start, std::string::npos);
  return out;
}

}  // namespace

Composer::Composer(const Corpus& corpus, const std::vector<Rule>& rules)
    : corpus_(&corpus) {
  for (const Rule& rule : rules) {
    if (rule.kind == RuleKind::kFallback) fallbacks_[rule.fallback] = &rule;
  }
}

const Rule& Composer::Fallback(std::string_view kind) const {
  auto it = fallbacks_.find(kind);
  assert(it != fallbacks_.end() && "the loader guarantees every fallback");
  return *it->second;
}

void Composer::AddSources(const std::vector<std::string>& ids,
                          Answer* answer) const {
  for (const std::string& id : ids) {
    const bool present = std::any_of(
        answer->sources.begin(), answer->sources.end(),
        [&](const SourceRef& s) { return s.id == id; });
    if (present) continue;
    if (const Passage* passage = corpus_->Find(id)) {
      answer->sources.push_back({passage->id, passage->title, passage->excerpt});
    }
  }
}

Answer Composer::FromRule(const Rule& rule, const FilledSlots& slots,
                          double confidence) const {
  Answer answer;
  answer.topic = rule.topic;
  answer.rule_id = rule.id;
  answer.confidence = confidence;
  std::vector<const AnswerParts*> layers = {&rule.answer};
  for (const auto& [slot, values] : rule.variants) {
    auto filled = slots.find(slot);
    if (filled == slots.end()) continue;
    if (auto variant = values.find(filled->second); variant != values.end()) {
      layers.push_back(&variant->second);
    }
  }
  TakeParts(layers, &answer);
  if (answer.follow_up && slots.contains(answer.follow_up->slot)) {
    answer.follow_up.reset();  // already answered earlier in the conversation
  }
  std::vector<std::string> cited;
  for (const AdviceItem& item : answer.advice) {
    if (!item.source.empty()) cited.push_back(item.source);
  }
  // The rule's sources, less those only a variant that was not taken cites
  // (the muscle-goal passage is not a source of the answer for fat loss).
  std::set<std::string_view> not_taken;
  for (const auto& [slot, values] : rule.variants) {
    for (const auto& [value, parts] : values) {
      if (std::find(layers.begin(), layers.end(), &parts) != layers.end() || !parts.advice) {
        continue;
      }
      for (const AdviceItem& item : *parts.advice) not_taken.insert(item.source);
    }
  }
  std::vector<std::string> own;
  for (const std::string& id : rule.sources) {
    const bool cited_here = std::find(cited.begin(), cited.end(), id) != cited.end();
    if (cited_here || !not_taken.contains(id)) own.push_back(id);
  }
  AddSources(own, &answer);
  AddSources(cited, &answer);
  return answer;
}

Answer Composer::FromFallback(std::string_view kind, double confidence) const {
  return FromRule(Fallback(kind), {}, confidence);
}

Answer Composer::FromPassage(const Passage& passage, std::string topic,
                             double confidence) const {
  const Rule& rule = Fallback("retrieval");
  Answer answer = FromRule(rule, {}, confidence);
  answer.topic = std::move(topic);
  answer.summary = FillTemplate(answer.summary, passage.title);
  answer.advice.insert(answer.advice.begin(),
                       AdviceItem{passage.Excerpt(400), passage.id});
  answer.sources.insert(answer.sources.begin(),
                        SourceRef{passage.id, passage.title, passage.excerpt});
  return answer;
}

void Composer::ApplySafety(const SafetyFinding& finding, SafetyLevel topic_minimum,
                           Answer* answer) const {
  const SafetyLevel level = std::max(finding.level, topic_minimum);
  if (level == SafetyLevel::kNone) return;
  answer->safety.level = level;
  answer->safety.flags = finding.flags;
  std::vector<std::string> messages;
  for (const Rule* rule : finding.rules) messages.push_back(rule->message);
  if (level == SafetyLevel::kUrgent) {
    const Rule& urgent = Fallback("urgent");
    const std::string care = urgent.answer.summary.value_or("");
    answer->safety.message = fmt::format("{}", fmt::join(messages, " "));
    answer->summary = messages.empty()
                          ? care
                          : fmt::format("{} {}", messages.front(), care);
    answer->advice = urgent.answer.advice.value_or(std::vector<AdviceItem>{});
    answer->hedges = urgent.answer.hedges.value_or(std::vector<std::string>{});
    answer->referral = urgent.answer.referral;
    answer->follow_up.reset();
    answer->sources.clear();
    AddSources(urgent.sources, answer);
    return;
  }
  const Rule& caution = Fallback("caution");
  answer->safety.message = messages.empty()
                               ? caution.answer.summary.value_or("")
                               : messages.front();
  if (caution.answer.referral) answer->referral = caution.answer.referral;
  for (const std::string& hedge :
       caution.answer.hedges.value_or(std::vector<std::string>{})) {
    answer->hedges.push_back(hedge);
  }
  AddSources(caution.sources, answer);
}

}  // namespace spotter
