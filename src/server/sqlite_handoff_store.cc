// The hand-off half of SqliteSessionStore (server/handoff_store.h): tickets
// and coach accounts, in the same database and on the same writer thread as
// the sessions, so a ticket and the transcript entries it adds commit
// together.
#include <fmt/format.h>

#include "server/sqlite_session_store.h"
#include "server/sqlite_statement.h"
#include "server/sqlite_write_statements.h"

namespace spotter {

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

Ticket TicketFromRow(SqliteStatement& row) {
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
            SqliteStatement& entries = write_statements_->find;
            entries.Reset();
            entries.Bind(1, ticket.session);
            if (entries.Step() == SQLITE_ROW) ticket.first_seq = entries.Int(0);
            entries.Reset();
            SqliteStatement& save = write_statements_->save_ticket;
            save.Reset();
            for (int i = 0; i < kFirstSeqColumn; ++i) save.Bind(i + 1, ticket.*kTicketText[i]);
            save.Bind(kFirstSeqColumn + 1, ticket.first_seq);
            if (!save.ok() || save.Step() != SQLITE_ROW) {
              ++errors_;
              LogSqliteError("save ticket", db_);
            } else {
              ticket.first_seq = save.Int(0);
            }
            save.Reset();
            if (!events.empty()) Write(ticket.session, nullptr, events);
            after_commit_.push_back([ticket = std::move(ticket), done = std::move(done)] {
              if (done) done(ticket);
            });
          },
          /*is_write=*/true);
}

std::vector<Ticket> SqliteSessionStore::LoadActiveTickets() {
  return Await<std::vector<Ticket>>([this] {
    SqliteStatement query(db_, fmt::format("SELECT {} FROM tickets WHERE status != 'closed' "
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
            SqliteStatement entries(db_, "SELECT entries FROM sessions WHERE token = ?1;");
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
    SqliteStatement insert(db_,
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
    SqliteStatement remove(db_, "DELETE FROM coaches WHERE name = ?1;");
    remove.Bind(1, name);
    return remove.ok() && remove.Step() == SQLITE_DONE && sqlite3_changes(db_) == 1;
  });
}

std::vector<CoachRecord> SqliteSessionStore::ReadCoaches() {
  SqliteStatement query(db_, "SELECT name, salt, token_hash, created_at FROM coaches ORDER BY name;");
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

}  // namespace spotter
