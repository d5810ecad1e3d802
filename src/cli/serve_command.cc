// `spotter serve`: the chat server. Every flag has a SPOTTER_* environment
// variable of the same name (SPOTTER_PORT for --port); flags win.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "server/server.h"

namespace spotter::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: spotter serve [options]
  --host H              address to listen on (127.0.0.1)
  --port P              port, 0 for any free one (8080)
  --db FILE             SQLite database for sessions (./spotter.db)
  --threads N           I/O threads (one per core)
  --max-connections N   chat sockets at once; more get 503 (10000)
  --idle-timeout S      seconds before a silent socket is closed (120)
  --max-messages-per-second N   per connection; more get rate_limited (20)
  --admin-token T       lets POST /admin/reload come from beyond loopback
  --coach-reply-hours N what users who escalate with no coach online are told (24)
  --web DIR             serve the web pages from DIR (e.g. ./web) instead of the
                        copies built in: edit the widget without a rebuild
  --log-text            put message text in the request log (off)
  --rules DIR, --corpus DIR
Each option can also be set as SPOTTER_<NAME> (SPOTTER_PORT=9000).
)";

// The flag's value, else the environment's, else nullopt.
std::optional<std::string> Setting(const CliArgs& args, const std::string& name) {
  if (auto value = args.Get(name)) return value;
  std::string variable = "SPOTTER_";
  for (char c : name) variable += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  if (const char* value = std::getenv(variable.c_str())) return std::string(value);
  return std::nullopt;
}

bool ParseNumber(const std::string& text, unsigned long max, unsigned long* out) {
  try {
    std::size_t used = 0;
    const unsigned long value = std::stoul(text, &used);
    if (used != text.size() || value > max) return false;
    *out = value;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int RunServe(int argc, char** argv) {
  int exit_code = 0;
  auto args = ParseOrExplain("serve", argc, argv,
                             WithDataOptions({{"host", "port", "db", "threads", "max-connections",
                                               "idle-timeout", "admin-token",
                                               "max-messages-per-second", "coach-reply-hours",
                                               "web"},
                                              {"log-text", "help"}}),
                             kUsage, &exit_code);
  if (!args) return exit_code;
  if (!args->positional.empty()) {
    std::cerr << "spotter serve takes no arguments\n" << kUsage;
    return 2;
  }
  ServerOptions options;
  options.engine = ToEngineOptions(*args);
  if (auto rules = Setting(*args, "rules")) options.engine.rules_dir = *rules;
  if (auto corpus = Setting(*args, "corpus")) options.engine.corpus_dir = *corpus;
  if (auto host = Setting(*args, "host")) options.host = *host;
  if (auto db = Setting(*args, "db")) options.db_path = *db;
  if (auto token = Setting(*args, "admin-token")) options.admin_token = *token;
  if (auto web = Setting(*args, "web")) options.web_dir = *web;
  options.log_message_text = args->Has("log-text");
  struct NumberSetting {
    const char* name;
    unsigned long max;
    std::function<void(unsigned long)> apply;
  };
  const NumberSetting numbers[] = {
      {"port", 65535, [&](unsigned long v) { options.port = static_cast<std::uint16_t>(v); }},
      {"threads", 256, [&](unsigned long v) { options.threads = static_cast<unsigned>(v); }},
      {"max-connections", 1000000, [&](unsigned long v) { options.max_connections = v; }},
      {"idle-timeout", 86400,
       [&](unsigned long v) { options.idle_timeout = std::chrono::seconds(v); }},
      {"max-messages-per-second", 1000000,
       [&](unsigned long v) { options.max_messages_per_second = static_cast<double>(v); }},
      {"coach-reply-hours", 720,
       [&](unsigned long v) { options.coach_reply_hours = static_cast<int>(v); }},
  };
  for (const NumberSetting& number : numbers) {
    auto text = Setting(*args, number.name);
    if (!text) continue;
    unsigned long value = 0;
    if (!ParseNumber(*text, number.max, &value)) {
      std::cerr << fmt::format("spotter serve: --{} must be a number from 0 to {}, got \"{}\"\n",
                               number.name, number.max, *text);
      return 2;
    }
    number.apply(value);
  }

  Result<std::unique_ptr<Server>> server = Server::Start(std::move(options));
  if (!server.ok()) {
    std::cerr << "spotter serve: " << server.error().message << '\n';
    return 1;
  }
  return server.value()->Run();
}

}  // namespace spotter::cli
