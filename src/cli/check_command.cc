// `spotter check`: validates rules and corpus (every problem as
// file:line: message), then runs every rule's examples and checks that every
// passage is cited. Editors run it before committing; CI runs it too.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_args.h"
#include "cli/commands.h"

namespace spotter::cli {

int RunCheck(int argc, char** argv) {
  constexpr std::string_view kUsage =
      "usage: spotter check [--rules DIR] [--corpus DIR]\n";
  std::string error;
  auto args = ParseArgs("check", argc, argv, WithDataOptions({{}, {"help"}}), &error);
  if (!args || !args->positional.empty()) {
    std::cerr << (args ? "spotter check takes no arguments" : error) << '\n' << kUsage;
    return 2;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(*args);
  if (!engine) return 1;
  const Diagnostics problems = engine->CheckExamples();
  for (const Diagnostic& problem : problems) std::cout << problem.ToString() << '\n';
  const EngineStats stats = engine->Stats();
  std::cout << fmt::format(
      "{} rule files, {} rules, {} concepts, {} passages, {} examples: {}\n",
      stats.rule_files, stats.rules, stats.concepts, stats.passages,
      stats.examples,
      problems.empty() ? "ok" : fmt::format("{} problems", problems.size()));
  return problems.empty() ? 0 : 1;
}

}  // namespace spotter::cli
