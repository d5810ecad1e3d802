// One user's chat socket (ws://HOST:PORT/ws): reads JSON text frames, hands
// them to the ChatService, and writes its replies in order. Everything runs
// on the connection's strand, so the session needs no lock. Frames over the
// size limit close the socket with 1009 (Beast), invalid UTF-8 with 1007;
// other bad input gets an error frame and the socket stays usable. A client
// that stops reading is closed once its reply queue is full.
#ifndef SPOTTER_SERVER_WEBSOCKET_SESSION_H_
#define SPOTTER_SERVER_WEBSOCKET_SESSION_H_

#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "server/chat_service.h"
#include "server/server_state.h"

namespace spotter {

class WebsocketSession : public std::enable_shared_from_this<WebsocketSession> {
 public:
  WebsocketSession(boost::asio::ip::tcp::socket&& socket,
                   std::shared_ptr<ServerState> state);
  ~WebsocketSession();

  // Completes the upgrade that `request` asked for, then serves frames.
  void Start(boost::beast::http::request<boost::beast::http::string_body> request);

  // Closes the socket with "going away" (server shutdown). Thread-safe.
  void CloseForShutdown();

 private:
  void OnAccept(boost::beast::error_code error);
  void Read();
  void OnRead(boost::beast::error_code error, std::size_t bytes);
  void HandleFrame(const std::string& frame);
  void OnSessionLoaded(const std::string& requested, std::optional<StoredSession> stored);
  void Send(std::string frame);
  void OnWrite(boost::beast::error_code error, std::size_t bytes);
  void LogRequest(const ClientMessage& message, std::string_view topic, double seconds) const;

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  ChatConnection chat_;
  std::deque<std::string> outbox_;          // replies not yet written
  bool loading_session_ = false;            // a hello waits for the store
  std::deque<std::string> held_frames_;     // frames that arrived meanwhile
  bool registered_ = false;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_WEBSOCKET_SESSION_H_
