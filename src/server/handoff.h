// The live hand-off from the bot to a human coach. It keeps the tickets that
// are open or held (mirrored in the HandoffStore, restored at start), which
// user sockets belong to which session and which coaches are online, and
// routes between them: an escalation opens a ticket and tells every coach;
// a claim gives one coach the conversation; while a coach holds it, the
// user's messages go to the coach and the coach's to the user; a close gives
// the conversation back to the bot.
//
// Nothing is acknowledged before it is stored: every reply and push is sent
// from the store's commit callback. Writes are queued while the lock is held,
// so the store applies them in the order memory changed (a claim never lands
// before the ticket it claims; a relayed message never after the close).
// Pushes go through FrameSink (the sockets post them onto their own
// strands); the lock is never held while sending.
//
// Thread-safe.
#ifndef SPOTTER_SERVER_HANDOFF_H_
#define SPOTTER_SERVER_HANDOFF_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/frame_sink.h"
#include "server/handoff_store.h"
#include "server/metrics.h"
#include "server/server_options.h"

namespace spotter {

class Handoff {
 public:
  // Sends one frame back to whoever asked; called on any thread.
  using Reply = std::function<void(std::string frame)>;

  Handoff(HandoffStore& store, SessionStore& sessions, Metrics& metrics,
          const ServerOptions& options)
      : store_(store), sessions_(sessions), metrics_(metrics), options_(options) {}

  // Loads the tickets that were open or held when the server last stopped.
  void Restore();

  // ---- the user's side ----
  void UserOnline(const std::string& session, std::weak_ptr<FrameSink> sink);
  void UserOffline(const std::string& session, const FrameSink* sink);

  // The session's hand-off for `welcome`: null, or {ticket, status
  // ("waiting" or "with_coach"), coach}.
  nlohmann::json EscalationOf(const std::string& session) const;

  struct Escalation {
    std::string session;
    std::string reply_to;
    std::string note;     // the user's own words, optional
    std::string topic;    // the bot's last topic
    std::string safety;   // the highest safety level in the session
    std::string preview;  // the user's question, shortened for the queue
  };
  // Opens a ticket (or, if one is open, says so again) and replies
  // `escalated` with the place in the queue and whether a coach is online.
  void Escalate(const Escalation& escalation, Reply reply);

  // While a coach holds the session: stores `text`, replies `relayed` and
  // pushes it to the coach; returns true. Otherwise returns false (the bot
  // answers) and does nothing.
  bool Relay(const std::string& session, const std::string& text, const std::string& reply_to,
             Reply reply);

  // ---- the coach's side ----
  // Registers a signed-in coach; returns the `authed` frame with the queue
  // and the tickets this coach holds.
  std::string CoachOnline(const std::string& coach, std::weak_ptr<FrameSink> sink);
  void CoachOffline(const FrameSink* sink);

  void Claim(const std::string& coach, const std::string& ticket, const std::string& reply_to,
             Reply reply);
  void Say(const std::string& coach, const std::string& ticket, const std::string& text,
           const std::string& reply_to, Reply reply);
  void Close(const std::string& coach, const std::string& ticket, const std::string& note,
             const std::string& reply_to, Reply reply);

  struct Figures {
    std::size_t open = 0;     // waiting for a coach
    std::size_t claimed = 0;  // held by a coach
    std::size_t coaches_online = 0;
  };
  Figures figures() const;

 private:
  struct LiveTicket {
    Ticket stored;
    std::chrono::system_clock::time_point opened;
  };
  // Where a ticket waits: opened at, then id.
  using QueueKey = std::pair<std::chrono::system_clock::time_point, std::string>;
  struct CoachLink {
    std::string name;
    std::weak_ptr<FrameSink> sink;
  };

  // Under mu_: a new ticket for the escalation, held in memory and queued
  // for the store.
  void OpenTicket(const Escalation& escalation, Reply reply);
  // Replies `escalated` once the new ticket is stored, and tells the coaches.
  void OnTicketStored(const Ticket& stored, const std::string& reply_to, const Reply& reply);
  // Under mu_: the ticket a coach may act on, or the error to send.
  LiveTicket* HeldBy(const std::string& coach, const std::string& ticket,
                     const std::string& reply_to, std::string* error_frame);
  // Under mu_: a ticket joins the queue of open tickets, or leaves it.
  void Enqueue(const LiveTicket& live);
  void Dequeue(const LiveTicket& live);
  // Under mu_.
  std::size_t PlaceInQueue(const LiveTicket& ticket) const;
  std::size_t CoachesOnlineLocked() const;
  nlohmann::ordered_json SummaryJson(const Ticket& ticket) const;
  std::string EscalatedFrame(const LiveTicket& ticket, const std::string& reply_to) const;
  // Outside mu_: sinks to push to.
  std::vector<std::shared_ptr<FrameSink>> UserSinks(const std::string& session) const;
  std::vector<std::shared_ptr<FrameSink>> CoachSinks(
      const std::function<bool(const std::string&)>& which) const;
  std::string ErrorFrame(ErrorCode code, const std::string& message,
                         const std::string& reply_to) const;

  HandoffStore& store_;
  SessionStore& sessions_;
  Metrics& metrics_;
  const ServerOptions& options_;

  // How many tickets a coach holds: when none, Relay (called for every ask)
  // returns without taking the lock.
  std::atomic<std::size_t> claimed_count_{0};
  mutable std::mutex mu_;
  std::unordered_map<std::string, LiveTicket> tickets_;       // by id; open or claimed
  std::unordered_map<std::string, std::string> by_session_;   // session -> ticket id
  // The open tickets, oldest first, so that a place in the queue is a binary
  // search: a busy site with no coach online can hold thousands.
  std::vector<QueueKey> waiting_;  // guarded by mu_
  std::multimap<std::string, std::weak_ptr<FrameSink>> users_;  // session -> sockets
  std::unordered_map<const FrameSink*, CoachLink> coaches_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_HANDOFF_H_
