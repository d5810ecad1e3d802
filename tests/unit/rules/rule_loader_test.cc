#include "rules/rule_loader.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/unit/temp_dir.h"

namespace spotter {
namespace {

using testing::TempDir;

// The tiny fixture plus one extra rule file; returns what loading reports.
Diagnostics LoadWithExtraFile(const std::string& contents) {
  TempDir dir;
  dir.CopyFrom("tests/data/tiny", "set");
  dir.Write("set/rules/zz_extra.json", contents);
  EngineOptions options;
  options.rules_dir = dir.path() / "set/rules";
  options.corpus_dir = dir.path() / "set/corpus";
  Engine::Loaded loaded = Engine::Load(options);
  EXPECT_EQ(loaded.engine == nullptr, !loaded.diagnostics.empty());
  for (Diagnostic& d : loaded.diagnostics) {
    d.file = std::filesystem::path(d.file).filename().string();
  }
  return loaded.diagnostics;
}

std::string RuleFile(const std::string& body) {
  // The rule starts on line 3; body lines follow from line 4.
  return "{\n\"rules\": [\n{ \"id\": \"extra\", \"topic\": \"back.soreness.deadlift\",\n" +
         body + "\n}]}\n";
}

constexpr const char* kAnswer =
    "\"answer\": {\"summary\": \"s\", \"hedges\": [\"h\"]}";

TEST(RuleLoader, LoadsTheTinyFixtureCleanly) {
  EngineOptions options;
  options.rules_dir = "tests/data/tiny/rules";
  options.corpus_dir = "tests/data/tiny/corpus";
  Engine::Loaded loaded = Engine::Load(options);
  for (const Diagnostic& d : loaded.diagnostics) ADD_FAILURE() << d.ToString();
  EXPECT_NE(loaded.engine, nullptr);
}

TEST(RuleLoader, ReportsLineOfUnknownConcept) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      std::string("\"all\": [\"~back\",\n\"~deadlfit\"],\n") + kAnswer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(),
            "zz_extra.json:5: rule extra: unknown concept ~deadlfit");
}

TEST(RuleLoader, ReportsLineOfBadRegex) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      std::string("\"patterns\": [\"(unclosed\"],\n") + kAnswer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 4);
  EXPECT_NE(problems[0].message.find("bad regex"), std::string::npos);
}

TEST(RuleLoader, RejectsRepeatedWildcards) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      std::string("\"patterns\": [\"back.*sore\"],\n") + kAnswer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 4);
  EXPECT_NE(problems[0].message.find("repeats a wildcard"), std::string::npos);
  EXPECT_NE(RuleLoader::RepeatedWildcard("back.+sore"), "");
  EXPECT_NE(RuleLoader::RepeatedWildcard("back.{0,20}sore"), "");
  EXPECT_NE(RuleLoader::RepeatedWildcard("back[^.]+sore"), "");
  EXPECT_NE(RuleLoader::RepeatedWildcard("pain( \\w+){0,8} weeks"), "");
  EXPECT_EQ(RuleLoader::RepeatedWildcard("back\\.*"), "");
  EXPECT_EQ(RuleLoader::RepeatedWildcard("\\b(2|3) (week|month)s?\\b"), "");
  EXPECT_EQ(RuleLoader::RepeatedWildcard("\\bpain\\w*\\b"), "");
}

TEST(RuleLoader, ReportsLineOfUnknownTopic) {
  const Diagnostics problems = LoadWithExtraFile(
      "{\"rules\": [\n{\"id\": \"x\",\n \"topic\": \"back.sorenes\",\n"
      " \"all\": [\"~back\"], \"answer\": {\"summary\": \"s\", \"hedges\": [\"h\"]}}]}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(problems[0].message.find("unknown topic \"back.sorenes\""),
            std::string::npos);
}

TEST(RuleLoader, ReportsDuplicateIdWithBothPlaces) {
  const Diagnostics problems = LoadWithExtraFile(
      "{\"rules\": [\n{\"id\": \"greeting\", \"topic\": \"greeting\",\n"
      " \"all\": [\"~greeting\"], \"answer\": {\"summary\": \"hi\"}}]}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_NE(problems[0].message.find("duplicate id; first defined at"),
            std::string::npos);
}

TEST(RuleLoader, ReportsMissingHedgeOnAnAdviceTopic) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      "\"all\": [\"~back\"],\n\"answer\": {\"summary\": \"s\"}"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 5);
  EXPECT_NE(problems[0].message.find("at least one hedge"), std::string::npos);
}

TEST(RuleLoader, ReportsSourceThatIsNotInTheCorpus) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      std::string("\"all\": [\"~back\"],\n") + kAnswer +
      ",\n\"sources\": [\"soreness#why\",\n \"soreness#nope\"]"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 7);
  EXPECT_NE(problems[0].message.find("source soreness#nope is not a passage"),
            std::string::npos);
}

TEST(RuleLoader, ReportsUnknownKeys) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(
      std::string("\"all\": [\"~back\"],\n\"alll\": [],\n") + kAnswer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 5);
}

TEST(RuleLoader, ReportsARuleWithoutConditions) {
  const Diagnostics problems = LoadWithExtraFile(RuleFile(kAnswer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("needs \"all\""), std::string::npos);
}

TEST(RuleLoader, ReportsSyntaxErrorsWithLine) {
  const Diagnostics problems = LoadWithExtraFile("{\n\"rules\": [\n{\"id\": \"x\",,}\n]}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(problems[0].message.find("JSON syntax error"), std::string::npos);
}

TEST(RuleLoader, ReportsEveryProblemInOneRun) {
  const Diagnostics problems = LoadWithExtraFile(
      "{\"rules\": [\n"
      "{\"id\": \"a\", \"topic\": \"nope\", \"all\": [\"~back\"], \"answer\": {\"summary\": \"s\"}},\n"
      "{\"id\": \"b\", \"topic\": \"greeting\", \"all\": [\"~missing\"], \"answer\": {\"summary\": \"s\"}}\n"
      "]}");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[1].line, 3);
}

TEST(RuleLoader, ReportsWronglyTypedFieldsInsteadOfCrashing) {
  const Diagnostics problems = LoadWithExtraFile(
      "{\"rules\": [{\"id\": \"x\", \"safety\": \"urgent\", \"flag\": 5,\n"
      "\"message\": [\"m\"], \"all\": [\"~back\"]}]}");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("needs a \"flag\""), std::string::npos);
}

TEST(RuleLoader, RejectsPatternsThatMatchTheEmptyString) {
  for (const char* pattern : {"", "\\\\b", "(x)?"}) {
    const Diagnostics problems = LoadWithExtraFile(RuleFile(
        std::string("\"patterns\": [\"") + pattern + "\"],\n" + kAnswer));
    ASSERT_EQ(problems.size(), 1u) << pattern;
    EXPECT_NE(problems[0].message.find("empty string"), std::string::npos) << pattern;
  }
}

TEST(RuleLoader, RejectsOutOfRangePriorities) {
  for (const char* priority : {"11", "-11", "4294967297", "-2147483648"}) {
    const Diagnostics problems = LoadWithExtraFile(RuleFile(
        std::string("\"all\": [\"~back\"], \"priority\": ") + priority + ",\n" + kAnswer));
    ASSERT_EQ(problems.size(), 1u) << priority;
  }
}

TEST(RuleLoader, RefusesDeeplyNestedFiles) {
  const Diagnostics problems =
      LoadWithExtraFile(std::string(5000, '[') + std::string(5000, ']'));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("nested deeper"), std::string::npos);
}

TEST(RuleLoader, ReportsTopLevelKeysWithPointerCharacters) {
  const Diagnostics problems = LoadWithExtraFile("{\"~deadlift2\": [\"dl\"]}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("unknown section"), std::string::npos);
}

TEST(RuleLoader, RequiresEveryFallback) {
  TempDir dir;
  dir.CopyFrom("tests/data/tiny", "set");
  dir.Write("set/rules/rules.json", "{\"rules\": []}");
  EngineOptions options;
  options.rules_dir = dir.path() / "set/rules";
  options.corpus_dir = dir.path() / "set/corpus";
  const Engine::Loaded loaded = Engine::Load(options);
  EXPECT_EQ(loaded.engine, nullptr);
  EXPECT_EQ(loaded.diagnostics.size(), 5u);
}

TEST(RuleLoader, ReportsAMissingRulesDirectory) {
  EngineOptions options;
  options.rules_dir = "tests/data/does-not-exist";
  options.corpus_dir = "tests/data/tiny/corpus";
  const Engine::Loaded loaded = Engine::Load(options);
  EXPECT_EQ(loaded.engine, nullptr);
  ASSERT_FALSE(loaded.diagnostics.empty());
  EXPECT_NE(loaded.diagnostics[0].message.find("rules directory not found"),
            std::string::npos);
}

}  // namespace
}  // namespace spotter
