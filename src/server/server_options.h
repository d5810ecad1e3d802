// Everything an operator can set for `spotter serve`, with its default. Every
// limit has its unit in its name and this one home. Filled from flags and
// SPOTTER_* environment variables by cli/serve_command.cc.
#ifndef SPOTTER_SERVER_SERVER_OPTIONS_H_
#define SPOTTER_SERVER_SERVER_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/engine_options.h"

namespace spotter {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (printed at start)
  std::filesystem::path db_path = "spotter.db";
  EngineOptions engine;
  std::filesystem::path web_dir;  // empty: the pages compiled into the binary
  unsigned threads = 0;  // 0: one per core

  std::size_t max_connections = 10000;  // more are refused with 503
  std::size_t max_frame_bytes = 64 * 1024;  // larger frames: close 1009
  std::size_t max_text_chars = 4000;        // longer "text": too_large
  std::size_t max_http_body_bytes = 16 * 1024;
  double max_messages_per_second = 20;      // per connection; rate_limited
  std::size_t max_queued_replies = 64;      // per connection; then close it
  std::size_t max_queued_bytes = 8 << 20;   // the same, in bytes (a resume's welcome is large)
  std::chrono::seconds idle_timeout{120};   // no frames and no pong
  std::chrono::seconds handshake_timeout{10};
  std::size_t history_turns = 20;           // sent in welcome on resume
  int coach_reply_hours = 24;  // told to users who escalate with no coach online
  std::size_t max_failed_logins_per_minute = 5;  // per address, on /coach
  std::string admin_token;  // POST /admin/reload from elsewhere than loopback
  bool log_message_text = false;  // request log lines carry no text by default
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SERVER_OPTIONS_H_
