#include "rules/rule_loader.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "rules/answer_parser.h"

namespace spotter {
namespace {

using nlohmann::json;

constexpr int kMaxPriority = 10;

const std::set<std::string, std::less<>> kRuleKeys = {
    "id",       "topic",    "safety",   "flag",     "message",
    "fallback", "priority", "all",      "any",      "none",
    "not_negated", "patterns", "answer", "variants", "sources",
    "examples"};

class RuleReader {
 public:
  RuleReader(const JsonDocument& document, Diagnostics* diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  void Report(const json::json_pointer& where, std::string_view rule_id,
              std::string_view message) {
    ok_ = false;
    diagnostics_->push_back(document_.At(
        where, rule_id.empty() ? std::string(message)
                               : fmt::format("rule {}: {}", rule_id, message)));
  }
  bool ok() const { return ok_; }

 private:
  const JsonDocument& document_;
  Diagnostics* diagnostics_;
  bool ok_ = true;
};

}  // namespace

std::string RuleLoader::RepeatedWildcard(std::string_view pattern) {
  // Quantifiers on a wildcard (".*", "[^x]+", ".{0,20}") and on a group that
  // holds one ("( \\w+){0,8}") both make the set's DFA track positions, which
  // multiplies its states: such a set never warms up on new text.
  auto is_quantifier = [&](std::size_t at) {
    return at < pattern.size() &&
           (pattern[at] == '*' || pattern[at] == '+' || pattern[at] == '{');
  };
  auto bad = [&](std::string_view what) {
    return fmt::format(
        "pattern /{}/ repeats a wildcard ({}): keep patterns to words and "
        "phrases, and require co-occurring words with \"all\" instead",
        pattern, what);
  };
  std::vector<std::size_t> open_groups;
  bool escaped = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == '\\') {
      escaped = true;
      continue;
    }
    if (c == '(') {
      open_groups.push_back(i);
    } else if (c == ')' && !open_groups.empty()) {
      const std::size_t open = open_groups.back();
      open_groups.pop_back();
      const std::string_view group = pattern.substr(open, i - open + 1);
      const bool has_wildcard = group.find("\\w") != std::string_view::npos ||
                                group.find("\\S") != std::string_view::npos ||
                                group.find('.') != std::string_view::npos ||
                                group.find("[^") != std::string_view::npos;
      if (has_wildcard && is_quantifier(i + 1)) {
        return bad(pattern.substr(open, std::min(pattern.size(), i + 6) - open));
      }
    } else if (c == '.' && is_quantifier(i + 1)) {
      return bad(pattern.substr(i, 2));
    } else if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == '^') {
      const std::size_t close = pattern.find(']', i + 2);
      if (close != std::string_view::npos && is_quantifier(close + 1)) {
        return bad(pattern.substr(i, close - i + 2));
      }
    }
  }
  return "";
}

void RuleLoader::AddDocument(const JsonDocument& document,
                             std::vector<Rule>* rules,
                             Diagnostics* diagnostics) {
  const json& root = document.root();
  if (!root.is_object() || !root.contains("rules")) return;
  const json::json_pointer base("/rules");
  if (!root["rules"].is_array()) {
    diagnostics->push_back(document.At(base, "\"rules\" must be a list"));
    return;
  }
  const json& list = root["rules"];
  for (std::size_t index = 0; index < list.size(); ++index) {
    const json& spec = list[index];
    const json::json_pointer where = base / index;
    RuleReader reader(document, diagnostics);
    if (!spec.is_object() || !spec.contains("id") || !spec["id"].is_string()) {
      reader.Report(where, "", "every rule needs a string \"id\"");
      continue;
    }
    Rule rule;
    rule.id = spec["id"].get<std::string>();
    rule.file = document.file();
    rule.line = document.LineOf(where);
    const std::string& id = rule.id;

    const std::string here = fmt::format("{}:{}", rule.file, rule.line);
    if (auto [it, fresh] = seen_ids_.emplace(id, here); !fresh) {
      reader.Report(where / "id", id,
                    fmt::format("duplicate id; first defined at {}", it->second));
    }
    for (const auto& [key, value] : spec.items()) {
      if (!kRuleKeys.contains(key)) {
        reader.Report(where / key, id, fmt::format("unknown key \"{}\"", key));
      }
    }

    // What kind of rule this is.
    const bool has_topic = spec.contains("topic");
    const bool has_safety = spec.contains("safety");
    const bool has_fallback = spec.contains("fallback");
    if (has_safety + has_fallback > 1 || (has_safety && has_topic)) {
      reader.Report(where, id, "give a rule one of \"topic\" (with optional "
                               "\"fallback\") or \"safety\"");
    }
    if (has_topic) {
      const json& topic = spec["topic"];
      rule.topic = topic.is_string() ? topic.get<std::string>() : "";
      if (topics_.Find(rule.topic) == nullptr) {
        reader.Report(where / "topic", id,
                      fmt::format("unknown topic \"{}\"; declare it in "
                                  "\"topics\"", rule.topic));
      }
    }
    if (has_safety) {
      rule.kind = RuleKind::kSafety;
      auto level = spec["safety"].is_string()
                       ? ParseSafetyLevel(spec["safety"].get<std::string>())
                       : std::nullopt;
      if (!level || *level == SafetyLevel::kNone) {
        reader.Report(where / "safety", id,
                      "safety must be \"urgent\" or \"caution\"");
      } else {
        rule.safety = *level;
      }
      for (const char* key : {"flag", "message"}) {
        if (!spec.contains(key) || !spec[key].is_string() ||
            spec[key].get<std::string>().empty()) {
          reader.Report(where, id,
                        fmt::format("a safety rule needs a \"{}\"", key));
        }
      }
      for (auto [key, out] : {std::pair{"flag", &rule.flag}, std::pair{"message", &rule.message}}) {
        if (spec.contains(key) && spec[key].is_string()) *out = spec[key].get<std::string>();
      }
    } else if (has_fallback) {
      rule.kind = RuleKind::kFallback;
      rule.fallback = spec["fallback"].is_string()
                          ? spec["fallback"].get<std::string>() : "";
      if (std::find(std::begin(kFallbackKinds), std::end(kFallbackKinds),
                    rule.fallback) == std::end(kFallbackKinds)) {
        reader.Report(where / "fallback", id,
                      fmt::format("unknown fallback \"{}\"", rule.fallback));
      }
    } else if (!has_topic) {
      reader.Report(where, id, "a rule needs a \"topic\" or \"safety\"");
    }

    if (spec.contains("priority")) {
      const json& priority = spec["priority"];
      if (!priority.is_number_integer() ||
          (priority.is_number_unsigned() && priority.get<std::uint64_t>() > kMaxPriority) ||
          std::abs(priority.get<std::int64_t>()) > kMaxPriority) {
        reader.Report(where / "priority", id,
                      fmt::format("priority must be an integer from {} to {}",
                                  -kMaxPriority, kMaxPriority));
      } else {
        rule.priority = priority.get<int>();
      }
    }

    // Conditions.
    auto read_concepts = [&](const char* key, std::vector<ConceptId>* out) {
      if (!spec.contains(key)) return;
      const json& names = spec[key];
      if (names.is_array() && names.empty()) {
        reader.Report(where / key, id, fmt::format("\"{}\" is empty; remove it or name "
                                                   "concepts", key));
        return;
      }
      if (!names.is_array()) {
        reader.Report(where / key, id,
                      fmt::format("\"{}\" must be a list of concepts", key));
        return;
      }
      for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string name =
            names[i].is_string() ? names[i].get<std::string>() : "";
        auto found = concepts_->Find(name);
        if (!found) {
          reader.Report(where / key / i, id,
                        fmt::format("unknown concept {}", name.empty() ? "(not a string)" : name));
          continue;
        }
        out->push_back(*found);
      }
    };
    read_concepts("all", &rule.all);
    read_concepts("any", &rule.any);
    read_concepts("none", &rule.none);
    read_concepts("not_negated", &rule.not_negated);
    if (spec.contains("patterns")) {
      const json& patterns = spec["patterns"];
      for (std::size_t i = 0; patterns.is_array() && i < patterns.size(); ++i) {
        const json::json_pointer at = where / "patterns" / i;
        if (!patterns[i].is_string()) {
          reader.Report(at, id, "patterns must be strings");
          continue;
        }
        const std::string pattern = patterns[i].get<std::string>();
        re2::RE2::Options options;
        options.set_log_errors(false);
        re2::RE2 regex(pattern, options);
        if (!regex.ok()) {
          reader.Report(at, id, fmt::format("bad regex /{}/: {}", pattern,
                                            regex.error()));
          continue;
        }
        re2::StringPiece found;
        const std::string probe = "a b";
        if (pattern.empty() ||
            (regex.Match(probe, 0, probe.size(), re2::RE2::UNANCHORED, &found, 1) &&
             found.empty())) {
          reader.Report(at, id, fmt::format("pattern /{}/ can match an empty string, so it "
                                            "would fire on every message", pattern));
          continue;
        }
        if (std::string why = RepeatedWildcard(pattern); !why.empty()) {
          reader.Report(at, id, why);
          continue;
        }
        if (reader.ok()) {
          rule.patterns.push_back(concepts_->AddPattern(
              fmt::format("/{}/ of {}", pattern, id), pattern));
        }
      }
      if (!patterns.is_array()) {
        reader.Report(where / "patterns", id, "patterns must be a list");
      }
    }
    // Judged on the keys written, so a rule whose only pattern is broken is
    // reported once, for the pattern.
    const bool has_conditions = spec.contains("all") || spec.contains("any") ||
                                spec.contains("not_negated") ||
                                spec.contains("patterns");
    if (rule.kind != RuleKind::kFallback && !has_conditions) {
      reader.Report(where, id, "a rule needs \"all\", \"any\", \"not_negated\" "
                               "or \"patterns\"");
    }

    // What it answers.
    AnswerParserContext context;
    context.document = &document;
    context.rule_id = id;
    context.is_passage = is_passage_;
    context.is_slot = [this](std::string_view slot) {
      return slots_.HasSlot(slot);
    };
    const std::size_t before = diagnostics->size();
    if (spec.contains("answer")) {
      rule.answer = ParseAnswerParts(spec["answer"], where / "answer", context,
                                     diagnostics);
    } else if (rule.kind == RuleKind::kTopic) {
      reader.Report(where, id, "a topic rule needs an \"answer\"");
    }
    if (rule.kind == RuleKind::kTopic && !rule.answer.summary) {
      reader.Report(where / "answer", id, "the answer needs a \"summary\"");
    }
    const TopicInfo* topic_info = topics_.Find(rule.topic);
    if (rule.kind == RuleKind::kTopic && topic_info && topic_info->is_advice &&
        (!rule.answer.hedges || rule.answer.hedges->empty())) {
      reader.Report(where / "answer", id,
                    fmt::format("topic {} gives advice, so the answer needs at "
                                "least one hedge", rule.topic));
    }
    if (spec.contains("variants") && spec["variants"].is_object()) {
      context.allow_topic = true;
      const json& variants = spec["variants"];
      for (const auto& [slot, values] : variants.items()) {
        if (!slots_.HasSlot(slot) || !values.is_object()) {
          reader.Report(where / "variants" / slot, id,
                        fmt::format("variants for unknown slot {}", slot));
          continue;
        }
        for (const auto& [value, parts] : values.items()) {
          const json::json_pointer at = where / "variants" / slot / value;
          if (!slots_.HasValue(slot, value)) {
            reader.Report(at, id, fmt::format("slot {} has no value {}", slot,
                                              value));
            continue;
          }
          AnswerParts variant = ParseAnswerParts(parts, at, context, diagnostics);
          if (topic_info && topic_info->is_advice && variant.hedges && variant.hedges->empty()) {
            reader.Report(at, id, "a variant of an advice topic may not empty the hedges");
          }
          if (variant.topic && topics_.Find(*variant.topic) == nullptr) {
            reader.Report(at / "topic", id, fmt::format(
                "variant hands over to unknown topic {}", *variant.topic));
          }
          rule.variants[slot][value] = std::move(variant);
        }
      }
    }
    const bool answer_ok = diagnostics->size() == before;

    for (const char* key : {"sources", "examples"}) {
      if (spec.contains(key) && !spec[key].is_array()) {
        reader.Report(where / key, id, fmt::format("\"{}\" must be a list", key));
      }
    }
    if (spec.contains("variants") && !spec["variants"].is_object()) {
      reader.Report(where / "variants", id, "\"variants\" must be an object of slots");
    }
    if (spec.contains("sources")) {
      const json& sources = spec["sources"];
      for (std::size_t i = 0; sources.is_array() && i < sources.size(); ++i) {
        const std::string source =
            sources[i].is_string() ? sources[i].get<std::string>() : "";
        if (!is_passage_(source)) {
          reader.Report(where / "sources" / i, id,
                        fmt::format("source {} is not a passage in the corpus",
                                    source));
          continue;
        }
        rule.sources.push_back(source);
      }
    }
    if (spec.contains("examples")) {
      const json& examples = spec["examples"];
      for (std::size_t i = 0; examples.is_array() && i < examples.size(); ++i) {
        if (examples[i].is_string()) {
          rule.examples.push_back(examples[i].get<std::string>());
        } else {
          reader.Report(where / "examples" / i, id, "examples must be strings");
        }
      }
    }
    if (reader.ok() && answer_ok) rules->push_back(std::move(rule));
  }
}

void RuleLoader::Finish(const std::vector<Rule>& rules,
                        Diagnostics* diagnostics) const {
  for (std::string_view kind : kFallbackKinds) {
    const auto count = std::count_if(rules.begin(), rules.end(), [&](const Rule& r) {
      return r.kind == RuleKind::kFallback && r.fallback == kind;
    });
    if (count == 0) {
      diagnostics->push_back({"", 0, fmt::format(
          "no rule with \"fallback\": \"{}\"; the engine needs one", kind)});
    } else if (count == 1) {
      const Rule& rule = *std::find_if(rules.begin(), rules.end(), [&](const Rule& r) {
        return r.kind == RuleKind::kFallback && r.fallback == kind;
      });
      auto report = [&](std::string_view message) {
        diagnostics->push_back({rule.file, rule.line, fmt::format("rule {}: {}", rule.id, message)});
      };
      if (rule.topic.empty()) report("a fallback needs a \"topic\" for its answers");
      if (kind == "urgent" &&
          (!rule.answer.referral || rule.answer.referral->to != "medical")) {
        report("the urgent fallback must refer to \"medical\" (the contract says so)");
      }
      if ((kind == "urgent" || kind == "retrieval" || kind == "caution") &&
          (!rule.answer.hedges || rule.answer.hedges->empty())) {
        report("this fallback answers advice topics, so it needs hedges");
      }
    } else if (count > 1) {
      diagnostics->push_back({"", 0, fmt::format(
          "{} rules with \"fallback\": \"{}\"; keep one", count, kind)});
    }
  }
}

}  // namespace spotter
