#include "server/sqlite_session_store.h"

#include <future>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "tests/unit/temp_dir.h"

namespace spotter {
namespace {

std::optional<StoredSession> LoadNow(SessionStore& store, const std::string& token,
                                     std::size_t limit = 10) {
  std::promise<std::optional<StoredSession>> result;
  store.Load(token, limit, [&](std::optional<StoredSession> s) { result.set_value(std::move(s)); });
  return result.get_future().get();
}

TEST(SqliteSessionStore, KeepsStateAndTranscriptAcrossReopening) {
  testing::TempDir dir;
  DialogueState state;
  state.last_topic = "goals.muscle";
  state.slots["goal"] = "muscle";
  {
    auto store = SqliteSessionStore::Open(dir.path() / "s.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store.value()->Append("abc", state,
                          {{"user", "hi", "", "t1"},
                           {"bot", "hello", R"({"topic":"greeting"})", "t1"}});
  }  // the destructor flushes
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  const auto loaded = LoadNow(*store.value(), "abc");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->state, state);
  ASSERT_EQ(loaded->history.size(), 2u);
  EXPECT_EQ(loaded->history[0].role, "user");
  EXPECT_EQ(nlohmann::json::parse(loaded->history[1].data_json)["topic"], "greeting");
}

TEST(SqliteSessionStore, ReturnsTheMostRecentHistoryOldestFirst) {
  testing::TempDir dir;
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 5; ++i) {
    store.value()->Append("t", DialogueState{}, {{"user", std::to_string(i), "", "at"}});
  }
  const auto loaded = LoadNow(*store.value(), "t", 2);
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->history.size(), 2u);
  EXPECT_EQ(loaded->history[0].text, "3");
  EXPECT_EQ(loaded->history[1].text, "4");
}

TEST(SqliteSessionStore, UnknownTokensAreNotFound) {
  testing::TempDir dir;
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(LoadNow(*store.value(), "nobody").has_value());
}

TEST(SqliteSessionStore, GroupsQueuedWritesIntoFewCommits) {
  testing::TempDir dir;
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 2000; ++i) {
    store.value()->Append("t" + std::to_string(i % 50), DialogueState{},
                          {{"user", "x", "", "at"}});
  }
  store.value()->Flush();
  EXPECT_EQ(store.value()->queued(), 0u);
  EXPECT_LT(store.value()->commits(), 2000u);
  EXPECT_EQ(store.value()->errors(), 0u);
}

TEST(SqliteSessionStore, ReportsAnUnopenableFile) {
  const auto store = SqliteSessionStore::Open("/nonexistent/dir/s.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("cannot open database"), std::string::npos);
}

}  // namespace
}  // namespace spotter
