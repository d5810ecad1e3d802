// Where the coach hand-off keeps what must survive a restart: tickets and
// coach accounts. Transcript lines (what the user and the coach said) go
// through SessionStore::AppendEntries, in the session's own transcript.
// An interface, like SessionStore, so that a networked database can take
// SQLite's place.
#ifndef SPOTTER_SERVER_HANDOFF_STORE_H_
#define SPOTTER_SERVER_HANDOFF_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "server/session_store.h"

namespace spotter {

// One escalation: a session waiting for, or held by, a human coach.
struct Ticket {
  std::string id;
  std::string session;
  std::string status;  // "open" (waiting), "claimed" (a coach holds it), "closed"
  std::string coach;   // who holds or held it
  std::string topic;   // the bot's last topic when it was opened
  std::string safety;  // the highest safety level seen in the session
  std::string preview; // the first words of the user's question or note
  std::string note;    // the user's note with `escalate`, if any
  std::string close_note;
  std::string opened_at, claimed_at, closed_at;  // ISO 8601 UTC; empty if not yet
  std::int64_t first_seq = 0;  // the transcript entry number when it was opened
};

// A coach account: the name and a salted hash of its token, never the token.
struct CoachRecord {
  std::string name;
  std::string salt;        // hex
  std::string token_hash;  // hex SHA-256 of salt + token
  std::string created_at;
};

// Implementations are thread-safe. Callbacks run on the store's own thread,
// in the order the calls were made, after the write is committed.
class HandoffStore {
 public:
  virtual ~HandoffStore() = default;

  // Inserts or updates `ticket` and appends `events` to its session's
  // transcript in the same commit. A new ticket's first_seq is set from the
  // session's transcript; `done` gets the ticket as stored.
  virtual void SaveTicket(Ticket ticket, std::vector<TranscriptEntry> events,
                          std::function<void(const Ticket&)> done) = 0;

  // Every ticket that is not closed, oldest first. Blocks (server start).
  virtual std::vector<Ticket> LoadActiveTickets() = 0;

  // A session's transcript from entry `from_seq` on, oldest first, at most
  // the last 500 entries.
  virtual void LoadTranscript(const std::string& session, std::int64_t from_seq,
                              std::function<void(std::vector<TranscriptEntry>)> done) = 0;

  // Coach accounts. Blocking: the CLI and a login use them.
  virtual Result<bool> AddCoach(const CoachRecord& coach) = 0;  // false: name taken
  virtual bool RemoveCoach(const std::string& name) = 0;        // false: no such coach
  virtual std::vector<CoachRecord> ListCoaches() = 0;
  // The same list, delivered on the store's thread (logins from I/O threads).
  virtual void FindCoaches(std::function<void(std::vector<CoachRecord>)> done) = 0;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_HANDOFF_STORE_H_
