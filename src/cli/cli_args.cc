#include "cli/cli_args.h"

#include <iostream>
#include <iterator>

#include <fmt/format.h>

namespace spotter::cli {

std::optional<std::string> CliArgs::Get(const std::string& name) const {
  // The last occurrence wins, as users expect when they override a default.
  auto [first, last] = options.equal_range(name);
  if (first == last) return std::nullopt;
  return std::prev(last)->second;
}

std::vector<std::string> CliArgs::GetAll(const std::string& name) const {
  std::vector<std::string> out;
  auto [first, last] = options.equal_range(name);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

std::optional<CliArgs> ParseArgs(const std::string& command, int argc,
                                 char** argv, OptionSpec spec,
                                 std::string* error) {
  CliArgs args;
  args.command = command;
  bool options_done = false;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (!options_done && arg == "--") {
      options_done = true;  // everything after is an argument
      continue;
    }
    if (options_done || arg.size() < 3 || !arg.starts_with("--")) {
      args.positional.push_back(std::move(arg));
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (spec.with_value.contains(name)) {
      if (!value) {
        if (i + 1 >= argc) {
          *error = fmt::format("option --{} needs a value", name);
          return std::nullopt;
        }
        value = argv[++i];
      }
      args.options.emplace(name, *value);
    } else if (spec.flags.contains(name) && !value) {
      args.options.emplace(name, "");
    } else {
      *error = fmt::format("spotter {}: unknown option --{}", command, name);
      return std::nullopt;
    }
  }
  return args;
}

std::optional<CliArgs> ParseOrExplain(const std::string& command, int argc, char** argv,
                                      OptionSpec spec, std::string_view usage, int* exit_code) {
  std::string error;
  std::optional<CliArgs> args = ParseArgs(command, argc, argv, std::move(spec), &error);
  if (!args) {
    std::cerr << error << '\n' << usage;
    *exit_code = 2;
    return std::nullopt;
  }
  if (args->Has("help")) {
    std::cout << usage;
    *exit_code = 0;
    return std::nullopt;
  }
  return args;
}

OptionSpec WithDataOptions(OptionSpec spec) {
  spec.with_value.insert({"rules", "corpus"});
  return spec;
}

EngineOptions ToEngineOptions(const CliArgs& args) {
  EngineOptions options;
  if (auto rules = args.Get("rules")) options.rules_dir = *rules;
  if (auto corpus = args.Get("corpus")) options.corpus_dir = *corpus;
  return options;
}

std::shared_ptr<const Engine> LoadEngineOrReport(const CliArgs& args) {
  Engine::Loaded loaded = Engine::Load(ToEngineOptions(args));
  for (const Diagnostic& problem : loaded.diagnostics) {
    std::cerr << problem.ToString() << '\n';
  }
  if (!loaded.engine) {
    std::cerr << fmt::format("spotter: could not load the rules ({} problem{})\n",
                             loaded.diagnostics.size(),
                             loaded.diagnostics.size() == 1 ? "" : "s");
  }
  return loaded.engine;
}

}  // namespace spotter::cli
