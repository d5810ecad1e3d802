// Where conversations live between messages and across restarts: each
// session's dialogue state and its transcript. The chat service talks to this
// interface only, so a networked database can replace SQLite when several
// instances share state.
#ifndef SPOTTER_SERVER_SESSION_STORE_H_
#define SPOTTER_SERVER_SESSION_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dialogue/dialogue_state.h"

namespace spotter {

// One line of a transcript: what the user wrote or what the bot answered.
struct TranscriptEntry {
  std::string role;       // "user", "bot", "coach" or "event" (a coach joined or left)
  std::string text;       // what was said; for the bot, the answer's summary
  std::string data_json;  // bot: the answer object as sent; coach and event: a
                          // JSON object of details (coach, ticket); user: empty
  std::string at;         // ISO 8601 UTC
  // bot: where the part of data_json that repeats across turns starts (after
  // the reply_to that names this turn); a store may keep one copy of it.
  // npos: none of it does.
  std::size_t shared_from = std::string::npos;
};

struct StoredSession {
  DialogueState state;
  std::vector<TranscriptEntry> history;  // the most recent, oldest first
};

// Implementations are thread-safe. Writes are asynchronous and ordered per
// session; a load sees every write issued before it.
class SessionStore {
 public:
  virtual ~SessionStore() = default;

  // Calls `done` (on the store's own thread) with the session and its last
  // `history_limit` entries (or, while a ticket is open, every entry since
  // it was opened, so a user who was away sees every coach message), or
  // nullopt for an unknown token.
  virtual void Load(const std::string& token, std::size_t history_limit,
                    std::function<void(std::optional<StoredSession>)> done) = 0;

  // Records a turn: new entries and the state after them. Creates the
  // session if needed.
  virtual void Append(const std::string& token, const DialogueState& state,
                      std::vector<TranscriptEntry> entries) = 0;

  // Records entries that do not change the dialogue state (a message relayed
  // to a coach, the coach's reply, a coach joining), then calls `committed`
  // (on the store's thread) once they are on disk.
  virtual void AppendEntries(const std::string& token, std::vector<TranscriptEntry> entries,
                             std::function<void()> committed) = 0;

  // Blocks until every write issued so far is on disk (shutdown, tests).
  virtual void Flush() = 0;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SESSION_STORE_H_
