// `spotter explain "question"`: how the answer was reached, for editors. With
// --after, earlier turns are played first, so a follow-up can be explained in
// its conversation.
#include <iostream>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "compose/answer_json.h"

namespace spotter::cli {

int RunExplain(int argc, char** argv) {
  constexpr std::string_view kUsage =
      "usage: spotter explain \"question\" [--after \"earlier turn\"]... [--json]\n"
      "       [--rules DIR] [--corpus DIR]\n";
  int exit_code = 0;
  auto args = ParseOrExplain("explain", argc, argv, WithDataOptions({{"after"}, {"json", "help"}}), kUsage, &exit_code);
  if (!args) return exit_code;
  if (args->positional.empty()) {
    std::cerr << "spotter explain needs a question\n" << kUsage;
    return 2;
  }
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(*args);
  if (!engine) return 1;

  DialogueState state;
  for (const std::string& turn : args->GetAll("after")) {
    if (Result<Answer> answer = engine->Answer(turn, &state); !answer.ok()) {
      std::cerr << "spotter explain: earlier turn refused: "
                << answer.error().message << '\n';
      return 1;
    }
  }
  std::string question;
  for (const std::string& word : args->positional) {
    if (!question.empty()) question += ' ';
    question += word;
  }
  Result<Explanation> explanation = engine->Explain(question, state);
  if (!explanation.ok()) {
    std::cout << ErrorToJson(explanation.error()).dump(2) << '\n';
    return 1;
  }
  if (args->Has("json")) {
    std::cout << explanation.value().ToJson().dump(2) << '\n';
  } else {
    std::cout << explanation.value().ToText();
  }
  return 0;
}

}  // namespace spotter::cli
