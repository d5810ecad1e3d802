// `spotter coach add|list|remove`: the accounts of the human coaches who take
// escalated conversations on /coach. `add` prints the new token once, alone
// on standard output (so scripts can capture it); only a salted hash is kept.
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "server/coach_credentials.h"
#include "server/sqlite_session_store.h"

namespace spotter::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: spotter coach COMMAND [--db FILE]
  add NAME       create a coach account and print its token (shown once)
  list           the coaches, with when they were added
  remove NAME    delete an account; its token stops working at the next sign-in
--db defaults to ./spotter.db (or SPOTTER_DB), the server's database.
)";

}  // namespace

int RunCoach(int argc, char** argv) {
  int exit_code = 0;
  auto args = ParseOrExplain("coach", argc, argv, {{"db"}, {"help"}}, kUsage, &exit_code);
  if (!args) return exit_code;
  const std::vector<std::string>& words = args->positional;
  const std::string action = words.empty() ? "" : words[0];
  const bool needs_name = action == "add" || action == "remove";
  if (!(needs_name || action == "list") || words.size() != (needs_name ? 2u : 1u)) {
    std::cerr << "spotter coach: expected add NAME, list or remove NAME\n" << kUsage;
    return 2;
  }
  std::string db = "spotter.db";
  if (const char* from_env = std::getenv("SPOTTER_DB")) db = from_env;
  if (auto from_flag = args->Get("db")) db = *from_flag;

  Result<std::unique_ptr<SqliteSessionStore>> opened = SqliteSessionStore::Open(db);
  if (!opened.ok()) {
    std::cerr << "spotter coach: " << opened.error().message << '\n';
    return 1;
  }
  SqliteSessionStore& store = *opened.value();

  if (action == "list") {
    for (const CoachRecord& coach : store.ListCoaches()) {
      std::cout << fmt::format("{}\tadded {}\n", coach.name, coach.created_at);
    }
    return 0;
  }
  const std::string& name = words[1];
  if (action == "remove") {
    if (!store.RemoveCoach(name)) {
      std::cerr << fmt::format("spotter coach: no coach named \"{}\"\n", name);
      return 1;
    }
    std::cerr << fmt::format("removed coach \"{}\"\n", name);
    return 0;
  }
  if (!IsValidCoachName(name)) {
    std::cerr << "spotter coach: a name is 1 to 40 letters, digits, spaces, '.', '-' or '_'\n";
    return 2;
  }
  const std::string token = NewCoachToken();
  Result<bool> added = store.AddCoach(MakeCoachRecord(name, token));
  if (!added.ok()) {
    std::cerr << "spotter coach: " << added.error().message << '\n';
    return 1;
  }
  if (!added.value()) {
    std::cerr << fmt::format("spotter coach: \"{}\" exists already (remove it first to "
                             "issue a new token)\n", name);
    return 1;
  }
  std::cerr << fmt::format("added coach \"{}\"; their token, shown only now, is on the next "
                           "line. They sign in with it at /coach.\n", name);
  std::cout << token << '\n';
  return 0;
}

}  // namespace spotter::cli
