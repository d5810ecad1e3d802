#include "server/sqlite_session_store.h"

#include <future>
#include <iostream>

#include <fmt/format.h>

namespace spotter {
namespace {

using nlohmann::json;

// Statements that take a schema from version N-1 to N, index N-1.
constexpr const char* kMigrations[] = {
    // 1: sessions and their transcripts. Both are clustered on the session
    // token (WITHOUT ROWID), so a turn updates one b-tree per row rather than
    // a table and an index, and a session's transcript is one range.
    "CREATE TABLE sessions ("
    "  token TEXT PRIMARY KEY,"
    "  state TEXT NOT NULL,"
    "  entries INTEGER NOT NULL DEFAULT 0,"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
    ") WITHOUT ROWID;"
    "CREATE TABLE transcript ("
    "  token TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  role TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  data TEXT,"
    "  at TEXT NOT NULL,"
    "  PRIMARY KEY (token, seq)"
    ") WITHOUT ROWID;",
};
static_assert(std::size(kMigrations) == SqliteSessionStore::kSchemaVersion);

// A prepared statement, finalised on scope exit. Reset() readies it for
// another use, which is much cheaper than preparing it again.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      statement_ = nullptr;
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  void Reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return statement_ != nullptr; }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  void Bind(int index, std::int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  int Step() { return sqlite3_step(statement_); }
  std::string Text(int column) {
    const auto* text = sqlite3_column_text(statement_, column);
    return text == nullptr ? "" : reinterpret_cast<const char*>(text);
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

void LogError(std::string_view what, sqlite3* db) {
  std::cerr << json{{"level", "error"}, {"what", what}, {"sqlite", sqlite3_errmsg(db)}}.dump()
            << '\n';
}

}  // namespace

// The writer's statements, prepared once when the writer thread starts and
// reused for every turn (preparing costs more than running them).
struct SqliteSessionStore::WriteStatements {
  explicit WriteStatements(sqlite3* db)
      : upsert(db,
               "INSERT INTO sessions(token, state, entries) VALUES(?1, ?2, ?3) "
               "ON CONFLICT(token) DO UPDATE SET state = excluded.state, "
               "entries = sessions.entries + excluded.entries, "
               "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
               "RETURNING entries;"),
        insert(db,
               "INSERT INTO transcript(token, seq, role, text, data, at) "
               "VALUES(?1, ?2, ?3, ?4, ?5, ?6);") {}
  Statement upsert;
  Statement insert;
};

Result<std::unique_ptr<SqliteSessionStore>> SqliteSessionStore::Open(
    const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = fmt::format("cannot open database {}: {}", path.string(),
                                      db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return Error{ErrorCode::kInternal, message};
  }
  sqlite3_busy_timeout(db, 5000);
  auto fail = [&](std::string_view what) -> Error {
    Error error{ErrorCode::kInternal,
                fmt::format("database {}: {}: {}", path.string(), what, sqlite3_errmsg(db))};
    sqlite3_close(db);
    return error;
  };
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                       "PRAGMA foreign_keys=ON;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail("cannot set WAL mode");
  }
  int version = 0;
  {
    Statement query(db, "PRAGMA user_version;");
    if (query.ok() && query.Step() == SQLITE_ROW) version = std::stoi(query.Text(0));
  }
  if (version > kSchemaVersion) {
    return fail(fmt::format("schema version {} is newer than this build's {}", version,
                            kSchemaVersion));
  }
  for (; version < kSchemaVersion; ++version) {
    const std::string sql = fmt::format("BEGIN; {} PRAGMA user_version={}; COMMIT;",
                                        kMigrations[version], version + 1);
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return fail(fmt::format("migration to version {} failed", version + 1));
    }
  }
  return std::unique_ptr<SqliteSessionStore>(new SqliteSessionStore(db));
}

SqliteSessionStore::SqliteSessionStore(sqlite3* db)
    : db_(db), worker_([this] { Run(); }) {}

SqliteSessionStore::~SqliteSessionStore() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  worker_.join();
  sqlite3_close(db_);
}

std::size_t SqliteSessionStore::queued() const {
  std::lock_guard lock(mu_);
  return tasks_.size();
}

void SqliteSessionStore::Enqueue(Task task, bool is_write) {
  {
    std::lock_guard lock(mu_);
    tasks_.emplace_back(std::move(task), is_write);
  }
  wake_.notify_one();
}

void SqliteSessionStore::Run() {
  write_statements_ = std::make_unique<WriteStatements>(db_);
  while (true) {
    std::deque<std::pair<Task, bool>> batch;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty() && stopping_) {
        write_statements_.reset();  // finalised before the database closes
        return;
      }
      batch.swap(tasks_);
    }
    // Consecutive writes share one transaction; a read ends the group so
    // that it sees them committed.
    bool in_transaction = false;
    for (auto& [task, is_write] : batch) {
      if (is_write && !in_transaction) {
        Execute("BEGIN");
        in_transaction = true;
      } else if (!is_write && in_transaction) {
        Execute("COMMIT");
        ++commits_;
        in_transaction = false;
      }
      task(db_);
    }
    if (in_transaction) {
      Execute("COMMIT");
      ++commits_;
    }
  }
}

void SqliteSessionStore::Execute(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    ++errors_;
    LogError(sql, db_);
  }
}

std::optional<StoredSession> SqliteSessionStore::Read(const std::string& token,
                                                      std::size_t history_limit) {
  Statement session(db_, "SELECT state FROM sessions WHERE token = ?1;");
  session.Bind(1, token);
  if (!session.ok() || session.Step() != SQLITE_ROW) return std::nullopt;
  StoredSession stored;
  const json state = json::parse(session.Text(0), nullptr, false);
  stored.state = DialogueState::FromJson(state).value_or(DialogueState{});
  Statement history(db_,
                    "SELECT role, text, data, at FROM ("
                    "  SELECT seq, role, text, data, at FROM transcript WHERE token = ?1"
                    "  ORDER BY seq DESC LIMIT ?2) ORDER BY seq;");
  history.Bind(1, token);
  history.Bind(2, static_cast<std::int64_t>(history_limit));
  while (history.ok() && history.Step() == SQLITE_ROW) {
    TranscriptEntry entry;
    entry.role = history.Text(0);
    entry.text = history.Text(1);
    entry.data_json = history.Text(2);
    entry.at = history.Text(3);
    stored.history.push_back(std::move(entry));
  }
  return stored;
}

void SqliteSessionStore::Write(const std::string& token, const std::string& state,
                               const std::vector<TranscriptEntry>& entries) {
  Statement& upsert = write_statements_->upsert;
  Statement& insert = write_statements_->insert;
  // The session row counts its entries, which numbers the new ones.
  upsert.Reset();
  upsert.Bind(1, token);
  upsert.Bind(2, state);
  upsert.Bind(3, static_cast<std::int64_t>(entries.size()));
  if (!upsert.ok() || upsert.Step() != SQLITE_ROW) {
    ++errors_;
    LogError("save session", db_);
    return;
  }
  std::int64_t seq = std::stoll(upsert.Text(0)) - static_cast<std::int64_t>(entries.size());
  upsert.Reset();
  for (const TranscriptEntry& entry : entries) {
    insert.Reset();
    insert.Bind(1, token);
    insert.Bind(2, seq++);
    insert.Bind(3, entry.role);
    insert.Bind(4, entry.text);
    insert.Bind(5, entry.data_json);
    insert.Bind(6, entry.at);
    if (!insert.ok() || insert.Step() != SQLITE_DONE) {
      ++errors_;
      LogError("save transcript", db_);
    }
  }
}

void SqliteSessionStore::Load(const std::string& token, std::size_t history_limit,
                              std::function<void(std::optional<StoredSession>)> done) {
  Enqueue([this, token, history_limit, done = std::move(done)](sqlite3*) {
            done(Read(token, history_limit));
          },
          /*is_write=*/false);
}

void SqliteSessionStore::Append(const std::string& token, const DialogueState& state,
                                std::vector<TranscriptEntry> entries) {
  // The state is serialised on the writer thread, not the caller's.
  Enqueue([this, token, state, entries = std::move(entries)](sqlite3*) {
            Write(token, state.ToJson().dump(), entries);
          },
          /*is_write=*/true);
}

void SqliteSessionStore::Flush() {
  std::promise<void> flushed;
  std::future<void> done = flushed.get_future();
  // A read ends any open write group, so once it runs, everything before it
  // is committed.
  Enqueue([&flushed](sqlite3*) { flushed.set_value(); }, /*is_write=*/false);
  done.wait();
}

}  // namespace spotter
