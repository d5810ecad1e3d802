#include "server/sqlite_session_store.h"

#include <pthread.h>
#include <sched.h>

#include <future>
#include <iostream>

#include <fmt/format.h>

#include "server/answer_bodies.h"
#include "server/sqlite_schema.h"
#include "server/sqlite_write_statements.h"
#include "server/sqlite_statement.h"

namespace spotter {
namespace {

using nlohmann::json;



}  // namespace


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
  // A 64 MiB page cache and reads through mmap: under load every turn
  // touches the same hot b-tree pages, which otherwise come back from the
  // WAL file with a pread each (a third of the server's time in the kernel).
  // 8 KiB pages (a new file only; an existing one keeps its size): most
  // answers then fit in the page with their row.
  if (sqlite3_exec(db, "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                       "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
                       "PRAGMA mmap_size=268435456;", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail("cannot set WAL mode");
  }
  if (Result<int> migrated = MigrateSchema(db); !migrated.ok()) {
    return fail(migrated.error().message);
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

std::size_t SqliteSessionStore::queued() const { return pending_.load(std::memory_order_relaxed); }

bool SqliteSessionStore::backlogged() const { return queued() > kBacklogLimit; }

void SqliteSessionStore::Enqueue(Task task, bool is_write) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    tasks_.emplace_back(std::move(task), is_write);
    pending_.fetch_add(1, std::memory_order_relaxed);  // under the lock: never below zero
    if (!is_write) ++reads_queued_;
    // Through a commit window the writer sleeps until the window ends:
    // woken for every turn, it cost a futex call and two context switches
    // a turn. A read wakes it (someone waits on it), as does a large group.
    wake = !in_window_ || !is_write || tasks_.size() >= kMaxGroup;
  }
  if (wake) wake_.notify_one();
}


void SqliteSessionStore::Run() {
  pthread_setname_np(pthread_self(), "spotter-db");
  // The writer is throughput work: SCHED_BATCH keeps its wakeups (a commit
  // window ending) from preempting the I/O threads that answer lifters,
  // while it keeps its full share of the CPU (a lower nice value starved it
  // at saturation). Measured on 2 cores: 1,000 connections answered
  // 17,000 -> 21,000 a second, and at 12,000 a second paced the p50 went
  // from 1.5 ms to 0.5 ms. Best effort: if refused, it runs as before.
  {
    sched_param param{};
    pthread_setschedparam(pthread_self(), SCHED_BATCH, &param);
  }
  write_statements_ = std::make_unique<WriteStatements>(db_);
  while (true) {
    std::deque<std::pair<Task, bool>> batch;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) {  // and so stopping_
        write_statements_.reset();  // finalised before the database closes
        return;
      }
      // Writes wait out the commit window for more to join them, unless a
      // read waits behind them. The waiting happens here, before BEGIN:
      // sleeping inside a transaction would hold SQLite's write lock, and
      // `spotter coach add` on the same file would time out.
      if (reads_queued_ == 0 && !stopping_) {
        in_window_ = true;
        wake_.wait_for(lock, kCommitWindow, [&] {
          return stopping_ || reads_queued_ > 0 || tasks_.size() >= kMaxGroup;
        });
        in_window_ = false;
      }
      reads_queued_ = 0;
      batch.swap(tasks_);
    }
    // Consecutive writes share one transaction; a read ends the group so
    // that it sees them committed.
    bool in_transaction = false;
    for (auto& [task, is_write] : batch) {
      if (is_write && !in_transaction) {
        in_transaction = Execute("BEGIN");
      } else if (!is_write && in_transaction) {
        Commit();
        in_transaction = false;
      }
      pending_.fetch_sub(1, std::memory_order_relaxed);  // before: Flush's task ends the wait
      task(db_);
      if (in_transaction && TransactionLost()) in_transaction = false;
    }
    if (in_transaction) Commit();
  }
}

bool SqliteSessionStore::TransactionLost() {
  // After some errors (a full disk, an I/O error, out of memory) SQLite rolls
  // the whole transaction back and returns to autocommit. The ids it handed
  // out are then free again: the answer bodies remembered in memory must go,
  // and the rest of the group starts a new transaction.
  if (!sqlite3_get_autocommit(db_)) return false;
  ++errors_;
  LogSqliteError("transaction rolled back", db_);
  write_statements_->bodies.Forget();
  return true;
}

void SqliteSessionStore::Commit() {
  if (Execute("COMMIT")) {
    ++commits_;
  } else {
    // The ids a failed commit handed out may be rolled back with it.
    write_statements_->bodies.Forget();
    if (!sqlite3_get_autocommit(db_)) Execute("ROLLBACK");
  }
  // Whoever waits for these writes may now say they are done.
  std::vector<std::function<void()>> callbacks;
  callbacks.swap(after_commit_);
  for (auto& callback : callbacks) callback();
}

bool SqliteSessionStore::Execute(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  ++errors_;
  LogSqliteError(sql, db_);
  return false;
}

std::optional<StoredSession> SqliteSessionStore::Read(const std::string& token,
                                                      std::size_t history_limit) {
  // The state is on the row of the turn that made it, or (written before
  // schema 6) still on the session row; a session of coach messages alone
  // has none yet.
  SqliteStatement session(db_,
                    "SELECT coalesce(t.state, s.state), s.entries FROM sessions s "
                    "LEFT JOIN transcript t ON t.id = s.state_row WHERE s.token = ?1;");
  session.Bind(1, token);
  if (!session.ok() || session.Step() != SQLITE_ROW) return std::nullopt;
  StoredSession stored;
  const json state = json::parse(session.View(0), nullptr, false);
  stored.state = DialogueState::FromJson(state).value_or(DialogueState{});
  const std::int64_t entries = session.Int(1);
  // The recent entries, and while a ticket is open everything since it was
  // opened (within a bound, so one session cannot make a welcome huge).
  std::int64_t from = entries - static_cast<std::int64_t>(history_limit);
  SqliteStatement ticket(db_,
                   "SELECT min(first_seq) FROM tickets WHERE session = ?1 AND status != 'closed';");
  ticket.Bind(1, token);
  if (ticket.ok() && ticket.Step() == SQLITE_ROW && !ticket.IsNull(0)) {
    from = std::min(from, ticket.Int(0));
  }
  from = std::max(from, entries - kMaxHistoryEntries);
  stored.history = ReadTranscript(token, from);
  return stored;
}

std::vector<TranscriptEntry> SqliteSessionStore::ReadTranscript(const std::string& token,
                                                                std::int64_t from_seq) {
  // Back along the chain from the session's newest row to `from_seq`.
  SqliteStatement history(db_,
                    "WITH RECURSIVE chain(id, seq, prev) AS ("
                    "  SELECT t.id, t.seq, t.prev FROM transcript t"
                    "  WHERE t.id = (SELECT last_row FROM sessions WHERE token = ?1)"
                    "  UNION ALL"
                    "  SELECT t.id, t.seq, t.prev FROM chain c JOIN transcript t ON t.id = c.prev"
                    // Rows only point back to older rows of their own session;
                    // the checks keep a damaged chain from looping or crossing.
                    "  WHERE c.seq > ?2 AND t.id < c.id AND t.token = ?1 LIMIT ?3)"
                    "SELECT t.role, t.text, t.data, t.at, b.body FROM chain c "
                    "JOIN transcript t ON t.id = c.id LEFT JOIN answer_bodies b ON b.id = t.body "
                    "WHERE c.seq >= ?2 ORDER BY c.seq;");
  history.Bind(1, token);
  history.Bind(2, from_seq);
  history.Bind(3, kMaxHistoryEntries + 1);
  std::vector<TranscriptEntry> out;
  while (history.ok() && history.Step() == SQLITE_ROW) {
    TranscriptEntry entry;
    entry.role = history.Text(0);
    entry.text = history.Text(1);
    entry.data_json = history.Text(2);
    entry.data_json += history.View(4);
    entry.at = history.Text(3);
    out.push_back(std::move(entry));
  }
  return out;
}

void SqliteSessionStore::Write(const std::string& token, const std::string* state,
                               const std::vector<TranscriptEntry>& entries) {
  if (entries.empty()) return;
  // After a failed statement SQLite may have rolled the group's transaction
  // back: then nothing this turn read or wrote stands, and going on would
  // link rows to ids that no longer exist (Run starts a new transaction).
  const bool in_transaction = !sqlite3_get_autocommit(db_);
  const auto rolled_back = [&] { return in_transaction && sqlite3_get_autocommit(db_); };
  // The session row counts its entries, which numbers the new ones, and
  // names its newest row, which the first new one points back to.
  SqliteStatement& find = write_statements_->find;
  find.Reset();
  find.Bind(1, token);
  std::int64_t seq = 0;
  std::optional<std::int64_t> last_row;
  const int found = find.Step();
  if (found == SQLITE_ROW) {
    seq = find.Int(0);
    if (!find.IsNull(1)) last_row = find.Int(1);
  } else if (found != SQLITE_DONE) {
    ++errors_;
    LogSqliteError("read session", db_);
    return;
  }
  find.Reset();
  SqliteStatement& insert = write_statements_->insert;
  std::optional<std::int64_t> state_row;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const TranscriptEntry& entry = entries[i];
    insert.Reset();
    insert.Bind(1, token);
    insert.Bind(2, seq);
    insert.Bind(3, entry.role);
    insert.Bind(4, entry.text);
    insert.Bind(6, entry.at);
    if (last_row) insert.Bind(8, *last_row);
    // The state after the turn goes with its last entry.
    const bool carries_state = state != nullptr && i + 1 == entries.size();
    if (carries_state) insert.Bind(9, *state);
    // The part of an answer that repeats across turns is stored once.
    std::optional<std::int64_t> body;
    if (entry.shared_from < entry.data_json.size()) {
      body = write_statements_->bodies.IdOf(
          std::string_view(entry.data_json).substr(entry.shared_from));
      if (!body && rolled_back()) return;
    }
    if (body) {
      insert.Bind(5, std::string_view(entry.data_json).substr(0, entry.shared_from));
      insert.Bind(7, *body);
    } else {
      insert.Bind(5, entry.data_json);
    }
    if (!insert.ok() || insert.Step() != SQLITE_DONE) {
      ++errors_;
      LogSqliteError("save transcript", db_);
      if (rolled_back()) return;
      break;  // the chain ends at the last row saved
    }
    last_row = sqlite3_last_insert_rowid(db_);
    ++seq;
    if (carries_state) state_row = last_row;
  }
  if (!last_row) return;
  SqliteStatement& save = write_statements_->save;
  save.Reset();
  save.Bind(1, token);
  save.Bind(2, seq);
  save.Bind(3, *last_row);
  if (state_row) save.Bind(4, *state_row);
  if (!save.ok() || save.Step() != SQLITE_DONE) {
    ++errors_;
    LogSqliteError("save session", db_);
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
            const std::string serialised = state.ToJson().dump();
            Write(token, &serialised, entries);
          },
          /*is_write=*/true);
}

void SqliteSessionStore::AppendEntries(const std::string& token,
                                       std::vector<TranscriptEntry> entries,
                                       std::function<void()> committed) {
  Enqueue([this, token, entries = std::move(entries),
           committed = std::move(committed)](sqlite3*) mutable {
            Write(token, nullptr, entries);
            if (committed) after_commit_.push_back(std::move(committed));
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
