// `spotter eval CASES.jsonl [DIALOGUES.jsonl]`: answers every labelled case
// (each in a new conversation) and every dialogue (turns in one
// conversation), prints each failure and the scores, and exits 1 when a
// score is below a threshold given as a flag or a safety invariant breaks.
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/eval_scores.h"

namespace spotter::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kUsage = R"(usage: spotter eval CASES.jsonl [DIALOGUES.jsonl] [thresholds]
thresholds (fail below / above):
  --min-topic-accuracy X     --min-dialogue-accuracy X   --min-follow-up-accuracy X
  --min-red-flag-recall X    --max-false-urgent X        --min-caution-recall X
--quiet prints the scores without the failures.
)";

std::optional<LabelledTurn> ReadTurn(const json& value, std::string id) {
  if (!value.is_object() || !value.contains("text") || !value["text"].is_string()) {
    return std::nullopt;
  }
  auto text_or = [&](const char* key, const char* fallback) {
    return value.contains(key) && value[key].is_string() ? value[key].get<std::string>()
                                                         : std::string(fallback);
  };
  LabelledTurn turn;
  turn.id = std::move(id);
  turn.text = value["text"].get<std::string>();
  turn.topic = text_or("topic", "*");
  turn.safety = text_or("safety", "none");
  if (value.contains("follow_up") && value["follow_up"].is_boolean()) {
    turn.follow_up = value["follow_up"].get<bool>();
  }
  return turn;
}

// Reads JSON lines, reporting unreadable ones as file:line.
std::vector<json> ReadJsonLines(const std::string& path, bool* ok) {
  std::vector<json> out;
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot read the file\n";
    *ok = false;
    return out;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json value = json::parse(line, nullptr, false);
    if (value.is_discarded()) {
      std::cerr << fmt::format("{}:{}: not valid JSON\n", path, number);
      *ok = false;
      continue;
    }
    out.push_back(std::move(value));
  }
  return out;
}

void Answer(const Engine& engine, const LabelledTurn& turn, DialogueState* state,
            bool in_dialogue, EvalScores* scores) {
  Result<spotter::Answer> answer = engine.Answer(turn.text, state);
  if (!answer.ok()) {
    scores->AddRefused(turn, answer.error().message);
    return;
  }
  scores->Add(turn, answer.value(), in_dialogue,
              engine.IsAdviceTopic(answer.value().topic));
}

}  // namespace

int RunEval(int argc, char** argv) {
  const std::vector<std::string> thresholds = {
      "min-topic-accuracy",  "min-dialogue-accuracy", "min-follow-up-accuracy",
      "min-red-flag-recall", "max-false-urgent",      "min-caution-recall"};
  OptionSpec spec{{thresholds.begin(), thresholds.end()}, {"quiet", "help"}};
  std::string error;
  auto args = ParseArgs("eval", argc, argv, WithDataOptions(spec), &error);
  if (!args || args->positional.empty() || args->positional.size() > 2) {
    std::cerr << (args ? "spotter eval needs one or two files" : error) << '\n'
              << kUsage;
    return args && args->Has("help") ? 0 : 2;
  }
  std::map<std::string, double> limits;
  for (const std::string& name : thresholds) {
    if (auto value = args->Get(name)) {
      try {
        limits[name] = std::stod(*value);
      } catch (const std::exception&) {
        std::cerr << fmt::format("--{} needs a number, got \"{}\"\n", name, *value);
        return 2;
      }
    }
  }
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(*args);
  if (!engine) return 1;

  bool files_ok = true;
  EvalScores scores;
  for (const json& value : ReadJsonLines(args->positional[0], &files_ok)) {
    const std::string id =
        value.is_object() && value.contains("id") && value["id"].is_string()
            ? value["id"].get<std::string>() : "?";
    auto turn = ReadTurn(value, id);
    if (!turn) {
      std::cerr << "skipping a case without \"text\": " << value.dump() << '\n';
      files_ok = false;
      continue;
    }
    DialogueState fresh;
    Answer(*engine, *turn, &fresh, /*in_dialogue=*/false, &scores);
  }
  if (args->positional.size() == 2) {
    for (const json& dialogue : ReadJsonLines(args->positional[1], &files_ok)) {
      const bool is_object = dialogue.is_object();
      const std::string id = is_object && dialogue.contains("id") && dialogue["id"].is_string()
                                 ? dialogue["id"].get<std::string>() : "?";
      if (!is_object || !dialogue.contains("turns") || !dialogue["turns"].is_array()) {
        std::cerr << "skipping dialogue " << id << " without \"turns\"\n";
        files_ok = false;
        continue;
      }
      DialogueState state;
      int index = 0;
      for (const json& value : dialogue["turns"]) {
        auto turn = ReadTurn(value, fmt::format("{}#{}", id, ++index));
        if (!turn) {
          std::cerr << "skipping a turn of " << id << " without \"text\"\n";
          files_ok = false;
          continue;
        }
        Answer(*engine, *turn, &state, /*in_dialogue=*/true, &scores);
      }
    }
  }

  if (!args->Has("quiet")) {
    for (const std::string& failure : scores.failures) std::cout << failure << '\n';
  }
  struct Line {
    std::string name;
    Ratio ratio;
    std::string limit;
  };
  const std::vector<Line> lines = {
      {"topic accuracy", scores.topic_accuracy, "min-topic-accuracy"},
      {"dialogue turn accuracy", scores.dialogue_accuracy, "min-dialogue-accuracy"},
      {"follow-up accuracy", scores.follow_up_accuracy, "min-follow-up-accuracy"},
      {"red-flag recall", scores.red_flag_recall, "min-red-flag-recall"},
      {"false-urgent rate", scores.false_urgent, "max-false-urgent"},
      {"caution recall", scores.caution_recall, "min-caution-recall"},
      {"safety level accuracy", scores.safety_accuracy, ""},
  };
  bool pass = files_ok;
  std::cout << '\n';
  for (const Line& line : lines) {
    std::string verdict;
    if (auto it = limits.find(line.limit); it != limits.end()) {
      const bool is_max = line.limit.starts_with("max");
      const bool ok = is_max ? line.ratio.value() <= it->second + 1e-9
                             : line.ratio.value() >= it->second - 1e-9;
      verdict = fmt::format("  ({} {} {:.2f})", ok ? "ok:" : "BELOW:",
                            is_max ? "max" : "min", it->second);
      if (is_max && !ok) verdict = fmt::format("  (ABOVE: max {:.2f})", it->second);
      pass = pass && ok;
    }
    std::cout << fmt::format("{:<24} {:.3f}  ({}/{}){}\n", line.name,
                             line.ratio.value(), line.ratio.hits, line.ratio.total,
                             verdict);
  }
  std::cout << fmt::format("unhedged advice answers  {}\n", scores.unhedged_advice);
  std::cout << fmt::format("urgent without medical   {}\n",
                           scores.urgent_without_medical_referral);
  pass = pass && scores.unhedged_advice == 0 &&
         scores.urgent_without_medical_referral == 0;
  std::cout << (pass ? "eval: pass\n" : "eval: FAIL\n");
  return pass ? 0 : 1;
}

}  // namespace spotter::cli
