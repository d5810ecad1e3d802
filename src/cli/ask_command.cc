// `spotter ask`: one question, an interactive chat, or a JSON-lines stream of
// several conversations at once (sessions keep their state, exactly as the
// server keeps it per WebSocket session).
#include <unistd.h>

#include <iostream>
#include <map>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/answer_printer.h"
#include "cli/cli_args.h"
#include "cli/commands.h"
#include "compose/answer_json.h"

namespace spotter::cli {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kUsage = R"(usage:
  spotter ask "question"      print one answer object
  spotter ask                 chat; the conversation is kept (--json: raw answers)
  spotter ask --jsonl         read {"text": "...", "session": "s1"} lines on stdin,
                              write one answer object per line
options: --rules DIR, --corpus DIR
)";

void Emit(const json& value) { std::cout << value.dump() << '\n' << std::flush; }

json LineError(int line_number, std::string message) {
  json error = ErrorToJson({ErrorCode::kBadRequest, std::move(message)});
  error["line"] = line_number;
  return error;
}

int RunJsonLines(const Engine& engine) {
  std::map<std::string, DialogueState> sessions;
  std::string line;
  int line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json request = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) {
      Emit(LineError(line_number, "not valid JSON (or not valid UTF-8)"));
      continue;
    }
    if (!request.is_object() || !request.contains("text") ||
        !request["text"].is_string()) {
      Emit(LineError(line_number, "expected an object with a string \"text\""));
      continue;
    }
    std::string session = "default";
    if (request.contains("session")) {
      const json& id = request["session"];
      if (!id.is_string() && !id.is_number()) {
        Emit(LineError(line_number, "\"session\" must be a string"));
        continue;
      }
      session = id.is_string() ? id.get<std::string>() : id.dump();
    }
    Result<Answer> answer =
        engine.Answer(request["text"].get<std::string>(), &sessions[session]);
    if (!answer.ok()) {
      json error = ErrorToJson(answer.error());
      error["line"] = line_number;
      Emit(error);
      continue;
    }
    Emit(AnswerToJson(answer.value()));
  }
  return 0;
}

int RunInteractive(const Engine& engine, bool raw_json) {
  const bool at_terminal = isatty(STDIN_FILENO) != 0;
  if (at_terminal) {
    std::cout << "spotter: ask about training, soreness, pain or goals. "
                 "Ctrl-D or \"quit\" to leave.\n";
  }
  DialogueState state;
  std::string line;
  while (true) {
    if (at_terminal) std::cout << "\nyou> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (line == "quit" || line == "exit") break;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Result<Answer> answer = engine.Answer(line, &state);
    if (!answer.ok()) {
      std::cout << "spotter: " << answer.error().message << '\n';
      continue;
    }
    if (raw_json) {
      std::cout << AnswerToJson(answer.value()).dump(2) << '\n';
    } else {
      std::cout << "\nspotter> " << RenderAnswer(answer.value());
    }
  }
  if (at_terminal) std::cout << '\n';
  return 0;
}

}  // namespace

int RunAsk(int argc, char** argv) {
  int exit_code = 0;
  auto args = ParseOrExplain("ask", argc, argv, WithDataOptions({{}, {"jsonl", "json", "help"}}), kUsage, &exit_code);
  if (!args) return exit_code;
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(*args);
  if (!engine) return 1;
  if (args->Has("jsonl")) return RunJsonLines(*engine);
  if (args->positional.empty()) return RunInteractive(*engine, args->Has("json"));

  std::string question;
  for (const std::string& word : args->positional) {
    if (!question.empty()) question += ' ';
    question += word;
  }
  DialogueState state;
  Result<Answer> answer = engine->Answer(question, &state);
  if (!answer.ok()) {
    std::cout << ErrorToJson(answer.error()).dump(2) << '\n';
    return 1;
  }
  std::cout << AnswerToJson(answer.value()).dump(2) << '\n';
  return 0;
}

}  // namespace spotter::cli
