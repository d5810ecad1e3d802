// Runs the real `spotter` binary as a user would, with good and bad input:
// every bad input gets a clear error and a non-zero exit, never a crash.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/unit/temp_dir.h"

namespace spotter {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

CliRun Spotter(const std::string& arguments, const std::string& stdin_text = "") {
  testing::TempDir dir;
  const auto input = dir.Write("stdin", stdin_text);
  const std::string command = std::string(SPOTTER_BINARY) +
      " --rules tests/data/tiny/rules --corpus tests/data/tiny/corpus " +
      arguments + " < " + input.string() + " 2>&1";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

TEST(Cli, AskPrintsOneAnswerObject) {
  const CliRun run = Spotter("ask 'my lower back is sore after heavy deadlifts'");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const auto answer = nlohmann::json::parse(run.out);
  EXPECT_EQ(answer["type"], "answer");
  EXPECT_EQ(answer["topic"], "back.soreness.deadlift");
}

TEST(Cli, AskRefusesAnEmptyQuestion) {
  const CliRun run = Spotter("ask '   '");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(nlohmann::json::parse(run.out)["code"], "bad_request");
}

TEST(Cli, AskRefusesInvalidUtf8) {
  const CliRun run = Spotter("ask \"$(printf 'sore \\377 back')\"");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("not valid UTF-8"), std::string::npos);
}

// A 1 MB argument exceeds the kernel's limit, so a question that long can
// only arrive on standard input.
TEST(Cli, AskRefusesAOneMegabyteQuestion) {
  const std::string line =
      "{\"text\": \"" + std::string(1 << 20, 'a') + "\"}\n{\"text\": \"hello\"}\n";
  const CliRun run = Spotter("ask --jsonl", line);
  EXPECT_EQ(run.exit_code, 0);
  const std::size_t newline = run.out.find('\n');
  EXPECT_EQ(nlohmann::json::parse(run.out.substr(0, newline))["code"], "too_large");
  EXPECT_EQ(nlohmann::json::parse(run.out.substr(newline + 1))["topic"], "greeting");
}

TEST(Cli, JsonLinesKeepSessionsAndSurviveBadLines) {
  const CliRun run = Spotter("ask --jsonl",
      "{\"text\": \"my lower back is sore after deadlifts\", \"session\": \"a\"}\n"
      "this is not json\n"
      "{\"text\": \"hello\", \"session\": \"b\"}\n"
      "[1, 2]\n"
      "{\"text\": \"strength\", \"session\": \"a\"}\n"
      "{\"text\": \"\\u00ff\\u00fe\", \"session\": 7}\n");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < run.out.size()) {
    const std::size_t end = run.out.find('\n', start);
    lines.push_back(nlohmann::json::parse(run.out.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0]["topic"], "back.soreness.deadlift");
  EXPECT_EQ(lines[1]["code"], "bad_request");
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_EQ(lines[2]["topic"], "greeting");
  EXPECT_EQ(lines[3]["code"], "bad_request");
  EXPECT_EQ(lines[4]["topic"], "back.soreness.deadlift");
  EXPECT_TRUE(lines[4]["follow_up"].is_null());
  EXPECT_EQ(lines[5]["type"], "answer");
}

TEST(Cli, ReportsAnUnreadableRulesDirectory) {
  const CliRun run = Spotter("--rules /nonexistent/rules ask hello");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("/nonexistent/rules: rules directory not found"),
            std::string::npos) << run.out;
}

TEST(Cli, ReportsABrokenRuleFileWithItsLine) {
  testing::TempDir dir;
  dir.CopyFrom("tests/data/tiny", "set");
  dir.Write("set/rules/broken.json", "{\n\"rules\": [\n  {\"id\": }\n]}\n");
  const std::string set = (dir.path() / "set").string();
  const CliRun run = Spotter("--rules " + set + "/rules --corpus " + set + "/corpus check");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("broken.json:3: JSON syntax error"), std::string::npos) << run.out;
}

TEST(Cli, CheckPassesOnTheFixture) {
  const CliRun run = Spotter("check");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find(": ok"), std::string::npos);
}

TEST(Cli, ShowSourcePrintsAPassageAndRefusesUnknownIds) {
  const CliRun known = Spotter("show-source soreness#why");
  EXPECT_EQ(known.exit_code, 0);
  EXPECT_NE(known.out.find("Why the low back gets sore"), std::string::npos);
  const CliRun unknown = Spotter("show-source soreness#nope");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("no passage with id"), std::string::npos);
}

TEST(Cli, ExplainShowsTheRoute) {
  const CliRun run = Spotter("explain 'lower back sore after dedlifts'");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("dedlifts -> deadlifts"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("route:       rule"), std::string::npos);
}

TEST(Cli, EvalScoresCasesAndFailsBelowThresholds) {
  const CliRun run = Spotter(
      "eval tests/data/eval-tiny.jsonl tests/data/eval-tiny-dialogues.jsonl "
      "--min-topic-accuracy 0.5 --min-red-flag-recall 1");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("FAIL t4"), std::string::npos);
  EXPECT_NE(run.out.find("topic accuracy           0.667  (2/3)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("follow-up accuracy       1.000  (2/2)"), std::string::npos);
  const CliRun strict = Spotter("eval tests/data/eval-tiny.jsonl --min-topic-accuracy 0.9");
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.out.find("BELOW"), std::string::npos);
}

TEST(Cli, UnknownCommandsAndOptionsAreUsageErrors) {
  EXPECT_EQ(Spotter("fly").exit_code, 2);
  EXPECT_EQ(Spotter("ask --wat").exit_code, 2);
}

}  // namespace
}  // namespace spotter
