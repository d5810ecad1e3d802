#include "retrieval/corpus.h"

#include <gtest/gtest.h>

#include "tests/unit/temp_dir.h"

namespace spotter {
namespace {

TEST(Corpus, SplitsAFileIntoPassagesWithStableIds) {
  Diagnostics problems;
  const auto passages = Corpus::Parse(
      "# Title\n\nintro is ignored\n\n## Why it hurts {#why}\nline one\nline two\n\n"
      "## What To Try!\ntext\n",
      "deadlift-soreness", "corpus/deadlift-soreness.md", &problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].id, "deadlift-soreness#why");
  EXPECT_EQ(passages[0].title, "Why it hurts");
  EXPECT_EQ(passages[0].text, "line one line two");
  EXPECT_EQ(passages[0].line, 5);
  EXPECT_EQ(passages[0].word_count, 4);
  EXPECT_EQ(passages[1].id, "deadlift-soreness#what-to-try");
}

TEST(Corpus, ReportsEmptyPassagesAndBadAnchors) {
  Diagnostics problems;
  Corpus::Parse("## A {#Bad Anchor}\ntext\n## Empty {#empty}\n", "x", "x.md", &problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_EQ(problems[1].line, 3);
}

TEST(Corpus, ReportsDuplicateIdsAcrossTheDirectory) {
  testing::TempDir dir;
  dir.Write("a.md", "## One {#x}\ntext\n## Two {#x}\ntext\n");
  Diagnostics problems;
  const Corpus corpus = Corpus::Load(dir.path(), &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(corpus.Find("a#x"), nullptr);
}

TEST(Corpus, ReportsInvalidUtf8AndMissingDirectories) {
  testing::TempDir dir;
  dir.Write("bad.md", "## A\n\xFF\n");
  Diagnostics problems;
  Corpus::Load(dir.path(), &problems);
  Corpus::Load(dir.path() / "missing", &problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(problems[1].message.find("not found"), std::string::npos);
}

TEST(Passage, ExcerptCutsAtAWord) {
  Passage passage;
  passage.text = "one two three four five six";
  EXPECT_EQ(passage.Excerpt(14), "one two three...");
  EXPECT_EQ(passage.Excerpt(100), passage.text);
}

}  // namespace
}  // namespace spotter
