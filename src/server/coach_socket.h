// A coach's socket (ws://HOST:PORT/coach). The first frame must be
// {"type":"auth","token":...}; anything else, or a wrong token, gets
// `unauthorized` and the socket is closed. Signed in, the coach sees the
// queue, and can claim, say and close (the Handoff decides who may).
#ifndef SPOTTER_SERVER_COACH_SOCKET_H_
#define SPOTTER_SERVER_COACH_SOCKET_H_

#include <string>

#include <nlohmann/json.hpp>

#include "server/frame_socket.h"
#include "server/rate_bucket.h"

namespace spotter {

class CoachSocket final : public FrameSocket {
 public:
  using FrameSocket::FrameSocket;
  ~CoachSocket() override;

 private:
  void OnText(const std::string& frame) override;
  void OnBinary() override;
  void Authenticate(const nlohmann::json& message, const std::string& reply_to);
  void OnCoachesLoaded(const std::string& token, const std::string& reply_to,
                       std::vector<CoachRecord> coaches);
  void Refuse(const std::string& message, const std::string& reply_to);
  void Error(ErrorCode code, const std::string& message, const std::string& reply_to);
  Handoff::Reply ReplyHere();

  std::string coach_;  // empty until signed in
  RateBucket rate_;     // as for users
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_COACH_SOCKET_H_
