#include "server/login_limiter.h"

namespace spotter {

bool LoginLimiter::Allows(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(address);
  if (it == failures_.end()) return true;
  std::deque<Clock::time_point>& times = it->second;
  while (!times.empty() && now - times.front() >= kWindow) times.pop_front();
  return times.size() < max_failures_;
}

void LoginLimiter::RecordFailure(const std::string& address, Clock::time_point now) {
  std::lock_guard lock(mu_);
  // Bounded: many addresses at once drop those whose minute is over first.
  if (failures_.size() >= kMaxAddresses) Forget(now);
  std::deque<Clock::time_point>& times = failures_[address];
  times.push_back(now);
  if (times.size() > max_failures_ + 1) times.pop_front();
}

void LoginLimiter::Forget(Clock::time_point now) {
  for (auto it = failures_.begin(); it != failures_.end();) {
    const bool stale = it->second.empty() || now - it->second.back() >= kWindow;
    it = stale ? failures_.erase(it) : std::next(it);
  }
  if (failures_.size() >= kMaxAddresses) failures_.clear();  // a flood: start over
}

}  // namespace spotter
