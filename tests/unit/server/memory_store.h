// A store for unit tests: everything in memory. Loads answer at once; the
// hand-off's writes and reads call back when the test says Drain() (as the
// real store does later, on its own thread).
#ifndef SPOTTER_TESTS_UNIT_SERVER_MEMORY_STORE_H_
#define SPOTTER_TESTS_UNIT_SERVER_MEMORY_STORE_H_

#include <map>

#include "server/handoff_store.h"
#include "server/session_store.h"

namespace spotter {

class MemoryStore : public SessionStore, public HandoffStore {
 public:
  void Load(const std::string& token, std::size_t,
            std::function<void(std::optional<StoredSession>)> done) override {
    auto it = sessions.find(token);
    done(it == sessions.end() ? std::nullopt : std::optional<StoredSession>(it->second));
  }
  void Append(const std::string& token, const DialogueState& state,
              std::vector<TranscriptEntry> entries) override {
    StoredSession& session = sessions[token];
    session.state = state;
    for (auto& e : entries) session.history.push_back(std::move(e));
  }
  void AppendEntries(const std::string& token, std::vector<TranscriptEntry> entries,
                     std::function<void()> committed) override {
    StoredSession& session = sessions[token];
    for (auto& e : entries) session.history.push_back(std::move(e));
    if (committed) pending.push_back(std::move(committed));
  }
  // Runs the callbacks queued so far (and any they queue), in order.
  void Drain() {
    while (!pending.empty()) {
      std::vector<std::function<void()>> now;
      now.swap(pending);
      for (auto& callback : now) callback();
    }
  }
  void Flush() override {}

  void SaveTicket(Ticket ticket, std::vector<TranscriptEntry> events,
                  std::function<void(const Ticket&)> done) override {
    if (!tickets.contains(ticket.id)) ticket.first_seq = sessions[ticket.session].history.size();
    tickets[ticket.id] = ticket;
    AppendEntries(ticket.session, std::move(events), nullptr);
    if (done) pending.push_back([done, ticket] { done(ticket); });
  }
  std::vector<Ticket> LoadActiveTickets() override {
    std::vector<Ticket> out;
    for (auto& [id, ticket] : tickets) {
      if (ticket.status != "closed") out.push_back(ticket);
    }
    return out;
  }
  void LoadTranscript(const std::string& session, std::int64_t from_seq,
                      std::function<void(std::vector<TranscriptEntry>)> done) override {
    const auto& history = sessions[session].history;
    std::vector<TranscriptEntry> from(
        history.begin() + std::min<std::int64_t>(from_seq, history.size()), history.end());
    pending.push_back([done, from] { done(from); });
  }
  Result<bool> AddCoach(const CoachRecord& coach) override {
    return coaches.emplace(coach.name, coach).second;
  }
  bool RemoveCoach(const std::string& name) override { return coaches.erase(name) == 1; }
  std::vector<CoachRecord> ListCoaches() override {
    std::vector<CoachRecord> out;
    for (auto& [name, coach] : coaches) out.push_back(coach);
    return out;
  }
  void FindCoaches(std::function<void(std::vector<CoachRecord>)> done) override {
    done(ListCoaches());
  }

  std::map<std::string, StoredSession> sessions;
  std::map<std::string, Ticket> tickets;
  std::map<std::string, CoachRecord> coaches;
  std::vector<std::function<void()>> pending;
};

}  // namespace spotter

#endif  // SPOTTER_TESTS_UNIT_SERVER_MEMORY_STORE_H_
