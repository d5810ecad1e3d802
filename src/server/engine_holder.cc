#include "server/engine_holder.h"

namespace spotter {

Diagnostics EngineHolder::Reload() {
  std::lock_guard lock(reload_mu_);
  Engine::Loaded loaded = Engine::Load(options_);
  if (!loaded.engine) {
    ++failed_;
    return loaded.diagnostics;
  }
  std::atomic_store(&engine_, std::move(loaded.engine));
  ++version_;
  return loaded.diagnostics;
}

}  // namespace spotter
