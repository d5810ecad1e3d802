#include "server/sqlite_session_store.h"

#include <pthread.h>
#include <sched.h>

#include <future>
#include <iostream>

#include <fmt/format.h>

#include "server/answer_bodies.h"
#include "server/sqlite_statement.h"

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
    // 2: the coach hand-off. Coaches keep a salted hash of their token only.
    // A ticket's first_seq is where its part of the transcript starts.
    "CREATE TABLE coaches ("
    "  name TEXT PRIMARY KEY,"
    "  salt TEXT NOT NULL,"
    "  token_hash TEXT NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
    ") WITHOUT ROWID;"
    "CREATE TABLE tickets ("
    "  id TEXT PRIMARY KEY,"
    "  session TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('open', 'claimed', 'closed')),"
    "  coach TEXT NOT NULL DEFAULT '',"
    "  topic TEXT NOT NULL DEFAULT '',"
    "  safety TEXT NOT NULL DEFAULT '',"
    "  preview TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  close_note TEXT NOT NULL DEFAULT '',"
    "  opened_at TEXT NOT NULL,"
    "  claimed_at TEXT NOT NULL DEFAULT '',"
    "  closed_at TEXT NOT NULL DEFAULT '',"
    "  first_seq INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE INDEX tickets_by_session ON tickets(session, status);",
    // 3: the transcript as an append-only rowid table with an index on the
    // session. Clustered on the token (version 1), a row holding a 5 KB
    // answer spilled into four overflow pages (a WITHOUT ROWID row keeps
    // about 1 KB in its page) and each turn dirtied pages all over the tree;
    // appended in order, a turn's rows share the last pages of the table.
    "CREATE TABLE transcript_rows ("
    "  id INTEGER PRIMARY KEY,"
    "  token TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  role TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  data TEXT,"
    "  at TEXT NOT NULL);"
    "INSERT INTO transcript_rows(token, seq, role, text, data, at)"
    "  SELECT token, seq, role, text, data, at FROM transcript ORDER BY token, seq;"
    "DROP TABLE transcript;"
    "ALTER TABLE transcript_rows RENAME TO transcript;"
    "CREATE UNIQUE INDEX transcript_by_session ON transcript(token, seq);",
    // 4: one copy of each distinct answer body (server/answer_bodies.h). A
    // bot row's data is then the answer's opening (type and reply_to), and
    // `body` names the rest; rows written before keep all of it in data.
    "CREATE TABLE answer_bodies ("
    "  id INTEGER PRIMARY KEY,"
    "  digest INTEGER NOT NULL,"
    "  body TEXT NOT NULL);"
    "CREATE INDEX answer_bodies_by_digest ON answer_bodies(digest);"
    "ALTER TABLE transcript ADD COLUMN body INTEGER REFERENCES answer_bodies(id);",
    // 5: each session's transcript as a chain, newest first: the session row
    // names its last row, and each row the one before it. The index on
    // (token, seq) went: with a thousand sessions talking at once, every
    // turn inserted into a different leaf of it, so a commit of 200 turns
    // rewrote 400 index pages, and the writer spent two thirds of its time
    // there (42 us a turn, 13 us without; bench/store_benchmark). Rows are
    // now only appended, and reading a session's last entries walks back
    // from its newest row.
    "ALTER TABLE sessions ADD COLUMN last_row INTEGER;"
    "ALTER TABLE transcript ADD COLUMN prev INTEGER;"
    "UPDATE transcript SET prev = (SELECT p.id FROM transcript p"
    "  WHERE p.token = transcript.token AND p.seq = transcript.seq - 1);"
    "UPDATE sessions SET last_row = (SELECT t.id FROM transcript t"
    "  WHERE t.token = sessions.token ORDER BY t.seq DESC LIMIT 1);"
    "DROP INDEX transcript_by_session;",
    // 6: the dialogue state moves from the session row to the transcript row
    // of the turn that made it (sessions.state_row names it). Session rows
    // are updated every turn at random places in their b-tree, and each
    // commit rewrites every page it touched: with a 300-byte state in each
    // row, a thousand sessions filled fifty pages; without it, about ten.
    // Sessions written before keep their state where it is until their next
    // turn.
    "ALTER TABLE sessions ADD COLUMN state_row INTEGER;"
    "ALTER TABLE transcript ADD COLUMN state TEXT;",
};
static_assert(std::size(kMigrations) == SqliteSessionStore::kSchemaVersion);

void LogError(std::string_view what, sqlite3* db) {
  std::cerr << json{{"level", "error"}, {"what", what}, {"sqlite", sqlite3_errmsg(db)}}.dump()
            << '\n';
}

}  // namespace

// The writer's statements, prepared once when the writer thread starts and
// reused for every turn (preparing costs more than running them).
struct SqliteSessionStore::WriteStatements {
  explicit WriteStatements(sqlite3* db)
      : find(db, "SELECT entries, last_row FROM sessions WHERE token = ?1;"),
        insert(db,
               "INSERT INTO transcript(token, seq, role, text, data, at, body, prev, state) "
               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);"),
        save(db,
             "INSERT INTO sessions(token, state, entries, last_row, state_row) "
             "VALUES(?1, '', ?2, ?3, ?4) ON CONFLICT(token) DO UPDATE SET "
             "entries = excluded.entries, last_row = excluded.last_row, "
             "state_row = coalesce(excluded.state_row, sessions.state_row), "
             "state = CASE WHEN excluded.state_row IS NULL THEN sessions.state ELSE '' END, "
             "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now');"),
        bodies(db) {}
  Statement find;    // the session's entry count and newest row
  Statement insert;  // one transcript row
  Statement save;    // the session row after the turn
  AnswerBodies bodies;
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

std::size_t SqliteSessionStore::queued() const { return pending_.load(std::memory_order_relaxed); }

bool SqliteSessionStore::backlogged() const { return queued() > kBacklogLimit; }

void SqliteSessionStore::Enqueue(Task task, bool is_write) {
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    tasks_.emplace_back(std::move(task), is_write);
    if (!is_write) ++reads_queued_;
    // Through a commit window the writer sleeps until the window ends:
    // woken for every turn, it cost a futex call and two context switches
    // a turn. A read wakes it (someone waits on it), as does a large group.
    wake = !in_window_ || !is_write || tasks_.size() >= kMaxGroup;
  }
  pending_.fetch_add(1, std::memory_order_relaxed);
  if (wake) wake_.notify_one();
}

template <typename T>
T SqliteSessionStore::Await(std::function<T()> work) {
  std::promise<T> result;
  std::future<T> done = result.get_future();
  // Not a write: it ends any open group first, so it sees every earlier
  // write committed, and a single statement commits on its own.
  Enqueue([&](sqlite3*) { result.set_value(work()); }, /*is_write=*/false);
  return done.get();
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
  // Consecutive writes share one transaction, kept open for kCommitWindow
  // so that the writes arriving meanwhile join it; a read ends the group so
  // that it sees them committed.
  bool in_transaction = false;
  std::chrono::steady_clock::time_point began;
  while (true) {
    std::deque<std::pair<Task, bool>> batch;
    {
      std::unique_lock lock(mu_);
      if (in_transaction) {
        in_window_ = true;
        wake_.wait_until(lock, began + kCommitWindow, [&] {
          return stopping_ || reads_queued_ > 0 || tasks_.size() >= kMaxGroup;
        });
        in_window_ = false;
      } else {
        wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      }
      reads_queued_ = 0;
      if (tasks_.empty() && (stopping_ || in_transaction)) {
        lock.unlock();
        if (in_transaction) {
          Commit();  // the window is over (or the store is closing)
          in_transaction = false;
          continue;
        }
        write_statements_.reset();  // finalised before the database closes
        return;
      }
      batch.swap(tasks_);
    }
    for (auto& [task, is_write] : batch) {
      if (is_write && !in_transaction) {
        Execute("BEGIN");
        in_transaction = true;
        began = std::chrono::steady_clock::now();
      } else if (!is_write && in_transaction) {
        Commit();
        in_transaction = false;
      }
      pending_.fetch_sub(1, std::memory_order_relaxed);  // before: Flush's task ends the wait
      task(db_);
    }
    if (in_transaction && std::chrono::steady_clock::now() - began >= kCommitWindow) {
      Commit();
      in_transaction = false;
    }
  }
}

void SqliteSessionStore::Commit() {
  // A failed commit may take new answer bodies with it: forget the ids.
  if (!Execute("COMMIT")) write_statements_->bodies.Forget();
  ++commits_;
  // Whoever waits for these writes may now say they are done.
  std::vector<std::function<void()>> callbacks;
  callbacks.swap(after_commit_);
  for (auto& callback : callbacks) callback();
}

bool SqliteSessionStore::Execute(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  ++errors_;
  LogError(sql, db_);
  return false;
}

std::optional<StoredSession> SqliteSessionStore::Read(const std::string& token,
                                                      std::size_t history_limit) {
  // The state is on the row of the turn that made it, or (written before
  // schema 6) still on the session row; a session of coach messages alone
  // has none yet.
  Statement session(db_,
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
  Statement ticket(db_,
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
  Statement history(db_,
                    "WITH RECURSIVE chain(id, seq, prev) AS ("
                    "  SELECT t.id, t.seq, t.prev FROM transcript t"
                    "  WHERE t.id = (SELECT last_row FROM sessions WHERE token = ?1)"
                    "  UNION ALL"
                    "  SELECT t.id, t.seq, t.prev FROM chain c JOIN transcript t ON t.id = c.prev"
                    "  WHERE c.seq > ?2)"
                    "SELECT t.role, t.text, t.data, t.at, b.body FROM chain c "
                    "JOIN transcript t ON t.id = c.id LEFT JOIN answer_bodies b ON b.id = t.body "
                    "WHERE c.seq >= ?2 ORDER BY c.seq;");
  history.Bind(1, token);
  history.Bind(2, from_seq);
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
  // The session row counts its entries, which numbers the new ones, and
  // names its newest row, which the first new one points back to.
  Statement& find = write_statements_->find;
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
    LogError("read session", db_);
    return;
  }
  find.Reset();
  Statement& insert = write_statements_->insert;
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
    }
    if (body) {
      insert.Bind(5, std::string_view(entry.data_json).substr(0, entry.shared_from));
      insert.Bind(7, *body);
    } else {
      insert.Bind(5, entry.data_json);
    }
    if (!insert.ok() || insert.Step() != SQLITE_DONE) {
      ++errors_;
      LogError("save transcript", db_);
      break;  // the chain ends at the last row saved
    }
    last_row = sqlite3_last_insert_rowid(db_);
    ++seq;
    if (carries_state) state_row = last_row;
  }
  if (!last_row) return;
  Statement& save = write_statements_->save;
  save.Reset();
  save.Bind(1, token);
  save.Bind(2, seq);
  save.Bind(3, *last_row);
  if (state_row) save.Bind(4, *state_row);
  if (!save.ok() || save.Step() != SQLITE_DONE) {
    ++errors_;
    LogError("save session", db_);
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

// ---- the coach hand-off ----

namespace {

// The ticket's text columns, in table order; first_seq comes after them.
constexpr std::string Ticket::*kTicketText[] = {
    &Ticket::id,         &Ticket::session,   &Ticket::status,    &Ticket::coach,
    &Ticket::topic,      &Ticket::safety,    &Ticket::preview,   &Ticket::note,
    &Ticket::close_note, &Ticket::opened_at, &Ticket::claimed_at, &Ticket::closed_at};
constexpr int kFirstSeqColumn = std::size(kTicketText);

constexpr const char* kTicketColumns =
    "id, session, status, coach, topic, safety, preview, note, close_note, opened_at, "
    "claimed_at, closed_at, first_seq";

Ticket TicketFromRow(Statement& row) {
  Ticket ticket;
  for (int i = 0; i < kFirstSeqColumn; ++i) ticket.*kTicketText[i] = row.Text(i);
  ticket.first_seq = row.Int(kFirstSeqColumn);
  return ticket;
}

}  // namespace

void SqliteSessionStore::SaveTicket(Ticket ticket, std::vector<TranscriptEntry> events,
                                    std::function<void(const Ticket&)> done) {
  Enqueue([this, ticket = std::move(ticket), events = std::move(events),
           done = std::move(done)](sqlite3*) mutable {
            Statement entries(db_, "SELECT entries FROM sessions WHERE token = ?1;");
            entries.Bind(1, ticket.session);
            if (entries.ok() && entries.Step() == SQLITE_ROW) ticket.first_seq = entries.Int(0);
            Statement save(db_,
                           "INSERT INTO tickets(id, session, status, coach, topic, safety, "
                           "preview, note, close_note, opened_at, claimed_at, closed_at, "
                           "first_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                           "?12, ?13) ON CONFLICT(id) DO UPDATE SET status = excluded.status, "
                           "coach = excluded.coach, close_note = excluded.close_note, "
                           "claimed_at = excluded.claimed_at, closed_at = excluded.closed_at "
                           "RETURNING first_seq;");
            for (int i = 0; i < kFirstSeqColumn; ++i) save.Bind(i + 1, ticket.*kTicketText[i]);
            save.Bind(kFirstSeqColumn + 1, ticket.first_seq);
            if (!save.ok() || save.Step() != SQLITE_ROW) {
              ++errors_;
              LogError("save ticket", db_);
            } else {
              ticket.first_seq = save.Int(0);
            }
            if (!events.empty()) Write(ticket.session, nullptr, events);
            after_commit_.push_back([ticket = std::move(ticket), done = std::move(done)] {
              if (done) done(ticket);
            });
          },
          /*is_write=*/true);
}

std::vector<Ticket> SqliteSessionStore::LoadActiveTickets() {
  return Await<std::vector<Ticket>>([this] {
    Statement query(db_, fmt::format("SELECT {} FROM tickets WHERE status != 'closed' "
                                     "ORDER BY opened_at, id;", kTicketColumns).c_str());
    std::vector<Ticket> out;
    while (query.ok() && query.Step() == SQLITE_ROW) out.push_back(TicketFromRow(query));
    return out;
  });
}

void SqliteSessionStore::LoadTranscript(
    const std::string& session, std::int64_t from_seq,
    std::function<void(std::vector<TranscriptEntry>)> done) {
  Enqueue([this, session, from_seq, done = std::move(done)](sqlite3*) {
            Statement entries(db_, "SELECT entries FROM sessions WHERE token = ?1;");
            entries.Bind(1, session);
            std::int64_t from = from_seq;
            if (entries.ok() && entries.Step() == SQLITE_ROW) {
              from = std::max(from, entries.Int(0) - kMaxHistoryEntries);
            }
            done(ReadTranscript(session, from));
          },
          /*is_write=*/false);
}

Result<bool> SqliteSessionStore::AddCoach(const CoachRecord& coach) {
  return Await<Result<bool>>([&]() -> Result<bool> {
    Statement insert(db_,
                     "INSERT INTO coaches(name, salt, token_hash) VALUES(?1, ?2, ?3) "
                     "ON CONFLICT(name) DO NOTHING;");
    insert.Bind(1, coach.name);
    insert.Bind(2, coach.salt);
    insert.Bind(3, coach.token_hash);
    if (!insert.ok() || insert.Step() != SQLITE_DONE) {
      ++errors_;
      return Error{ErrorCode::kInternal,
                   fmt::format("cannot save the coach: {}", sqlite3_errmsg(db_))};
    }
    return sqlite3_changes(db_) == 1;
  });
}

bool SqliteSessionStore::RemoveCoach(const std::string& name) {
  return Await<bool>([&] {
    Statement remove(db_, "DELETE FROM coaches WHERE name = ?1;");
    remove.Bind(1, name);
    return remove.ok() && remove.Step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
  });
}

std::vector<CoachRecord> SqliteSessionStore::ReadCoaches() {
  Statement query(db_, "SELECT name, salt, token_hash, created_at FROM coaches ORDER BY name;");
  std::vector<CoachRecord> out;
  while (query.ok() && query.Step() == SQLITE_ROW) {
    out.push_back({query.Text(0), query.Text(1), query.Text(2), query.Text(3)});
  }
  return out;
}

std::vector<CoachRecord> SqliteSessionStore::ListCoaches() {
  return Await<std::vector<CoachRecord>>([this] { return ReadCoaches(); });
}

void SqliteSessionStore::FindCoaches(std::function<void(std::vector<CoachRecord>)> done) {
  Enqueue([this, done = std::move(done)](sqlite3*) { done(ReadCoaches()); },
          /*is_write=*/false);
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
