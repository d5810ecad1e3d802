// What a user's and a coach's WebSocket have in common: the upgrade with
// timeouts and a frame-size limit, a read loop, an ordered, bounded write
// queue, frames held while the socket waits for the database, and closing.
// Everything runs on the connection's strand, so no lock is needed; Deliver
// and CloseForShutdown may be called from any thread. Frames over the size
// limit close the socket with 1009 (Beast), invalid UTF-8 with 1007; a
// client that stops reading is closed once its queue is full.
#ifndef SPOTTER_SERVER_FRAME_SOCKET_H_
#define SPOTTER_SERVER_FRAME_SOCKET_H_

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "server/frame_sink.h"
#include "server/server_state.h"

namespace spotter {

class FrameSocket : public FrameSink, public std::enable_shared_from_this<FrameSocket> {
 public:
  FrameSocket(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state);
  ~FrameSocket() override;

  // Completes the upgrade that `request` asked for, then serves frames.
  void Start(boost::beast::http::request<boost::beast::http::string_body> request);

  // Closes the socket with "going away" (server shutdown). Thread-safe.
  void CloseForShutdown();

  void Deliver(std::string frame) override;

 protected:
  // Called on the strand: once the socket is open, then for each frame.
  virtual void OnOpen() {}
  virtual void OnText(const std::string& frame) = 0;
  // A binary frame: by default `bad_request`, and the socket goes on.
  virtual void OnBinary();

  // Strand only. Send queues a frame; SendAndClose sends it, then closes
  // with `code`.
  void Send(std::string frame);
  void SendAndClose(std::string frame, boost::beast::websocket::close_code code,
                    std::string reason);
  // While held, text frames wait (in order, bounded) instead of reaching
  // OnText: the socket waits for the database. Release replays them.
  void HoldFrames() { holding_ = true; }
  void ReleaseFrames();
  bool holding_frames() const { return holding_; }

  // Runs `work` on this socket's strand; callable from any thread.
  void Post(std::function<void()> work);

  const std::string& remote_address() const { return remote_address_; }

  std::shared_ptr<ServerState> state_;

 private:
  void OnAccept(boost::beast::error_code error);
  void Read();
  // Reads again once the database writer has caught up (see backlogged()).
  void ReadWhenStoreKeepsUp();
  void OnRead(boost::beast::error_code error, std::size_t bytes);
  void WriteNext();
  void OnWrite(boost::beast::error_code error, std::size_t bytes);

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer store_wait_;
  std::deque<std::string> outbox_;       // frames not yet written
  std::size_t outbox_bytes_ = 0;
  std::optional<boost::beast::websocket::close_reason> close_after_writes_;
  bool holding_ = false;
  std::deque<std::string> held_frames_;  // arrived while holding
  std::string remote_address_;
  bool registered_ = false;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_FRAME_SOCKET_H_
