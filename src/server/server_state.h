// What every connection of one server shares: options, the engine in
// service, the session store, metrics, the chat service, the live chat
// sockets (so that a drain can close them), and whether the server is
// draining. Created once by Server; sessions hold it by shared_ptr.
#ifndef SPOTTER_SERVER_SERVER_STATE_H_
#define SPOTTER_SERVER_SERVER_STATE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/chat_service.h"
#include "server/engine_holder.h"
#include "server/metrics.h"
#include "server/server_options.h"
#include "server/sqlite_session_store.h"

namespace spotter {

class WebsocketSession;

struct ServerState {
  ServerState(ServerOptions server_options, std::unique_ptr<SqliteSessionStore> session_store)
      : options(std::move(server_options)),
        engines(options.engine),
        store(std::move(session_store)),
        chat(engines, *store, metrics, options) {}

  // Live chat sockets. Register returns false when the server is at its
  // connection limit.
  bool Register(WebsocketSession* session, std::weak_ptr<WebsocketSession> handle);
  void Unregister(WebsocketSession* session);
  std::size_t connection_count() const;
  // Calls `visit` on every live session (outside the lock).
  void ForEachSession(const std::function<void(std::shared_ptr<WebsocketSession>)>& visit);

  Metrics::RuleSetFigures Figures() const;

  ServerOptions options;
  EngineHolder engines;
  std::unique_ptr<SqliteSessionStore> store;
  Metrics metrics;
  ChatService chat;
  std::atomic<bool> draining{false};

 private:
  mutable std::mutex mu_;
  std::unordered_map<WebsocketSession*, std::weak_ptr<WebsocketSession>> sessions_;  // guarded by mu_
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SERVER_STATE_H_
