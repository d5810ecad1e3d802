#include "server/server_state.h"

#include <vector>

namespace spotter {

bool ServerState::Register(FrameSocket* socket, std::weak_ptr<FrameSocket> handle) {
  std::lock_guard lock(mu_);
  if (sockets_.size() >= options.max_connections) return false;
  sockets_.emplace(socket, std::move(handle));
  return true;
}

void ServerState::Unregister(FrameSocket* socket) {
  std::lock_guard lock(mu_);
  sockets_.erase(socket);
}

std::size_t ServerState::connection_count() const {
  std::lock_guard lock(mu_);
  return sockets_.size();
}

void ServerState::ForEachSocket(
    const std::function<void(std::shared_ptr<FrameSocket>)>& visit) {
  std::vector<std::shared_ptr<FrameSocket>> live;
  {
    std::lock_guard lock(mu_);
    for (auto& [pointer, handle] : sockets_) {
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
  const Handoff::Figures handoff_figures = handoff.figures();
  figures.tickets_open = handoff_figures.open;
  figures.tickets_claimed = handoff_figures.claimed;
  figures.coaches_online = handoff_figures.coaches_online;
  return figures;
}

}  // namespace spotter
