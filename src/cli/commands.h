// The spotter subcommands. Each takes the parsed arguments and returns the
// process exit code: 0 success, 1 a problem in the data or below thresholds,
// 2 bad usage.
#ifndef SPOTTER_CLI_COMMANDS_H_
#define SPOTTER_CLI_COMMANDS_H_

namespace spotter::cli {

int RunAsk(int argc, char** argv);
int RunCheck(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunEval(int argc, char** argv);
int RunShowSource(int argc, char** argv);
int RunServe(int argc, char** argv);
int RunCoach(int argc, char** argv);

}  // namespace spotter::cli

#endif  // SPOTTER_CLI_COMMANDS_H_
