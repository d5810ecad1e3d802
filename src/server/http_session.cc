#include "server/http_session.h"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/demo_page.h"
#include "server/http_routes.h"
#include "server/websocket_session.h"

namespace spotter {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

constexpr std::chrono::seconds kRequestTimeout{30};

// Compares without an early exit, so timing does not reveal the token.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state,
                         net::thread_pool& admin_pool)
    : stream_(std::move(socket)), state_(std::move(state)), admin_pool_(admin_pool) {}

void HttpSession::Start() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&HttpSession::Read, shared_from_this()));
}

void HttpSession::Read() {
  parser_.emplace();
  parser_->body_limit(state_->options.max_http_body_bytes);
  stream_.expires_after(kRequestTimeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
}

void HttpSession::OnRead(beast::error_code error, std::size_t) {
  if (error == http::error::end_of_stream) {
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, error);
    return;
  }
  if (error) return;  // timeout, reset, or a malformed request: drop it
  Handle(parser_->release());
}

HttpSession::Response HttpSession::Text(const Request& request, http::status status,
                                        std::string_view content_type,
                                        std::string body) const {
  Response response{status, request.version()};
  response.set(http::field::server, "spotter");
  response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-store");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

bool HttpSession::IsFromLoopback() const {
  beast::error_code error;
  const auto remote = stream_.socket().remote_endpoint(error);
  return !error && remote.address().is_loopback();
}

void HttpSession::Handle(Request request) {
  const bool is_upgrade = beast::websocket::is_upgrade(request);
  const Route route = RouteRequest(std::string_view(request.method_string()),
                                   std::string_view(request.target()), is_upgrade);
  switch (route) {
    case Route::kChatSocket:
      if (state_->draining || state_->connection_count() >= state_->options.max_connections) {
        state_->metrics.ConnectionRefused();
        return Send(Text(request, http::status::service_unavailable, "text/plain",
                         "too many connections; try again later\n"));
      }
      stream_.expires_never();  // the WebSocket sets its own timeouts
      std::make_shared<WebsocketSession>(stream_.release_socket(), state_)
          ->Start(std::move(request));
      return;
    case Route::kDemoPage:
      return Send(Text(request, http::status::ok, "text/html; charset=utf-8",
                       std::string(DemoPage())));
    case Route::kHealth:
      if (state_->draining) {
        return Send(Text(request, http::status::service_unavailable, "text/plain",
                         "draining\n"));
      }
      return Send(Text(request, http::status::ok, "text/plain", "ok\n"));
    case Route::kMetrics:
      return Send(Text(request, http::status::ok, "text/plain; version=0.0.4",
                       state_->metrics.Render(state_->Figures())));
    case Route::kAdminReload:
      return Reload(std::move(request));
    case Route::kMethodNotAllowed:
      return Send(Text(request, http::status::method_not_allowed, "text/plain",
                       "method not allowed\n"));
    case Route::kNotFound:
      break;
  }
  Send(Text(request, http::status::not_found, "text/plain", "not found\n"));
}

void HttpSession::Reload(Request request) {
  const std::string& token = state_->options.admin_token;
  const std::string_view authorization(request[http::field::authorization]);
  const bool has_token = !token.empty() &&
                         ConstantTimeEquals(authorization, "Bearer " + token);
  if (!IsFromLoopback() && !has_token) {
    return Send(Text(request, http::status::forbidden, "text/plain",
                     "reload is allowed from loopback or with the admin token\n"));
  }
  // Loading takes tens of milliseconds: do it off the I/O threads, then
  // answer on this connection's strand.
  net::post(admin_pool_, [self = shared_from_this(), request = std::move(request)]() mutable {
    const Diagnostics problems = self->state_->engines.Reload();
    const bool failed = !problems.empty();
    nlohmann::json body = {{"reloaded", !failed},
                           {"version", self->state_->engines.version()}};
    body["problems"] = nlohmann::json::array();
    for (const Diagnostic& problem : problems) {
      body["problems"].push_back(problem.ToString());
      std::fprintf(stderr, "%s\n", problem.ToString().c_str());
    }
    net::post(self->stream_.get_executor(), [self, request = std::move(request), failed,
                                             body = body.dump()]() mutable {
      self->Send(self->Text(request,
                            failed ? http::status::unprocessable_entity : http::status::ok,
                            "application/json", body + "\n"));
    });
  });
}

void HttpSession::Send(Response response) {
  auto shared = std::make_shared<Response>(std::move(response));
  http::async_write(stream_, *shared,
                    [self = shared_from_this(), shared](beast::error_code error, std::size_t) {
                      if (error) return;
                      if (!shared->keep_alive()) {
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send,
                                                        ignored);
                        return;
                      }
                      self->Read();
                    });
}

}  // namespace spotter
