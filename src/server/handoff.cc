#include "server/handoff.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "base/utf8.h"
#include "compose/answer_json.h"
#include "server/timestamps.h"
#include "server/transcript_json.h"

namespace spotter {
namespace {

using json = nlohmann::ordered_json;

// 80 random bits: tickets are only ever reached by a signed-in coach or by
// their own session, so the id need not be a secret, but it must never
// collide with an earlier ticket.
std::string NewTicketId() {
  thread_local std::random_device device;
  return fmt::format("t-{:08x}{:08x}{:04x}", device(), device(), device() & 0xffff);
}

TranscriptEntry Event(std::string text, json details) {
  return {"event", std::move(text), details.dump(), NowIso8601()};
}

template <typename Sinks>
void Push(const Sinks& sinks, const std::string& frame) {
  for (const auto& sink : sinks) sink->Deliver(frame);
}

}  // namespace

void Handoff::Restore() {
  std::vector<Ticket> active = store_.LoadActiveTickets();
  std::lock_guard lock(mu_);
  for (Ticket& ticket : active) {
    const auto opened = ParseIso8601(ticket.opened_at).value_or(std::chrono::system_clock::now());
    by_session_[ticket.session] = ticket.id;
    if (ticket.status == "claimed") ++claimed_count_;
    const std::string id = ticket.id;
    const LiveTicket& live = tickets_[id] = LiveTicket{std::move(ticket), opened};
    if (live.stored.status == "open") Enqueue(live);
  }
}

// ---- the user's side ----

void Handoff::UserOnline(const std::string& session, std::weak_ptr<FrameSink> sink) {
  std::lock_guard lock(mu_);
  users_.emplace(session, std::move(sink));
}

void Handoff::UserOffline(const std::string& session, const FrameSink* sink) {
  // Declared before the lock: if one of these is the last owner of another
  // socket, that socket's destructor (which calls back here) runs after the
  // unlock.
  std::vector<std::shared_ptr<FrameSink>> seen;
  std::lock_guard lock(mu_);
  auto [begin, end] = users_.equal_range(session);
  for (auto it = begin; it != end;) {
    seen.push_back(it->second.lock());
    const FrameSink* live = seen.back().get();
    it = (live == nullptr || live == sink) ? users_.erase(it) : std::next(it);
  }
}

nlohmann::json Handoff::EscalationOf(const std::string& session) const {
  std::lock_guard lock(mu_);
  auto it = by_session_.find(session);
  if (it == by_session_.end()) return nullptr;
  const Ticket& ticket = tickets_.at(it->second).stored;
  return {{"ticket", ticket.id},
          {"status", ticket.status == "claimed" ? "with_coach" : "waiting"},
          {"coach", ticket.coach}};
}

void Handoff::Escalate(const Escalation& escalation, Reply reply) {
  std::string again;  // the frame for a session whose ticket is open already
  {
    // One lock for the check and the insert: two tabs escalating at once
    // get one ticket.
    std::lock_guard lock(mu_);
    if (auto it = by_session_.find(escalation.session); it != by_session_.end()) {
      again = EscalatedFrame(tickets_.at(it->second), escalation.reply_to);
    } else {
      OpenTicket(escalation, std::move(reply));
    }
  }
  if (!again.empty()) return reply(again);
  metrics_.TicketOpened();
}

void Handoff::OpenTicket(const Escalation& escalation, Reply reply) {
  LiveTicket live;
  live.opened = std::chrono::system_clock::now();
  Ticket& ticket = live.stored;
  ticket.id = NewTicketId();
  ticket.session = escalation.session;
  ticket.status = "open";
  ticket.topic = escalation.topic;
  ticket.safety = escalation.safety.empty() ? "none" : escalation.safety;
  ticket.note = escalation.note;  // the parser limits it to max_text_chars
  const std::string& words = escalation.note.empty() ? escalation.preview : escalation.note;
  ticket.preview = std::string(TruncateUtf8(words, 120));
  ticket.opened_at = ToIso8601(live.opened);
  // Held in memory at once, so a second escalate (or a claim) sees it;
  // nobody hears of it before it is stored. Every write is queued under
  // the lock, so the store sees them in the order memory did.
  by_session_[ticket.session] = ticket.id;
  tickets_[ticket.id] = live;
  Enqueue(live);
  json details = {{"ticket", ticket.id}};
  if (!ticket.note.empty()) details["note"] = ticket.note;
  std::vector<TranscriptEntry> events = {Event(
      ticket.note.empty() ? "Asked for a coach" : "Asked for a coach: " + ticket.note,
      details)};
  store_.SaveTicket(ticket, std::move(events),
                    [this, reply = std::move(reply),
                     reply_to = escalation.reply_to](const Ticket& stored) {
                      OnTicketStored(stored, reply_to, reply);
                    });
}

void Handoff::OnTicketStored(const Ticket& stored, const std::string& reply_to,
                             const Reply& reply) {
  std::string escalated;
  json opened;
  {
    std::lock_guard lock(mu_);
    auto it = tickets_.find(stored.id);
    if (it == tickets_.end()) {
      // Claimed and closed before this reply could go: say so.
      escalated = json{{"type", "escalated"}, {"reply_to", reply_to}, {"ticket", stored.id},
                       {"status", "closed"}, {"position", 0},
                       {"coaches_online", CoachesOnlineLocked()},
                       {"message", "A coach has already answered and closed this request."}}
                      .dump();
    } else {
      it->second.stored.first_seq = stored.first_seq;
      escalated = EscalatedFrame(it->second, reply_to);
      opened = SummaryJson(it->second.stored);
    }
  }
  reply(escalated);
  if (opened.is_null()) return;
  opened["type"] = "ticket_opened";
  Push(CoachSinks([](const std::string&) { return true; }), opened.dump());
}

bool Handoff::Relay(const std::string& session, const std::string& text,
                    const std::string& reply_to, Reply reply) {
  if (claimed_count_.load(std::memory_order_acquire) == 0) return false;
  std::string ticket_id;
  std::string coach;
  {
    std::lock_guard lock(mu_);
    auto it = by_session_.find(session);
    if (it == by_session_.end()) return false;
    const Ticket& ticket = tickets_.at(it->second).stored;
    if (ticket.status != "claimed") return false;
    ticket_id = ticket.id;
    coach = ticket.coach;
    const std::string at = NowIso8601();
    TranscriptEntry entry{"user", text, json{{"ticket", ticket_id}}.dump(), at};
    sessions_.AppendEntries(
        session, {std::move(entry)},
        [this, reply = std::move(reply), reply_to, ticket_id, coach, text, at] {
          reply(json{{"type", "relayed"}, {"reply_to", reply_to}, {"ticket", ticket_id}}.dump());
          Push(CoachSinks([&](const std::string& name) { return name == coach; }),
               json{{"type", "user_message"}, {"ticket", ticket_id}, {"text", text}, {"at", at}}
                   .dump());
        });
  }
  return true;
}

// ---- the coach's side ----

std::string Handoff::CoachOnline(const std::string& coach, std::weak_ptr<FrameSink> sink) {
  std::lock_guard lock(mu_);
  coaches_[sink.lock().get()] = CoachLink{coach, sink};
  std::vector<const LiveTicket*> ordered;
  for (const auto& [id, live] : tickets_) ordered.push_back(&live);
  std::sort(ordered.begin(), ordered.end(), [](const LiveTicket* a, const LiveTicket* b) {
    return a->opened < b->opened;
  });
  json queue = json::array();
  json held = json::array();
  for (const LiveTicket* live : ordered) {
    if (live->stored.status == "open") queue.push_back(SummaryJson(live->stored));
    if (live->stored.status == "claimed" && live->stored.coach == coach) {
      held.push_back(SummaryJson(live->stored));
    }
  }
  return json{{"type", "authed"}, {"coach", coach}, {"queue", queue}, {"claimed", held}}.dump();
}

void Handoff::CoachOffline(const FrameSink* sink) {
  std::lock_guard lock(mu_);
  coaches_.erase(sink);
}

Handoff::LiveTicket* Handoff::HeldBy(const std::string& coach, const std::string& ticket,
                                     const std::string& reply_to, std::string* error_frame) {
  auto it = tickets_.find(ticket);
  if (it == tickets_.end()) {
    *error_frame = ErrorFrame(ErrorCode::kUnknownTicket,
                              "no open ticket has that id (it may be closed)", reply_to);
    return nullptr;
  }
  const Ticket& stored = it->second.stored;
  if (stored.status != "claimed" || stored.coach != coach) {
    *error_frame = ErrorFrame(ErrorCode::kUnauthorized,
                              stored.status == "claimed"
                                  ? "another coach holds this ticket"
                                  : "claim the ticket before writing to it",
                              reply_to);
    return nullptr;
  }
  return &it->second;
}

void Handoff::Claim(const std::string& coach, const std::string& ticket_id,
                    const std::string& reply_to, Reply reply) {
  std::string error;
  {
    std::lock_guard lock(mu_);
    auto it = tickets_.find(ticket_id);
    if (it == tickets_.end()) {
      error = ErrorFrame(ErrorCode::kUnknownTicket,
                         "no open ticket has that id (it may be closed)", reply_to);
    } else if (it->second.stored.status == "claimed" && it->second.stored.coach != coach) {
      error = ErrorFrame(ErrorCode::kUnauthorized, "another coach holds this ticket", reply_to);
    } else {
      LiveTicket& live = it->second;
      if (live.stored.status == "open") {
        // Taken here, under the lock: of two coaches claiming at once, one
        // wins.
        ++claimed_count_;
        Dequeue(live);
        live.stored.status = "claimed";
        live.stored.coach = coach;
        live.stored.claimed_at = NowIso8601();
        metrics_.TicketClaimed(
            std::chrono::duration<double>(std::chrono::system_clock::now() - live.opened)
                .count());
        const Ticket ticket = live.stored;
        std::vector<TranscriptEntry> events = {
            Event(coach + " joined",
                  {{"event", "coach_joined"}, {"ticket", ticket.id}, {"coach", coach}})};
        store_.SaveTicket(ticket, std::move(events), [this, ticket, coach](const Ticket&) {
          Push(UserSinks(ticket.session),
               json{{"type", "coach_joined"}, {"ticket", ticket.id}, {"coach", coach}}.dump());
          Push(CoachSinks([&](const std::string& name) { return name != coach; }),
               json{{"type", "ticket_claimed"}, {"ticket", ticket.id}, {"coach", coach}}.dump());
        });
      }
      // A claim by the coach who holds it already (after a reconnect) just
      // sends the transcript again. Queued after the claim, so it sees it.
      const Ticket ticket = live.stored;
      const std::int64_t from =
          std::max<std::int64_t>(0, ticket.first_seq -
                                        static_cast<std::int64_t>(options_.history_turns));
      store_.LoadTranscript(ticket.session, from, [reply, reply_to, ticket](
                                                      std::vector<TranscriptEntry> entries) {
        reply(json{{"type", "claimed"}, {"reply_to", reply_to}, {"ticket", ticket.id},
                   {"session_summary", json{{"topic", ticket.topic}, {"safety", ticket.safety}}},
                   {"transcript", TranscriptJson(entries)}}
                  .dump());
      });
    }
  }
  if (!error.empty()) reply(error);
}

void Handoff::Say(const std::string& coach, const std::string& ticket_id, const std::string& text,
                  const std::string& reply_to, Reply reply) {
  std::string error;
  {
    std::lock_guard lock(mu_);
    if (LiveTicket* live = HeldBy(coach, ticket_id, reply_to, &error)) {
      const std::string session = live->stored.session;
      const std::string at = NowIso8601();
      TranscriptEntry entry{"coach", text,
                            json{{"coach", coach}, {"ticket", ticket_id}}.dump(), at};
      sessions_.AppendEntries(
          session, {std::move(entry)},
          [this, reply, reply_to, ticket_id, coach, text, at, session] {
            reply(json{{"type", "said"}, {"reply_to", reply_to}, {"ticket", ticket_id},
                       {"at", at}}
                      .dump());
            Push(UserSinks(session), json{{"type", "coach_message"},
                                          {"ticket", ticket_id},
                                          {"text", text},
                                          {"coach", coach},
                                          {"at", at}}
                                         .dump());
          });
    }
  }
  if (!error.empty()) reply(error);
}

void Handoff::Close(const std::string& coach, const std::string& ticket_id,
                    const std::string& note, const std::string& reply_to, Reply reply) {
  std::string error;
  {
    std::lock_guard lock(mu_);
    if (LiveTicket* live = HeldBy(coach, ticket_id, reply_to, &error)) {
      Ticket ticket = live->stored;
      ticket.status = "closed";
      ticket.closed_at = NowIso8601();
      ticket.close_note = note;  // the coach socket limits it to max_text_chars
      by_session_.erase(ticket.session);
      tickets_.erase(ticket_id);
      --claimed_count_;  // only a held ticket can be closed
      std::vector<TranscriptEntry> events = {Event(
          coach + " left", {{"event", "coach_left"}, {"ticket", ticket.id}, {"coach", coach}})};
      store_.SaveTicket(ticket, std::move(events),
                        [this, reply, reply_to, ticket, coach](const Ticket&) {
                          reply(json{{"type", "closed"}, {"reply_to", reply_to},
                                     {"ticket", ticket.id}}
                                    .dump());
                          Push(UserSinks(ticket.session), json{{"type", "coach_left"},
                                                               {"ticket", ticket.id},
                                                               {"coach", coach}}
                                                              .dump());
                        });
    }
  }
  if (!error.empty()) reply(error);
}

Handoff::Figures Handoff::figures() const {
  std::lock_guard lock(mu_);
  Figures figures;
  for (const auto& [id, live] : tickets_) {
    (live.stored.status == "open" ? figures.open : figures.claimed) += 1;
  }
  figures.coaches_online = CoachesOnlineLocked();
  return figures;
}

// ---- helpers ----

void Handoff::Enqueue(const LiveTicket& live) {
  QueueKey key{live.opened, live.stored.id};
  waiting_.insert(std::upper_bound(waiting_.begin(), waiting_.end(), key), std::move(key));
}

void Handoff::Dequeue(const LiveTicket& live) {
  const QueueKey key{live.opened, live.stored.id};
  auto it = std::lower_bound(waiting_.begin(), waiting_.end(), key);
  if (it != waiting_.end() && *it == key) waiting_.erase(it);
}

std::size_t Handoff::PlaceInQueue(const LiveTicket& ticket) const {
  const QueueKey key{ticket.opened, ticket.stored.id};
  return static_cast<std::size_t>(std::lower_bound(waiting_.begin(), waiting_.end(), key) -
                                  waiting_.begin()) + 1;
}

std::size_t Handoff::CoachesOnlineLocked() const {
  std::vector<std::string> names;
  for (const auto& [sink, link] : coaches_) {
    if (!link.sink.expired()) names.push_back(link.name);
  }
  std::sort(names.begin(), names.end());
  return static_cast<std::size_t>(std::unique(names.begin(), names.end()) - names.begin());
}

nlohmann::ordered_json Handoff::SummaryJson(const Ticket& ticket) const {
  const std::string safety = ticket.safety.empty() ? "none" : ticket.safety;
  std::string summary = fmt::format("{} · {}", ticket.topic.empty() ? "no topic" : ticket.topic,
                                    safety);
  if (!ticket.preview.empty()) summary += fmt::format(" · \"{}\"", ticket.preview);
  return json{{"ticket", ticket.id},   {"opened_at", ticket.opened_at},
              {"summary", summary},    {"topic", ticket.topic},
              {"safety", safety},      {"preview", ticket.preview},
              {"status", ticket.status}, {"coach", ticket.coach}};
}

std::string Handoff::EscalatedFrame(const LiveTicket& live, const std::string& reply_to) const {
  const Ticket& ticket = live.stored;
  const std::size_t online = CoachesOnlineLocked();
  json frame = {{"type", "escalated"}, {"reply_to", reply_to}, {"ticket", ticket.id},
                {"coaches_online", online}};
  if (ticket.status == "claimed") {
    frame["status"] = "with_coach";
    frame["coach"] = ticket.coach;
    frame["position"] = 0;
    frame["message"] = fmt::format("{} is with you in this chat.", ticket.coach);
  } else {
    const std::size_t place = PlaceInQueue(live);
    frame["status"] = "waiting";
    frame["position"] = place;
    frame["message"] =
        online > 0
            ? fmt::format("A coach will join this chat shortly. You are number {} in the queue.",
                          place)
            : fmt::format("No coach is online right now. Your conversation is saved, and a "
                          "coach will reply here, usually within {} hours. You can close this "
                          "page and come back to this chat.",
                          options_.coach_reply_hours);
    frame["expected_reply_hours"] = online > 0 ? 0 : options_.coach_reply_hours;
  }
  return frame.dump();
}

std::vector<std::shared_ptr<FrameSink>> Handoff::UserSinks(const std::string& session) const {
  std::vector<std::shared_ptr<FrameSink>> out;
  std::lock_guard lock(mu_);
  auto [begin, end] = users_.equal_range(session);
  for (auto it = begin; it != end; ++it) {
    if (auto sink = it->second.lock()) out.push_back(std::move(sink));
  }
  return out;
}

std::vector<std::shared_ptr<FrameSink>> Handoff::CoachSinks(
    const std::function<bool(const std::string&)>& which) const {
  std::vector<std::shared_ptr<FrameSink>> out;
  std::lock_guard lock(mu_);
  for (const auto& [pointer, link] : coaches_) {
    if (!which(link.name)) continue;
    if (auto sink = link.sink.lock()) out.push_back(std::move(sink));
  }
  return out;
}

std::string Handoff::ErrorFrame(ErrorCode code, const std::string& message,
                                const std::string& reply_to) const {
  metrics_.Error(ErrorCodeName(code));
  return ErrorToJson(Error{code, message}, reply_to).dump();
}

}  // namespace spotter
