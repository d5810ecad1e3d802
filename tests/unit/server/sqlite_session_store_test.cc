#include "server/sqlite_session_store.h"

#include <sqlite3.h>

#include <atomic>
#include <future>
#include <thread>

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

TEST(SqliteSessionStore, CountsWorkUntilItIsDoneAndSaysWhenItIsBehind) {
  testing::TempDir dir;
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  // Hold the writer in a read so that the writes queue up behind it.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  store.value()->Load("t", 1, [released](std::optional<StoredSession>) { released.wait(); });
  const std::size_t writes = SqliteSessionStore::kBacklogLimit + 1;
  for (std::size_t i = 0; i < writes; ++i) {
    store.value()->Append("t", DialogueState{}, {{"user", "x", "", "at"}});
  }
  EXPECT_GE(store.value()->queued(), writes);
  EXPECT_TRUE(store.value()->backlogged());
  release.set_value();
  store.value()->Flush();
  EXPECT_EQ(store.value()->queued(), 0u);
  EXPECT_FALSE(store.value()->backlogged());
}

TEST(SqliteSessionStore, TicketsAndCoachesSurviveReopening) {
  testing::TempDir dir;
  {
    auto store = SqliteSessionStore::Open(dir.path() / "s.db");
    ASSERT_TRUE(store.ok());
    store.value()->Append("s1", DialogueState{}, {{"user", "my back", "", "at"}});
    Ticket ticket;
    ticket.id = "t-1";
    ticket.session = "s1";
    ticket.status = "open";
    ticket.topic = "back.soreness.deadlift";
    ticket.opened_at = "2026-11-25T09:00:00.000Z";
    std::promise<Ticket> saved;
    store.value()->SaveTicket(ticket, {{"event", "Asked for a coach", "{}", "at"}},
                              [&](const Ticket& t) { saved.set_value(t); });
    EXPECT_EQ(saved.get_future().get().first_seq, 1);  // after the one entry before it
    for (const char* text : {"a", "b", "c"}) {
      store.value()->AppendEntries("s1", {{"coach", text, "{}", "at"}}, nullptr);
    }
    EXPECT_EQ(store.value()->AddCoach({"Sam", "00", "ab", ""}).value(), true);
    EXPECT_EQ(store.value()->AddCoach({"Sam", "11", "cd", ""}).value(), false);
  }
  auto store = SqliteSessionStore::Open(dir.path() / "s.db");
  ASSERT_TRUE(store.ok());
  const std::vector<Ticket> active = store.value()->LoadActiveTickets();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].topic, "back.soreness.deadlift");
  ASSERT_EQ(store.value()->ListCoaches().size(), 1u);
  EXPECT_EQ(store.value()->ListCoaches()[0].token_hash, "ab");
  // While the ticket is open, history reaches back to it, past the limit,
  // so every coach message is there.
  const auto loaded = LoadNow(*store.value(), "s1", 1);
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->history.size(), 4u);
  EXPECT_EQ(loaded->history[0].role, "event");
  EXPECT_EQ(loaded->history[3].text, "c");
  EXPECT_TRUE(store.value()->RemoveCoach("Sam"));
  EXPECT_FALSE(store.value()->RemoveCoach("Sam"));
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

TEST(SqliteSessionStore, MigratesAVersionTwoFileKeepingItsTranscript) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "old.db").string();
  {
    // The tables as schema version 2 left them, with one session.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const char* kVersionTwo =
        "CREATE TABLE sessions (token TEXT PRIMARY KEY, state TEXT NOT NULL,"
        "  entries INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL DEFAULT '') WITHOUT ROWID;"
        "CREATE TABLE transcript (token TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL,"
        "  text TEXT NOT NULL, data TEXT, at TEXT NOT NULL, PRIMARY KEY (token, seq)) WITHOUT ROWID;"
        "CREATE TABLE coaches (name TEXT PRIMARY KEY, salt TEXT NOT NULL, token_hash TEXT NOT NULL,"
        "  created_at TEXT NOT NULL DEFAULT '') WITHOUT ROWID;"
        "CREATE TABLE tickets (id TEXT PRIMARY KEY, session TEXT NOT NULL, status TEXT NOT NULL,"
        "  coach TEXT NOT NULL DEFAULT '', topic TEXT NOT NULL DEFAULT '',"
        "  safety TEXT NOT NULL DEFAULT '', preview TEXT NOT NULL DEFAULT '',"
        "  note TEXT NOT NULL DEFAULT '', close_note TEXT NOT NULL DEFAULT '',"
        "  opened_at TEXT NOT NULL, claimed_at TEXT NOT NULL DEFAULT '',"
        "  closed_at TEXT NOT NULL DEFAULT '', first_seq INTEGER NOT NULL) WITHOUT ROWID;"
        "INSERT INTO sessions(token, state, entries) VALUES('old', '{}', 2);"
        "INSERT INTO sessions(token, state, entries) VALUES('zed', '{\"version\":1,"
        "\"last_topic\":\"squat.depth\",\"last_rule\":\"r\",\"open_slot\":\"\","
        "\"slots\":{},\"context\":[],\"turns\":2}', 2);"
        "INSERT INTO transcript VALUES('zed', 0, 'user', 'z0', NULL, 'a');"
        "INSERT INTO transcript VALUES('old', 0, 'user', 'first', NULL, 'a');"
        "INSERT INTO transcript VALUES('zed', 1, 'user', 'z1', NULL, 'a');"
        "INSERT INTO transcript VALUES('old', 1, 'bot', 'second', '{}', 'b');"
        "PRAGMA user_version=2;";
    ASSERT_EQ(sqlite3_exec(db, kVersionTwo, nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  auto store = SqliteSessionStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.error().message;
  store.value()->Append("old", DialogueState{}, {{"user", "third", "", "c"}});
  const auto loaded = LoadNow(*store.value(), "old");
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->history.size(), 3u);
  EXPECT_EQ(loaded->history[0].text, "first");
  EXPECT_EQ(loaded->history[1].data_json, "{}");  // written whole, read whole
  EXPECT_EQ(loaded->history[2].text, "third");
  // The state an old file kept on the session row is read from there, until
  // the next turn stores one with its entries; a coach's lines change none.
  auto zed = LoadNow(*store.value(), "zed");
  ASSERT_TRUE(zed.has_value());
  EXPECT_EQ(zed->state.last_topic, "squat.depth");
  store.value()->AppendEntries("zed", {{"coach", "hi", "{}", "c"}}, nullptr);
  EXPECT_EQ(LoadNow(*store.value(), "zed")->state.last_topic, "squat.depth");
  DialogueState next;
  next.last_topic = "bench.shoulder";
  // Each session's rows stay its own, in order.
  store.value()->Append("zed", next, {{"user", "z2", "", "c"}});
  zed = LoadNow(*store.value(), "zed");
  ASSERT_TRUE(zed.has_value());
  EXPECT_EQ(zed->state, next);
  ASSERT_EQ(zed->history.size(), 4u);
  EXPECT_EQ(zed->history[0].text, "z0");
  EXPECT_EQ(zed->history[1].text, "z1");
  EXPECT_EQ(zed->history[2].text, "hi");
  EXPECT_EQ(zed->history[3].text, "z2");
}

std::int64_t CountRows(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &query, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::int64_t count = -1;
  if (sqlite3_step(query) == SQLITE_ROW) count = sqlite3_column_int64(query, 0);
  sqlite3_finalize(query);
  sqlite3_close(db);
  return count;
}

TEST(SqliteSessionStore, StoresEachDistinctAnswerBodyOnceAndReadsEveryAnswerWhole) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  const std::string body = R"("topic":"squat.depth","summary":"the same words"})";
  const std::string first = R"({"type":"answer","reply_to":"1",)" + body;
  const std::string second = R"({"type":"answer","reply_to":"2",)" + body;
  const std::string other = R"({"type":"answer","reply_to":"3","topic":"other"})";
  const std::size_t cut = first.size() - body.size();
  {
    auto store = SqliteSessionStore::Open(path);
    ASSERT_TRUE(store.ok());
    store.value()->Append("a", DialogueState{}, {{"bot", "s", first, "t", cut}});
    store.value()->Append("b", DialogueState{}, {{"bot", "s", second, "t", cut}});
    store.value()->Append("b", DialogueState{}, {{"bot", "s", other, "t", cut}});
    store.value()->Append("b", DialogueState{}, {{"bot", "s", "{}", "t"}});  // not shared
  }
  EXPECT_EQ(CountRows(path, "SELECT count(*) FROM answer_bodies;"), 2);
  EXPECT_EQ(CountRows(path, "SELECT max(length(data)) FROM transcript WHERE body IS NOT NULL;"),
            static_cast<std::int64_t>(cut));
  // Reopened, the bodies already stored are found again rather than copied.
  auto store = SqliteSessionStore::Open(path);
  ASSERT_TRUE(store.ok());
  store.value()->Append("c", DialogueState{}, {{"bot", "s", first, "t", cut}});
  const auto a = LoadNow(*store.value(), "a");
  const auto b = LoadNow(*store.value(), "b");
  const auto c = LoadNow(*store.value(), "c");
  ASSERT_TRUE(a && b && c);
  ASSERT_EQ(b->history.size(), 3u);
  EXPECT_EQ(a->history[0].data_json, first);
  EXPECT_EQ(b->history[0].data_json, second);
  EXPECT_EQ(b->history[1].data_json, other);
  EXPECT_EQ(b->history[2].data_json, "{}");
  EXPECT_EQ(c->history[0].data_json, first);
  store.value()->Flush();
  EXPECT_EQ(CountRows(path, "SELECT count(*) FROM answer_bodies;"), 2);
}

void RunSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::vector<std::string> Texts(const std::optional<StoredSession>& session) {
  std::vector<std::string> out;
  if (session) {
    for (const TranscriptEntry& entry : session->history) out.push_back(entry.text);
  }
  return out;
}

TEST(SqliteSessionStore, KeepsEverySessionWholeWhenSqliteRollsAGroupBack) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  const std::string body = R"("topic":"x","summary":"first seen in the lost group"})";
  const std::string answer = R"({"type":"answer","reply_to":"1",)" + body;
  const std::size_t cut = answer.size() - body.size();
  {
    auto store = SqliteSessionStore::Open(path);
    ASSERT_TRUE(store.ok());
    store.value()->Append("a", DialogueState{}, {{"user", "a0", "", "t"}});
  }
  // As a full disk would: the statement fails and SQLite rolls the whole
  // transaction back.
  RunSql(path,
         "CREATE TRIGGER boom BEFORE INSERT ON transcript WHEN NEW.text = 'boom' "
         "BEGIN SELECT RAISE(ROLLBACK, 'boom'); END;");
  auto store = SqliteSessionStore::Open(path);
  ASSERT_TRUE(store.ok());
  // Queued together, so they share one commit group.
  store.value()->Append("a", DialogueState{}, {{"user", "a1", "", "t"}, {"bot", "s", answer, "t", cut}});
  store.value()->Append("b", DialogueState{}, {{"user", "boom", "", "t"}});
  store.value()->Append("a", DialogueState{}, {{"user", "a2", "", "t"}});
  store.value()->Append("b", DialogueState{}, {{"user", "b1", "", "t"}});
  store.value()->Append("c", DialogueState{}, {{"bot", "s", answer, "t", cut}});
  const std::vector<std::string> a = Texts(LoadNow(*store.value(), "a"));
  ASSERT_GE(a.size(), 2u);
  EXPECT_EQ(a.front(), "a0");
  EXPECT_EQ(a.back(), "a2");
  for (const std::string& text : a) EXPECT_TRUE(text[0] == 'a' || text == "s") << text;
  EXPECT_EQ(Texts(LoadNow(*store.value(), "b")), std::vector<std::string>{"b1"});
  // The answer body written in the lost group is written again, not named
  // by an id that was rolled back.
  const auto c = LoadNow(*store.value(), "c");
  ASSERT_TRUE(c && c->history.size() == 1);
  EXPECT_EQ(c->history[0].data_json, answer);
  EXPECT_GT(store.value()->errors(), 0u);
}

TEST(SqliteSessionStore, LetsACoachBeAddedWhileTheServerWrites) {
  // `spotter coach add` opens the server's file while it runs: the writer
  // must not hold the write lock through its commit window.
  testing::TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  auto server = SqliteSessionStore::Open(path);
  ASSERT_TRUE(server.ok());
  std::atomic<bool> done{false};
  std::thread turns([&] {
    for (int i = 0; !done; ++i) {
      server.value()->Append("t" + std::to_string(i % 50), DialogueState{},
                             {{"user", "hi", "", "t"}});
      if (server.value()->queued() > 1000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  auto cli = SqliteSessionStore::Open(path);
  ASSERT_TRUE(cli.ok());
  const auto start = std::chrono::steady_clock::now();
  const Result<bool> added = cli.value()->AddCoach({"Sam", "salt", "hash", ""});
  const auto waited = std::chrono::steady_clock::now() - start;
  done = true;
  turns.join();
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_TRUE(added.value());
  EXPECT_LT(waited, std::chrono::seconds(2));
}

TEST(SqliteSessionStore, ReportsAnUnopenableFile) {
  const auto store = SqliteSessionStore::Open("/nonexistent/dir/s.db");
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message.find("cannot open database"), std::string::npos);
}

}  // namespace
}  // namespace spotter
