#include "server/sqlite_schema.h"

#include <iterator>
#include <string>

#include <fmt/format.h>

#include "server/sqlite_statement.h"

namespace spotter {
namespace {

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
    "  WHERE p.token = transcript.token AND p.seq < transcript.seq"
    "  ORDER BY p.seq DESC LIMIT 1);"
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
static_assert(std::size(kMigrations) == kSchemaVersion);

}  // namespace

Result<int> MigrateSchema(sqlite3* db) {
  int found = 0;
  {
    SqliteStatement query(db, "PRAGMA user_version;");
    if (query.ok() && query.Step() == SQLITE_ROW) found = static_cast<int>(query.Int(0));
  }
  if (found > kSchemaVersion) {
    return Error{ErrorCode::kInternal,
                 fmt::format("schema version {} is newer than this build's {}", found,
                             kSchemaVersion)};
  }
  for (int version = found; version < kSchemaVersion; ++version) {
    const std::string sql = fmt::format("BEGIN; {} PRAGMA user_version={}; COMMIT;",
                                        kMigrations[version], version + 1);
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      const std::string why = sqlite3_errmsg(db);
      sqlite3_exec(db, "ROLLBACK;", nullptr, nullptr, nullptr);
      return Error{ErrorCode::kInternal,
                   fmt::format("migration to version {} failed: {}", version + 1, why)};
    }
  }
  return found;
}

}  // namespace spotter
