// A store for unit tests: everything in memory, every callback at once (as
// if each write committed immediately).
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
    if (committed) committed();
  }
  void Flush() override {}

  void SaveTicket(Ticket ticket, std::vector<TranscriptEntry> events,
                  std::function<void(const Ticket&)> done) override {
    if (!tickets.contains(ticket.id)) ticket.first_seq = sessions[ticket.session].history.size();
    tickets[ticket.id] = ticket;
    AppendEntries(ticket.session, std::move(events), nullptr);
    if (done) done(ticket);
  }
  std::vector<Ticket> LoadActiveTickets() override {
    std::vector<Ticket> out;
    for (auto& [id, ticket] : tickets) {
      if (ticket.status != "closed") out.push_back(ticket);
    }
    return out;
  }
  void LoadTranscript(const std::string& session,
                      std::function<void(std::vector<TranscriptEntry>)> done) override {
    done(sessions[session].history);
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
};

}  // namespace spotter

#endif  // SPOTTER_TESTS_UNIT_SERVER_MEMORY_STORE_H_
