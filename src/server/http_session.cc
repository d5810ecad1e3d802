#include "server/http_session.h"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/coach_credentials.h"
#include "server/http_routes.h"
#include "server/source_page.h"
#include "server/coach_socket.h"
#include "server/user_socket.h"

namespace spotter {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

constexpr std::chrono::seconds kRequestTimeout{30};

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
      return Upgrade<UserSocket>(std::move(request));
    case Route::kCoachSocket:
      return Upgrade<CoachSocket>(std::move(request));
    case Route::kWebFile:
      return ServeWebFile(request);
    case Route::kSource:
      return ServeSource(request);
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

template <typename Socket>
void HttpSession::Upgrade(Request request) {
  if (state_->draining || state_->connection_count() >= state_->options.max_connections) {
    state_->metrics.ConnectionRefused();
    return Send(Text(request, http::status::service_unavailable, "text/plain",
                     "too many connections; try again later\n"));
  }
  stream_.expires_never();  // the WebSocket sets its own timeouts
  std::make_shared<Socket>(stream_.release_socket(), state_)->Start(std::move(request));
}

void HttpSession::ServeWebFile(const Request& request) {
  std::optional<WebFile> file = state_->web.Find(TargetPath(request.target()));
  if (!file) {
    return Send(Text(request, http::status::not_found, "text/plain", "not found\n"));
  }
  Response response = Text(request, http::status::ok, file->content_type, std::move(file->body));
  response.set(http::field::cache_control, file->cache_control);
  response.set("X-Content-Type-Options", "nosniff");
  if (!file->content_security_policy.empty()) {
    response.set("Content-Security-Policy", file->content_security_policy);
  }
  Send(std::move(response));
}

void HttpSession::ServeSource(const Request& request) {
  const std::string id = SourceIdFromTarget(request.target());
  std::shared_ptr<const Engine> engine = state_->engines.Get();
  std::optional<SourceRef> passage;
  if (engine && !id.empty()) passage = engine->FindPassage(id);
  const bool wants_json = HasQueryParameter(request.target(), "format", "json");
  if (!passage) {
    return Send(Text(request, http::status::not_found, "text/plain",
                     "no passage with that id (ids look like deadlift-soreness#why)\n"));
  }
  if (wants_json) {
    Response response = Text(request, http::status::ok, "application/json",
                             SourcePageJson(*passage));
    response.set(http::field::access_control_allow_origin, "*");
    return Send(std::move(response));
  }
  Response response =
      Text(request, http::status::ok, "text/html; charset=utf-8", SourcePageHtml(*passage));
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'");
  Send(std::move(response));
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
