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
  int exit_code = 0;
  auto args = ParseOrExplain("check", argc, argv, WithDataOptions({{}, {"help"}}), kUsage,
                             &exit_code);
  if (!args) return exit_code;
  if (!args->positional.empty()) {
    std::cerr << "spotter check takes no arguments\n" << kUsage;
    return 2;
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
