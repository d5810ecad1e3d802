// One HTTP connection: serves the web pages, /source/ID, /healthz, /metrics
// and /admin/reload, and hands /ws and /coach upgrades to their sockets. Requests are read with a body
// limit and a timeout; keep-alive is honoured. Runs on its strand.
#ifndef SPOTTER_SERVER_HTTP_SESSION_H_
#define SPOTTER_SERVER_HTTP_SESSION_H_

#include <memory>
#include <optional>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include "server/server_state.h"

namespace spotter {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
              boost::asio::thread_pool& admin_pool);
  void Start();

 private:
  void Read();
  void OnRead(boost::beast::error_code error, std::size_t bytes);
  void Handle(Request request);
  void Reload(Request request);
  void ServeWebFile(const Request& request);
  void ServeSource(const Request& request);
  // Hands the connection to a new WebSocket of type Socket, unless the
  // server is full or draining (503).
  template <typename Socket>
  void Upgrade(Request request);
  void Send(Response response);
  Response Text(const Request& request, boost::beast::http::status status,
                std::string_view content_type, std::string body) const;
  bool IsFromLoopback() const;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::shared_ptr<ServerState> state_;
  boost::asio::thread_pool& admin_pool_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_HTTP_SESSION_H_
