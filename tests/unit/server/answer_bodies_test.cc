#include "server/answer_bodies.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

namespace spotter {
namespace {

class AnswerBodiesTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db_,
                           "CREATE TABLE answer_bodies (id INTEGER PRIMARY KEY,"
                           "  digest INTEGER NOT NULL, body TEXT NOT NULL);",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  void TearDown() override { sqlite3_close(db_); }
  void Run(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  sqlite3* db_ = nullptr;
};

TEST_F(AnswerBodiesTest, GivesEqualBodiesOneIdAndDifferentBodiesTheirOwn) {
  AnswerBodies bodies(db_);
  const auto a = bodies.IdOf("\"topic\":\"a\"}");
  const auto b = bodies.IdOf("\"topic\":\"b\"}");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(bodies.IdOf("\"topic\":\"a\"}"), a);
  bodies.Forget();  // from the table now, not from memory
  EXPECT_EQ(bodies.IdOf("\"topic\":\"a\"}"), a);
}

TEST_F(AnswerBodiesTest, NeverReturnsARowWhoseTextDiffersThoughTheDigestMatches) {
  AnswerBodies bodies(db_);
  const auto a = bodies.IdOf("first body");
  ASSERT_TRUE(a);
  // The row keeps its digest but now holds other text, as a digest
  // collision would look.
  Run("UPDATE answer_bodies SET body = 'something else' WHERE id = " + std::to_string(*a));
  bodies.Forget();
  const auto again = bodies.IdOf("first body");
  ASSERT_TRUE(again);
  EXPECT_NE(*again, *a);
}

TEST_F(AnswerBodiesTest, KeepsWorkingPastWhatItRemembers) {
  AnswerBodies bodies(db_);
  std::optional<std::int64_t> first;
  for (std::size_t i = 0; i <= AnswerBodies::kMaxRemembered + 10; ++i) {
    const auto id = bodies.IdOf("body " + std::to_string(i));
    ASSERT_TRUE(id);
    if (i == 0) first = id;
  }
  EXPECT_EQ(bodies.IdOf("body 0"), first);
}

TEST_F(AnswerBodiesTest, SaysWhenTheTableIsMissing) {
  Run("DROP TABLE answer_bodies;");
  AnswerBodies bodies(db_);
  EXPECT_FALSE(bodies.IdOf("anything").has_value());
}

}  // namespace
}  // namespace spotter
