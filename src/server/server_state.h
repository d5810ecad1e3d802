// What every connection of one server shares: options, the engine in
// service, the store, metrics, the chat service, the coach hand-off, the
// web pages, the live sockets (so that a drain can close them), and whether
// the server is draining. Created once by Server; sessions hold it by shared_ptr.
#ifndef SPOTTER_SERVER_SERVER_STATE_H_
#define SPOTTER_SERVER_SERVER_STATE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/chat_service.h"
#include "server/engine_holder.h"
#include "server/handoff.h"
#include "server/login_limiter.h"
#include "server/metrics.h"
#include "server/server_options.h"
#include "server/sqlite_session_store.h"
#include "server/web_files.h"

namespace spotter {

class FrameSocket;

struct ServerState {
  ServerState(ServerOptions server_options, std::unique_ptr<SqliteSessionStore> session_store)
      : options(std::move(server_options)),
        engines(options.engine),
        store(std::move(session_store)),
        chat(engines, *store, metrics, options),
        handoff(*store, *store, metrics, options),
        web(options.web_dir),
        logins(options.max_failed_logins_per_minute) {}

  // Live sockets, users' and coaches'. Register returns false when the
  // server is at its connection limit.
  bool Register(FrameSocket* socket, std::weak_ptr<FrameSocket> handle);
  void Unregister(FrameSocket* socket);
  std::size_t connection_count() const;
  // Calls `visit` on every live socket (outside the lock).
  void ForEachSocket(const std::function<void(std::shared_ptr<FrameSocket>)>& visit);

  Metrics::RuleSetFigures Figures() const;

  ServerOptions options;
  EngineHolder engines;
  std::unique_ptr<SqliteSessionStore> store;
  Metrics metrics;
  ChatService chat;
  Handoff handoff;
  WebFiles web;
  LoginLimiter logins;
  std::atomic<bool> draining{false};

 private:
  mutable std::mutex mu_;
  std::unordered_map<FrameSocket*, std::weak_ptr<FrameSocket>> sockets_;  // guarded by mu_
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SERVER_STATE_H_
