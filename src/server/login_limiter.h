// Failed coach sign-ins per remote address, in a sliding minute: past the
// limit, an address may not try again until the minute is over. Guessing a
// 256-bit token is hopeless anyway; this keeps a script from filling the
// logs and the database queue with attempts. Thread-safe.
#ifndef SPOTTER_SERVER_LOGIN_LIMITER_H_
#define SPOTTER_SERVER_LOGIN_LIMITER_H_

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace spotter {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LoginLimiter(std::size_t max_failures_per_minute)
      : max_failures_(max_failures_per_minute) {}

  // Whether `address` may try to sign in now.
  bool Allows(const std::string& address, Clock::time_point now);
  void RecordFailure(const std::string& address, Clock::time_point now);

 private:
  static constexpr std::chrono::minutes kWindow{1};
  static constexpr std::size_t kMaxAddresses = 10000;
  void Forget(Clock::time_point now);  // under mu_

  std::size_t max_failures_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;  // guarded by mu_
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_LOGIN_LIMITER_H_
