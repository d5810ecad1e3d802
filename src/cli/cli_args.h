// Command-line parsing for `spotter COMMAND [options] [arguments]`: options
// are --name VALUE or --name=VALUE (or bare --flag), the rest are positional.
// Each command says which options it takes; anything else is an error the
// user sees, not something silently ignored.
#ifndef SPOTTER_CLI_CLI_ARGS_H_
#define SPOTTER_CLI_CLI_ARGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace spotter::cli {

struct CliArgs {
  std::string command;
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> options;  // "rules" -> "rules/"

  bool Has(const std::string& name) const { return options.contains(name); }
  // The value given last.
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
};

// Options that take a value; others are flags.
struct OptionSpec {
  std::set<std::string> with_value;
  std::set<std::string> flags;
};

// Parses argv[2..] for `command`; on a bad option returns nullopt and sets
// `error`.
std::optional<CliArgs> ParseArgs(const std::string& command, int argc,
                                 char** argv, OptionSpec spec,
                                 std::string* error);

// ParseArgs for a command's entry point: on a bad option prints the error
// and `usage` to stderr (*exit_code 2); on --help prints `usage` (*exit_code
// 0). Returns the arguments only when the command should go on.
std::optional<CliArgs> ParseOrExplain(const std::string& command, int argc, char** argv,
                                      OptionSpec spec, std::string_view usage, int* exit_code);

// --rules and --corpus, as every command that loads the engine accepts them.
OptionSpec WithDataOptions(OptionSpec spec);
EngineOptions ToEngineOptions(const CliArgs& args);

// Loads the engine, printing every problem as file:line: message to stderr.
// nullptr when it failed.
std::shared_ptr<const Engine> LoadEngineOrReport(const CliArgs& args);

}  // namespace spotter::cli

#endif  // SPOTTER_CLI_CLI_ARGS_H_
