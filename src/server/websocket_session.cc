#include "server/websocket_session.h"

#include <chrono>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace spotter {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace websocket = beast::websocket;

bool IsNormalClose(const beast::error_code& error) {
  return error == websocket::error::closed || error == net::error::operation_aborted ||
         error == beast::error::timeout || error == net::error::eof ||
         error == net::error::connection_reset;
}

}  // namespace

WebsocketSession::WebsocketSession(net::ip::tcp::socket&& socket,
                                   std::shared_ptr<ServerState> state)
    : ws_(std::move(socket)), state_(std::move(state)) {}

WebsocketSession::~WebsocketSession() {
  if (registered_) {
    state_->Unregister(this);
    state_->metrics.ConnectionClosed();
  }
}

void WebsocketSession::Start(http::request<http::string_body> request) {
  const ServerOptions& options = state_->options;
  websocket::stream_base::timeout timeout;
  timeout.handshake_timeout = options.handshake_timeout;
  timeout.idle_timeout = options.idle_timeout;
  timeout.keep_alive_pings = true;  // finds half-open connections
  ws_.set_option(timeout);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(http::field::server, "spotter");
  }));
  ws_.read_message_max(options.max_frame_bytes);
  ws_.async_accept(request, beast::bind_front_handler(&WebsocketSession::OnAccept,
                                                      shared_from_this()));
}

void WebsocketSession::OnAccept(beast::error_code error) {
  if (error) return;  // the handshake failed or timed out: nothing to serve
  registered_ = state_->Register(this, weak_from_this());
  if (!registered_) {
    // Over the limit after the upgrade raced others: say so and go.
    state_->metrics.ConnectionRefused();
    ws_.async_close(websocket::close_reason(websocket::close_code::try_again_later,
                                            "too many connections"),
                    [self = shared_from_this()](beast::error_code) {});
    return;
  }
  state_->metrics.ConnectionOpened();
  Read();
}

void WebsocketSession::Read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebsocketSession::OnRead,
                                                    shared_from_this()));
}

void WebsocketSession::OnRead(beast::error_code error, std::size_t) {
  if (error) {
    if (!IsNormalClose(error) && error != websocket::error::message_too_big) {
      std::fprintf(stderr, "%s\n",
                   nlohmann::json{{"level", "info"}, {"what", "ws read"},
                                  {"error", error.message()}}.dump().c_str());
    }
    return;  // Beast has sent the close frame (1009, 1007, 1002) where one is due
  }
  std::string frame = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (!ws_.got_text()) {
    state_->metrics.Message("binary");
    Send(state_->chat.ErrorFrame(
        {ErrorCode::kBadRequest, "binary frames are not accepted; send JSON as text"}, ""));
  } else if (loading_session_) {
    if (held_frames_.size() >= state_->options.max_queued_replies) {
      beast::get_lowest_layer(ws_).close();
      return;
    }
    held_frames_.push_back(std::move(frame));
  } else {
    HandleFrame(frame);
  }
  Read();
}

void WebsocketSession::HandleFrame(const std::string& frame) {
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
      Send(chat.ErrorFrame(message.error, message.id));
      return;
    case ClientMessage::Kind::kHello: {
      if (!ChatService::IsWellFormedToken(message.session)) {
        Send(chat.Welcome(chat_, message.session, std::nullopt));
        return;
      }
      loading_session_ = true;
      auto self = shared_from_this();
      const std::string requested = message.session;
      state_->store->Load(requested, state_->options.history_turns,
                          [self, requested](std::optional<StoredSession> stored) {
                            net::post(self->ws_.get_executor(),
                                      [self, requested, stored = std::move(stored)]() mutable {
                                        self->OnSessionLoaded(requested, std::move(stored));
                                      });
                          });
      return;
    }
    case ClientMessage::Kind::kAsk: {
      const auto start = std::chrono::steady_clock::now();
      std::string opened;
      std::string reply = chat.Answer(chat_, message, &opened);
      if (!opened.empty()) Send(std::move(opened));
      Send(std::move(reply));
      LogRequest(message, chat_.state.last_topic,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      return;
    }
  }
}

void WebsocketSession::OnSessionLoaded(const std::string& requested,
                                       std::optional<StoredSession> stored) {
  loading_session_ = false;
  Send(state_->chat.Welcome(chat_, requested, stored));
  while (!held_frames_.empty() && !loading_session_) {
    std::string frame = std::move(held_frames_.front());
    held_frames_.pop_front();
    HandleFrame(frame);
  }
}

void WebsocketSession::Send(std::string frame) {
  if (outbox_.size() >= state_->options.max_queued_replies) {
    // The client does not read its replies: drop it rather than grow.
    beast::get_lowest_layer(ws_).close();
    return;
  }
  outbox_.push_back(std::move(frame));
  if (outbox_.size() > 1) return;  // a write is in flight
  ws_.text(true);
  ws_.async_write(net::buffer(outbox_.front()),
                  beast::bind_front_handler(&WebsocketSession::OnWrite, shared_from_this()));
}

void WebsocketSession::OnWrite(beast::error_code error, std::size_t) {
  if (error) return;
  outbox_.pop_front();
  if (outbox_.empty()) return;
  ws_.text(true);
  ws_.async_write(net::buffer(outbox_.front()),
                  beast::bind_front_handler(&WebsocketSession::OnWrite, shared_from_this()));
}

void WebsocketSession::CloseForShutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    if (!self->ws_.is_open()) return;
    self->ws_.async_close(websocket::close_reason(websocket::close_code::going_away,
                                                  "server shutting down"),
                          [self](beast::error_code) {});
  });
}

void WebsocketSession::LogRequest(const ClientMessage& message, std::string_view topic,
                                  double seconds) const {
  // The fields are ours (a hex token, a type, a topic id), so no escaping is
  // needed; the user's text, when logged at all, goes through the JSON
  // library.
  std::string line = fmt::format(
      R"({{"time":"{:%Y-%m-%dT%H:%M:%S}Z","session":"{}","type":"{}","topic":"{}","latency_ms":{:.3f})",
      fmt::gmtime(std::chrono::system_clock::now()), chat_.session, message.type, topic,
      seconds * 1e3);
  if (state_->options.log_message_text) {
    line += ",\"text\":" + nlohmann::json(message.text).dump();
  }
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace spotter
