#include "server/frame_socket.h"

#include <cstdio>

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
         error == net::error::connection_reset || error == net::error::not_connected;
}

}  // namespace

FrameSocket::FrameSocket(net::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state)
    : state_(std::move(state)), ws_(std::move(socket)), store_wait_(ws_.get_executor()) {
  beast::error_code error;
  const auto remote = beast::get_lowest_layer(ws_).socket().remote_endpoint(error);
  if (!error) remote_address_ = remote.address().to_string();
}

FrameSocket::~FrameSocket() {
  if (registered_) {
    state_->Unregister(this);
    state_->metrics.ConnectionClosed();
  }
}

void FrameSocket::Start(http::request<http::string_body> request) {
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
  ws_.async_accept(request,
                   beast::bind_front_handler(&FrameSocket::OnAccept, shared_from_this()));
}

void FrameSocket::OnAccept(beast::error_code error) {
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
  OnOpen();
  Read();
}

void FrameSocket::Read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&FrameSocket::OnRead, shared_from_this()));
}

void FrameSocket::OnRead(beast::error_code error, std::size_t) {
  if (error) {
    if (!IsNormalClose(error) && error != websocket::error::message_too_big) {
      std::fprintf(stderr, "%s\n",
                   nlohmann::json{{"level", "info"}, {"what", "ws read"},
                                  {"error", error.message()}}.dump().c_str());
    }
    return;  // Beast has sent the close frame (1009, 1007, 1002) where one is due
  }
  if (close_after_writes_) return;  // closing: what else the peer says is moot
  std::string frame = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (!ws_.got_text()) {
    state_->metrics.Message("binary");
    OnBinary();
  } else if (holding_) {
    if (held_frames_.size() >= state_->options.max_queued_replies) {
      beast::get_lowest_layer(ws_).close();
      return;
    }
    held_frames_.push_back(std::move(frame));
  } else {
    OnText(frame);
  }
  ReadWhenStoreKeepsUp();
}

void FrameSocket::ReadWhenStoreKeepsUp() {
  if (!state_->store->backlogged()) return Read();
  // Backpressure: this client waits (its frames stay in the kernel's
  // buffers) while the writer works off its queue.
  state_->metrics.StoreWait();
  store_wait_.expires_after(std::chrono::milliseconds(5));
  store_wait_.async_wait([self = shared_from_this()](beast::error_code error) {
    if (!error) self->ReadWhenStoreKeepsUp();
  });
}

void FrameSocket::OnBinary() {
  Send(state_->chat.ErrorFrame(
      {ErrorCode::kBadRequest, "binary frames are not accepted; send JSON as text"}, ""));
}

void FrameSocket::ReleaseFrames() {
  holding_ = false;
  while (!held_frames_.empty() && !holding_) {
    std::string frame = std::move(held_frames_.front());
    held_frames_.pop_front();
    OnText(frame);
  }
}

void FrameSocket::Post(std::function<void()> work) {
  net::post(ws_.get_executor(), std::move(work));
}

void FrameSocket::Deliver(std::string frame) {
  net::post(ws_.get_executor(),
            [self = shared_from_this(), frame = std::move(frame)]() mutable {
              self->Send(std::move(frame));
            });
}

void FrameSocket::Send(std::string frame) {
  if (close_after_writes_) return;
  if (outbox_.size() >= state_->options.max_queued_replies ||
      outbox_bytes_ + frame.size() > state_->options.max_queued_bytes) {
    // The client does not read what it is sent: drop it rather than grow.
    beast::get_lowest_layer(ws_).close();
    return;
  }
  outbox_bytes_ += frame.size();
  outbox_.push_back(std::move(frame));
  if (outbox_.size() == 1) WriteNext();  // else a write is in flight
}

void FrameSocket::SendAndClose(std::string frame, websocket::close_code code,
                               std::string reason) {
  Send(std::move(frame));
  close_after_writes_ = websocket::close_reason(code, reason);
}

void FrameSocket::WriteNext() {
  ws_.text(true);
  ws_.async_write(net::buffer(outbox_.front()),
                  beast::bind_front_handler(&FrameSocket::OnWrite, shared_from_this()));
}

void FrameSocket::OnWrite(beast::error_code error, std::size_t) {
  if (error) return;
  outbox_bytes_ -= outbox_.front().size();
  outbox_.pop_front();
  if (!outbox_.empty()) return WriteNext();
  if (close_after_writes_ && ws_.is_open()) {
    ws_.async_close(*close_after_writes_, [self = shared_from_this()](beast::error_code) {});
  }
}

void FrameSocket::CloseForShutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    if (!self->ws_.is_open()) return;
    self->ws_.async_close(websocket::close_reason(websocket::close_code::going_away,
                                                  "server shutting down"),
                          [self](beast::error_code) {});
  });
}

}  // namespace spotter
