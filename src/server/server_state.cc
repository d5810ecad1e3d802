#include "server/server_state.h"

#include <vector>

namespace spotter {

bool ServerState::Register(WebsocketSession* session, std::weak_ptr<WebsocketSession> handle) {
  std::lock_guard lock(mu_);
  if (sessions_.size() >= options.max_connections) return false;
  sessions_.emplace(session, std::move(handle));
  return true;
}

void ServerState::Unregister(WebsocketSession* session) {
  std::lock_guard lock(mu_);
  sessions_.erase(session);
}

std::size_t ServerState::connection_count() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

void ServerState::ForEachSession(
    const std::function<void(std::shared_ptr<WebsocketSession>)>& visit) {
  std::vector<std::shared_ptr<WebsocketSession>> live;
  {
    std::lock_guard lock(mu_);
    for (auto& [pointer, handle] : sessions_) {
      if (auto session = handle.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) visit(session);
}

Metrics::RuleSetFigures ServerState::Figures() const {
  Metrics::RuleSetFigures figures;
  figures.version = engines.version();
  figures.failed_reloads = engines.failed_reloads();
  if (auto engine = engines.Get()) {
    const EngineStats stats = engine->Stats();
    figures.rules = stats.rules;
    figures.term_set_out_of_memory = stats.term_set_out_of_memory;
  }
  figures.db_commits = store->commits();
  figures.db_errors = store->errors();
  figures.db_queued = store->queued();
  figures.draining = draining.load();
  return figures;
}

}  // namespace spotter
