#include "server/user_socket.h"

#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/coach_credentials.h"
#include "server/timestamps.h"

namespace spotter {

UserSocket::~UserSocket() {
  if (!joined_session_.empty()) state_->handoff.UserOffline(joined_session_, this);
}

Handoff::Reply UserSocket::ReplyHere() {
  return [self = std::static_pointer_cast<UserSocket>(shared_from_this())](std::string frame) {
    self->Deliver(std::move(frame));
  };
}

void UserSocket::OnText(const std::string& frame) {
  ChatService& chat = state_->chat;
  ClientMessage message = chat.Parse(frame);
  state_->metrics.Message(message.type);
  if (!chat.Admit(chat_, ChatService::Clock::now())) {
    Send(chat.ErrorFrame({ErrorCode::kRateLimited,
                          fmt::format("more than {} messages a second; slow down",
                                      state_->options.max_messages_per_second)},
                         message.id));
    return;
  }
  switch (message.kind) {
    case ClientMessage::Kind::kInvalid:
      return Send(chat.ErrorFrame(message.error, message.id));
    case ClientMessage::Kind::kHello:
      return Hello(message);
    case ClientMessage::Kind::kAsk:
      return Ask(message);
    case ClientMessage::Kind::kEscalate:
      EnsureSession();
      return Escalate(message.id, message.text);
  }
}

void UserSocket::Hello(const ClientMessage& message) {
  if (!joined_session_.empty()) {
    state_->handoff.UserOffline(joined_session_, this);
    joined_session_.clear();
  }
  // What belonged to the previous session does not carry over.
  chat_.coach_offered = false;
  chat_.worst_safety = "none";
  chat_.last_question.clear();
  if (!ChatService::IsWellFormedToken(message.session)) {
    Send(state_->chat.Welcome(chat_, message.session, std::nullopt));
    JoinSession(chat_.session);
    return;
  }
  HoldFrames();
  auto self = std::static_pointer_cast<UserSocket>(shared_from_this());
  const std::string requested = message.session;
  state_->store->Load(
      requested, state_->options.history_turns,
      [self, requested](std::optional<StoredSession> stored) {
        // Joined here, on the store's thread, so that no coach message falls
        // between what the load read and what is pushed from now on.
        if (stored) self->state_->handoff.UserOnline(requested, self);
        self->Post([self, requested, stored = std::move(stored)]() mutable {
          self->OnSessionLoaded(requested, std::move(stored));
        });
      });
}

void UserSocket::OnSessionLoaded(const std::string& requested,
                                 std::optional<StoredSession> stored) {
  const bool known = stored.has_value();
  Send(state_->chat.Welcome(chat_, requested, stored,
                            known ? state_->handoff.EscalationOf(requested) : nullptr));
  if (known) {
    joined_session_ = requested;
  } else {
    JoinSession(chat_.session);
  }
  ReleaseFrames();
}

void UserSocket::EnsureSession() {
  if (!chat_.session.empty()) return;
  Send(state_->chat.Welcome(chat_, "", std::nullopt));
  JoinSession(chat_.session);
}

void UserSocket::JoinSession(const std::string& session) {
  joined_session_ = session;
  state_->handoff.UserOnline(session, shared_from_this());
}

void UserSocket::Ask(const ClientMessage& message) {
  const auto start = std::chrono::steady_clock::now();
  EnsureSession();
  // A coach holds the conversation: the bot stays quiet.
  if (state_->handoff.Relay(chat_.session, message.text, message.id, ReplyHere())) {
    chat_.coach_offered = false;
    LogRequest(message, "relayed", 0);
    return;
  }
  if (chat_.coach_offered && IsAcceptance(message.text)) {
    chat_.coach_offered = false;
    LogRequest(message, "escalate.accept", 0);
    return Escalate(message.id, "");
  }
  std::string opened;
  Send(state_->chat.Answer(chat_, message, &opened));
  LogRequest(message, chat_.state.last_topic,
             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  // Asking the bot for a person is asking for the hand-off.
  if (chat_.state.last_topic == "escalate.human") Escalate(message.id, "");
}

void UserSocket::Escalate(const std::string& reply_to, const std::string& note) {
  chat_.coach_offered = false;  // taken up: a later "ok thanks" is not a new request
  Handoff::Escalation escalation;
  escalation.session = chat_.session;
  escalation.reply_to = reply_to;
  escalation.note = note;
  escalation.topic = chat_.state.last_topic;
  escalation.safety = chat_.worst_safety;
  escalation.preview = chat_.last_question;
  state_->handoff.Escalate(escalation, ReplyHere());
}

void UserSocket::LogRequest(const ClientMessage& message, std::string_view topic,
                            double seconds) {
  // The session token would let whoever reads the logs resume (and read) the
  // conversation, so the log carries a short hash of it: enough to follow
  // one session through the log, useless to resume it.
  if (logged_session_ != chat_.session) {
    logged_session_ = chat_.session;
    log_id_ = Sha256Hex(chat_.session).substr(0, 16);
  }
  // The fields are ours (a hex id, a type, a topic id), so no escaping is
  // needed; the user's text, when logged at all, goes through the JSON
  // library.
  std::string line = fmt::format(
      R"({{"time":"{}","session":"{}","type":"{}","topic":"{}","latency_ms":{:.3f})",
      NowIso8601(), log_id_, message.type, topic, seconds * 1e3);
  if (state_->options.log_message_text) {
    line += ",\"text\":" + nlohmann::json(message.text).dump();
  }
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace spotter
