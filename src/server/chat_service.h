// The user's side of the WebSocket protocol (shared/spec/contract.md),
// without sockets: parses client frames, answers "ask" with the engine,
// welcomes "hello" (resuming a known session with its recent history), keeps
// each connection's dialogue state, records every turn in the session store,
// and refuses what the contract refuses (bad_request, too_large,
// rate_limited). user_socket.cc moves frames; this decides them.
//
// Thread-safety: the service is shared by every connection; a ChatConnection
// belongs to one connection and is used on its strand only.
#ifndef SPOTTER_SERVER_CHAT_SERVICE_H_
#define SPOTTER_SERVER_CHAT_SERVICE_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "dialogue/dialogue_state.h"
#include "server/engine_holder.h"
#include "server/metrics.h"
#include "server/rate_bucket.h"
#include "server/server_options.h"
#include "server/session_store.h"

namespace spotter {

// What one client frame asks for.
struct ClientMessage {
  enum class Kind { kHello, kAsk, kEscalate, kInvalid };
  Kind kind = Kind::kInvalid;
  std::string type;     // as sent, for metrics ("hello", "ask", "?")
  std::string id;       // ask: echoed as reply_to
  std::string session;  // hello: the token to resume; may be empty
  std::string text;     // ask; escalate: the optional note
  Error error;          // kInvalid: what was wrong
};

// One connection's chat: its session and dialogue state, and its rate limit.
struct ChatConnection {
  std::string session;  // empty until hello or the first ask
  DialogueState state;
  RateBucket rate;
  // For the coach hand-off: whether the last answer offered a coach (so a
  // "yes" accepts), the highest safety level so far, and the last question.
  bool coach_offered = false;
  std::string worst_safety = "none";
  std::string last_question;
};

// Whether `text` accepts the bot's offer of a coach ("yes, connect me",
// "sure, get me a coach"): short, made of words of assent that name the
// hand-off, and nothing else (so not negated, and not a new question).
bool IsAcceptance(std::string_view text);

class ChatService {
 public:
  using Clock = std::chrono::steady_clock;

  // All references must outlive the service.
  ChatService(EngineHolder& engines, SessionStore& store, Metrics& metrics,
              const ServerOptions& options)
      : engines_(engines), store_(store), metrics_(metrics), options_(options) {}

  // Never throws: anything that is not a valid message is kInvalid with the
  // contract's code (bad_request; too_large for text over the limit).
  ClientMessage Parse(std::string_view frame) const;

  // Whether the connection may send another message now (a token bucket of
  // options.max_messages_per_second).
  bool Admit(ChatConnection& connection, Clock::time_point now) const;

  // The welcome for a hello. `requested` is the token the client sent (may
  // be empty); `stored` what the store had for it. Unknown tokens get a new
  // session, said in the welcome. `escalation` is the session's hand-off
  // state (null when no ticket is open).
  std::string Welcome(ChatConnection& connection, const std::string& requested,
                      const std::optional<StoredSession>& stored,
                      const nlohmann::json& escalation = nullptr) const;

  // Answers an ask (opening a session first if the client never said hello:
  // then `opened` is set to the welcome to send before the answer), records
  // the turn, and returns the answer frame or an error frame.
  std::string Answer(ChatConnection& connection, const ClientMessage& message,
                     std::string* opened) const;

  std::string ErrorFrame(const Error& error, std::string_view reply_to) const;

  // A new session token: 128 random bits as 32 hex digits.
  static std::string NewToken();
  // Whether `token` looks like one NewToken makes (so junk never reaches SQL).
  static bool IsWellFormedToken(std::string_view token);

 private:
  EngineHolder& engines_;
  SessionStore& store_;
  Metrics& metrics_;
  const ServerOptions& options_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_CHAT_SERVICE_H_
