// Answering runs the stages in a fixed order: validate the bytes, analyse
// (normalise, match concepts, check safety, score rules), decide the route,
// compose the answer from the chosen rule, lay the safety finding over it,
// and finally update the dialogue state. Explain runs the same stages and
// reports them, so what editors see is what users get.
#include "engine/engine.h"

#include <algorithm>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "base/utf8.h"
#include "engine/analysis.h"
#include "engine/decider.h"
#include "engine/knowledge_base.h"

namespace spotter {

namespace {

// Words of text, as the normaliser read them, for explain.
std::string WordsOf(const NormalizedText& text, std::uint32_t begin,
                    std::uint32_t end) {
  std::string out;
  for (std::uint32_t i = begin; i < end && i < text.tokens.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += text.tokens[i].word;
  }
  return out;
}

}  // namespace

struct Engine::Trace {
  Analysis analysis;
  Decision decision;
  spotter::Answer answer;
};

Engine::Engine(std::unique_ptr<const KnowledgeBase> kb) : kb_(std::move(kb)) {}
Engine::~Engine() = default;

Engine::Loaded Engine::Load(const EngineOptions& options) {
  Loaded loaded;
  auto kb = KnowledgeBase::Load(options, &loaded.diagnostics);
  if (kb) loaded.engine.reset(new Engine(std::move(kb)));
  return loaded;
}

Result<Engine::Trace> Engine::Run(std::string_view text,
                                  const DialogueState& state) const {
  if (auto bad = FindInvalidUtf8(text)) {
    return Error{ErrorCode::kBadRequest,
                 fmt::format("the message is not valid UTF-8 (bad byte at "
                             "offset {})", *bad)};
  }
  if (text.size() > kb_->options.max_message_bytes) {
    return Error{ErrorCode::kTooLarge,
                 fmt::format("the message is {} bytes; the limit is {}",
                             text.size(), kb_->options.max_message_bytes)};
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error{ErrorCode::kBadRequest, "the message is empty"};
  }

  Trace trace;
  trace.analysis = Analyze(*kb_, text, state);
  const Decider decider(*kb_);
  trace.decision = decider.Decide(trace.analysis, state);
  const Decision& decision = trace.decision;

  FilledSlots slots = state.slots;
  for (const auto& [slot, value] : trace.analysis.stated_slots) slots[slot] = value;

  const Composer& composer = *kb_->composer;
  spotter::Answer& answer = trace.answer;
  switch (decision.route) {
    case Route::kSlotAnswer:
      // Answering "what is your goal?" may hand over to the goal's topic.
      answer = composer.FromRule(*decider.HandOver(decision.rule, slots), slots,
                                 decision.confidence);
      break;
    case Route::kRule:
    case Route::kExampleVote:
      answer = composer.FromRule(*decision.rule, slots, decision.confidence);
      break;
    case Route::kRetrieval: {
      std::string topic = composer.Fallback("retrieval").topic;
      for (const Rule& rule : kb_->rules) {
        if (rule.kind == RuleKind::kTopic &&
            std::find(rule.sources.begin(), rule.sources.end(),
                      decision.passage->id) != rule.sources.end()) {
          topic = rule.topic;
          break;
        }
      }
      answer = composer.FromPassage(*decision.passage, topic, decision.confidence);
      break;
    }
    case Route::kLowConfidence:
      answer = composer.FromFallback("low_confidence", decision.confidence);
      break;
    case Route::kOutOfScope:
      answer = composer.FromFallback("out_of_scope", decision.confidence);
      break;
  }
  const TopicInfo* topic = kb_->topics.Find(answer.topic);
  composer.ApplySafety(trace.analysis.safety,
                       topic ? topic->min_safety : SafetyLevel::kNone, &answer);
  const bool has_real_topic = decision.route != Route::kOutOfScope &&
                              decision.route != Route::kLowConfidence;
  if (answer.safety.level == SafetyLevel::kUrgent && !has_real_topic) {
    answer.topic = composer.Fallback("urgent").topic;  // not "scope.out"
  }
  return trace;
}

Result<spotter::Answer> Engine::Answer(std::string_view text,
                                       DialogueState* state) const {
  Result<Trace> run = Run(text, *state);
  if (!run.ok()) return run.error();
  Trace trace = std::move(run).value();
  spotter::Answer& answer = trace.answer;

  for (const auto& [slot, value] : trace.analysis.stated_slots) {
    state->slots[slot] = value;
  }
  state->last_topic = answer.topic;
  state->last_rule = answer.rule_id;
  state->open_slot = answer.follow_up ? answer.follow_up->slot : "";
  // Ids first (cheap to sort), names once: the state names concepts so that
  // it survives a reload of the rules.
  std::vector<ConceptId> ids;
  for (const ConceptHit& hit : trace.analysis.hits) {
    const ConceptId id = hit.concept_id;
    if (!hit.is_negated && !kb_->negation->IsCue(id) && !kb_->concepts.IsPattern(id)) {
      ids.push_back(id);
    }
  }
  if (trace.decision.carries_context) {
    ids.insert(ids.end(), trace.analysis.context.begin(), trace.analysis.context.end());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> context;
  context.reserve(ids.size());
  for (ConceptId id : ids) context.push_back(kb_->concepts.Name(id));
  state->context = std::move(context);
  if (state->turns < (1 << 30)) ++state->turns;
  return std::move(answer);
}

Result<Explanation> Engine::Explain(std::string_view text,
                                    const DialogueState& state) const {
  Result<Trace> run = Run(text, state);
  if (!run.ok()) return run.error();
  const Trace& trace = run.value();
  const Analysis& analysis = trace.analysis;
  Explanation out;
  out.normalized = analysis.text.Words();
  out.match_line = analysis.text.match_line;
  std::string last_typed;
  for (const Token& token : analysis.text.tokens) {
    if (token.typed.empty()) continue;
    if (token.typed == last_typed && !out.corrections.empty()) {
      out.corrections.back().read_as += " " + token.word;  // a split word
    } else {
      out.corrections.push_back({token.typed, token.word});
    }
    last_typed = token.typed;
  }
  for (const ConceptHit& hit : analysis.hits) {
    if (kb_->concepts.IsPattern(hit.concept_id)) continue;
    out.concepts.push_back({kb_->concepts.Name(hit.concept_id),
                            WordsOf(analysis.text, hit.begin, hit.end),
                            hit.is_negated});
  }
  for (ConceptId id : analysis.context) out.context.push_back(kb_->concepts.Name(id));
  for (const Rule* rule : analysis.safety.rules) out.safety_rules.push_back(rule->id);
  constexpr std::size_t kShown = 8;
  for (std::size_t i = 0; i < analysis.candidates.size() && i < kShown; ++i) {
    const Candidate& c = analysis.candidates[i];
    out.candidates.push_back({c.rule->id,
                              c.rule->topic + (c.uses_context ? " (with context)" : ""),
                              c.score});
  }
  for (const ExampleNeighbour& n : trace.decision.vote.neighbours) {
    out.examples.push_back({n.rule->id, *n.example, n.score});
  }
  for (const PassageMatch& p : trace.decision.passages) {
    out.passages.push_back({p.passage->id, p.passage->title, p.score});
  }
  out.route = std::string(RouteName(trace.decision.route));
  out.reason = trace.decision.reason;
  out.answer = trace.answer;
  return out;
}

Diagnostics Engine::CheckExamples() const {
  constexpr int kMinPassageWords = 60;
  constexpr int kMaxPassageWords = 250;
  Diagnostics problems;
  std::set<std::string> cited;
  for (const Rule& rule : kb_->rules) {
    cited.insert(rule.sources.begin(), rule.sources.end());
    auto add_advice = [&](const std::optional<std::vector<AdviceItem>>& advice) {
      if (!advice) return;
      for (const AdviceItem& item : *advice) cited.insert(item.source);
    };
    add_advice(rule.answer.advice);
    for (const auto& [slot, values] : rule.variants) {
      for (const auto& [value, parts] : values) add_advice(parts.advice);
    }
    for (const std::string& example : rule.examples) {
      DialogueState fresh;
      Result<spotter::Answer> answer = Answer(example, &fresh);
      if (!answer.ok()) {
        problems.push_back({rule.file, rule.line, fmt::format(
            "rule {}: example \"{}\" is refused: {}", rule.id, example,
            answer.error().message)});
        continue;
      }
      const spotter::Answer& got = answer.value();
      bool reached = false;
      std::string got_what;
      if (rule.kind == RuleKind::kSafety) {
        const auto& flags = got.safety.flags;
        reached = std::find(flags.begin(), flags.end(), rule.flag) != flags.end();
        got_what = fmt::format("safety {} flags [{}]", SafetyLevelName(got.safety.level),
                               fmt::join(flags, ", "));
      } else {
        reached = got.rule_id == rule.id;
        got_what = fmt::format("{} (rule {})", got.topic,
                               got.rule_id.empty() ? "-" : got.rule_id);
      }
      if (!reached) {
        problems.push_back({rule.file, rule.line, fmt::format(
            "rule {}: example \"{}\" reaches {}", rule.id, example, got_what)});
      }
    }
  }
  for (const Passage& passage : kb_->corpus.passages()) {
    if (!cited.contains(passage.id)) {
      problems.push_back({passage.file, passage.line, fmt::format(
          "passage {} is not cited by any rule", passage.id)});
    }
    if (passage.word_count < kMinPassageWords || passage.word_count > kMaxPassageWords) {
      problems.push_back({passage.file, passage.line, fmt::format(
          "passage {} has {} words; keep passages between {} and {}",
          passage.id, passage.word_count, kMinPassageWords, kMaxPassageWords)});
    }
  }
  return problems;
}

std::optional<SourceRef> Engine::FindPassage(std::string_view id) const {
  const Passage* passage = kb_->corpus.Find(id);
  if (passage == nullptr) return std::nullopt;
  return SourceRef{passage->id, passage->title, passage->text};
}

bool Engine::IsAdviceTopic(std::string_view topic) const {
  const TopicInfo* info = kb_->topics.Find(topic);
  return info != nullptr && info->is_advice;
}

EngineStats Engine::Stats() const {
  EngineStats stats;
  stats.rule_files = kb_->rule_file_count;
  stats.rules = kb_->rules.size();
  stats.concepts = kb_->concepts.size();
  stats.terms = kb_->concepts.terms().size();
  stats.passages = kb_->corpus.passages().size();
  for (const Rule& rule : kb_->rules) stats.examples += rule.examples.size();
  stats.vocabulary = kb_->lexicon.target_count();
  stats.term_set_out_of_memory = kb_->terms->out_of_memory_count();
  return stats;
}

}  // namespace spotter
