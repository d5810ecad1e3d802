// The engine in service, swapped whole on reload: a reload loads a new
// Engine and replaces the pointer only if every rule file loads cleanly, so
// a broken file keeps the old rules answering. Answering takes a copy of the
// pointer and never waits on a reload. Thread-safe.
#ifndef SPOTTER_SERVER_ENGINE_HOLDER_H_
#define SPOTTER_SERVER_ENGINE_HOLDER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "base/diagnostic.h"
#include "engine/engine.h"

namespace spotter {

class EngineHolder {
 public:
  explicit EngineHolder(EngineOptions options) : options_(std::move(options)) {}

  // Loads the rules; on failure keeps what is in service (nothing, at start)
  // and returns the problems. Serialised: one reload at a time.
  Diagnostics Reload();

  // The engine in service; null only before the first successful load.
  std::shared_ptr<const Engine> Get() const {
    return std::atomic_load(&engine_);
  }

  std::uint64_t version() const { return version_.load(); }  // loads that took
  std::uint64_t failed_reloads() const { return failed_.load(); }

 private:
  EngineOptions options_;
  std::mutex reload_mu_;  // one reload at a time
  std::shared_ptr<const Engine> engine_;  // atomic_load / atomic_store only
  std::atomic<std::uint64_t> version_{0};
  std::atomic<std::uint64_t> failed_{0};
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_ENGINE_HOLDER_H_
