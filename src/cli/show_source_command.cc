// `spotter show-source ID`: prints a corpus passage, the answer's sources'
// full text.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/cli_args.h"
#include "cli/commands.h"

namespace spotter::cli {

int RunShowSource(int argc, char** argv) {
  constexpr std::string_view kUsage =
      "usage: spotter show-source ID [--json] [--rules DIR] [--corpus DIR]\n"
      "  e.g. spotter show-source deadlift-soreness#why\n";
  std::string error;
  auto args = ParseArgs("show-source", argc, argv,
                        WithDataOptions({{}, {"json", "help"}}), &error);
  if (!args || (!args->Has("help") && args->positional.size() != 1)) {
    std::cerr << (args ? "spotter show-source needs one passage id" : error)
              << '\n' << kUsage;
    return 2;
  }
  if (args->Has("help")) {
    std::cout << kUsage;
    return 0;
  }
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(*args);
  if (!engine) return 1;
  const std::string& id = args->positional.front();
  std::optional<SourceRef> passage = engine->FindPassage(id);
  if (!passage) {
    std::cerr << "spotter show-source: no passage with id \"" << id
              << "\" (ids look like file-stem#anchor)\n";
    return 1;
  }
  if (args->Has("json")) {
    std::cout << nlohmann::json{{"id", passage->id},
                                {"title", passage->title},
                                {"text", passage->excerpt}}.dump(2)
              << '\n';
  } else {
    std::cout << passage->title << "  [" << passage->id << "]\n\n"
              << passage->excerpt << '\n';
  }
  return 0;
}

}  // namespace spotter::cli
