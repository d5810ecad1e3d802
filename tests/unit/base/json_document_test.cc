#include "base/json_document.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

using nlohmann::json;

TEST(JsonDocument, RemembersTheLineOfEveryValue) {
  Diagnostics problems;
  auto document = JsonDocument::Parse(
      "{\n"
      "  // a comment\n"
      "  \"rules\": [\n"
      "    {\"id\": \"a\",\n"
      "     \"all\": [\"~x\",\n"
      "             \"~y\"]}\n"
      "  ]\n"
      "}\n",
      "r.json", &problems);
  ASSERT_TRUE(document.has_value());
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(document->LineOf(json::json_pointer("/rules/0/id")), 4);
  EXPECT_EQ(document->LineOf(json::json_pointer("/rules/0/all/0")), 5);
  EXPECT_EQ(document->LineOf(json::json_pointer("/rules/0/all/1")), 6);
  EXPECT_EQ(document->LineOf(json::json_pointer("/rules/0")), 4);
}

TEST(JsonDocument, FallsBackToTheEnclosingValue) {
  Diagnostics problems;
  auto document = JsonDocument::Parse("{\n\"a\": {\"b\": 1}\n}", "x.json", &problems);
  ASSERT_TRUE(document.has_value());
  EXPECT_EQ(document->LineOf(json::json_pointer("/a/missing")), 2);
}

TEST(JsonDocument, EscapesConceptNamesInPointers) {
  Diagnostics problems;
  auto document = JsonDocument::Parse("{\"concepts\": {\n\"~back\": [\"back\"]}}",
                                      "c.json", &problems);
  ASSERT_TRUE(document.has_value());
  EXPECT_EQ(document->LineOf(json::json_pointer("/concepts") / "~back" / 0), 2);
}

TEST(JsonDocument, ReportsTheLineOfASyntaxError) {
  Diagnostics problems;
  auto document = JsonDocument::Parse("{\n  \"a\": 1,\n  \"b\": ]\n}", "bad.json", &problems);
  EXPECT_FALSE(document.has_value());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "bad.json");
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(problems[0].message.find("syntax error"), std::string::npos);
}

TEST(Diagnostic, FormatsAsFileLineMessage) {
  EXPECT_EQ((Diagnostic{"rules/a.json", 42, "unknown concept ~x"}).ToString(),
            "rules/a.json:42: unknown concept ~x");
  EXPECT_EQ((Diagnostic{"rules/a.json", 0, "empty"}).ToString(), "rules/a.json: empty");
}

}  // namespace
}  // namespace spotter
