// spotter: a strength-training chat bot. This file only dispatches to the
// subcommands in this directory, one file each.
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/commands.h"

namespace {

constexpr std::string_view kUsage = R"(usage: spotter COMMAND [options]

commands:
  ask "question"          print one answer object (JSON)
  ask                     chat interactively; the conversation is kept
  ask --jsonl             read {"text", "session"} lines, write answer lines
  explain "question"      show how the answer was reached
  check                   validate rules and corpus, run every rule's examples
  show-source ID          print a corpus passage
  eval CASES [DIALOGUES]  score labelled cases (shared/eval format)
  serve                   the chat server (WebSocket /ws and /coach, web pages,
                          /healthz, /metrics)
  coach add|list|remove   coach accounts for the hand-off (--db FILE)

options for every command: --rules DIR (default ./rules), --corpus DIR
(default ./corpus). `spotter COMMAND --help` for more.
)";

// Lets the data options come before the command ("spotter --rules r ask"):
// moves the command to argv[1], keeping everything else in order.
void MoveCommandFirst(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--rules" || arg == "--corpus") && i + 1 < argc) {
      ++i;  // skip the option's value
      continue;
    }
    if (arg.starts_with("--")) continue;
    char* command = argv[i];
    for (int k = i; k > 1; --k) argv[k] = argv[k - 1];
    argv[1] = command;
    return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  MoveCommandFirst(argc, argv);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string_view command = argv[1];
  if (command == "ask") return spotter::cli::RunAsk(argc, argv);
  if (command == "check") return spotter::cli::RunCheck(argc, argv);
  if (command == "explain") return spotter::cli::RunExplain(argc, argv);
  if (command == "eval") return spotter::cli::RunEval(argc, argv);
  if (command == "show-source") return spotter::cli::RunShowSource(argc, argv);
  if (command == "serve") return spotter::cli::RunServe(argc, argv);
  if (command == "coach") return spotter::cli::RunCoach(argc, argv);
  std::cerr << "spotter: unknown command \"" << command << "\"\n\n" << kUsage;
  return 2;
}
