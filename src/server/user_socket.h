// A lifter's chat socket (ws://HOST:PORT/ws): hands each frame to the
// ChatService, answers, and joins the coach hand-off: `escalate` (or a "yes"
// to the bot's offer of a coach, or asking the bot for a person) opens a
// ticket; while a coach holds the conversation, asks go to the coach; coach
// messages are pushed here. The socket plumbing is FrameSocket's.
#ifndef SPOTTER_SERVER_USER_SOCKET_H_
#define SPOTTER_SERVER_USER_SOCKET_H_

#include <optional>
#include <string>

#include "server/chat_service.h"
#include "server/frame_socket.h"

namespace spotter {

class UserSocket final : public FrameSocket {
 public:
  using FrameSocket::FrameSocket;
  ~UserSocket() override;

 private:
  void OnText(const std::string& frame) override;
  void Hello(const ClientMessage& message);
  void OnSessionLoaded(const std::string& requested, std::optional<StoredSession> stored);
  void Ask(const ClientMessage& message);
  void Escalate(const std::string& reply_to, const std::string& note);
  // Makes sure the connection has a session, sending the welcome if it
  // opens one, and that coach messages for it reach this socket.
  void EnsureSession();
  void JoinSession(const std::string& session);
  void LogRequest(const ClientMessage& message, std::string_view topic, double seconds);
  Handoff::Reply ReplyHere();

  ChatConnection chat_;
  std::string joined_session_;  // the session whose pushes come here
  std::string logged_session_;  // the session log_id_ was made from
  std::string log_id_;          // what the request log calls the session
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_USER_SOCKET_H_
