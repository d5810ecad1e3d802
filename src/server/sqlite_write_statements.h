// The statements the session store's writer thread runs for every turn and
// ticket, prepared once when the thread starts and reused (preparing costs
// more than running them). Shared by sqlite_session_store.cc and
// sqlite_handoff_store.cc; writer thread only.
#ifndef SPOTTER_SERVER_SQLITE_WRITE_STATEMENTS_H_
#define SPOTTER_SERVER_SQLITE_WRITE_STATEMENTS_H_

#include "server/answer_bodies.h"
#include "server/sqlite_session_store.h"
#include "server/sqlite_statement.h"

namespace spotter {

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
        save_ticket(db,
                    "INSERT INTO tickets(id, session, status, coach, topic, safety, preview, "
                    "note, close_note, opened_at, claimed_at, closed_at, first_seq) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                    "ON CONFLICT(id) DO UPDATE SET status = excluded.status, "
                    "coach = excluded.coach, close_note = excluded.close_note, "
                    "claimed_at = excluded.claimed_at, closed_at = excluded.closed_at "
                    "RETURNING first_seq;"),
        bodies(db) {}
  SqliteStatement find;    // the session's entry count and newest row
  SqliteStatement insert;  // one transcript row
  SqliteStatement save;    // the session row after the turn
  SqliteStatement save_ticket;  // a new ticket, or its new status
  AnswerBodies bodies;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SQLITE_WRITE_STATEMENTS_H_
