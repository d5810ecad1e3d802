// A token bucket: a burst of up to `per_second` messages, refilled at
// `per_second` a second. One per connection, users' and coaches' alike; used
// on the connection's strand only.
#ifndef SPOTTER_SERVER_RATE_BUCKET_H_
#define SPOTTER_SERVER_RATE_BUCKET_H_

#include <algorithm>
#include <chrono>

namespace spotter {

class RateBucket {
 public:
  using Clock = std::chrono::steady_clock;

  // Whether one more message may pass at `now`; takes its token if so.
  bool Admit(double per_second, Clock::time_point now) {
    if (tokens_ < 0) {  // the first message: a full bucket
      tokens_ = per_second;
      refilled_at_ = now;
    }
    const double elapsed = std::chrono::duration<double>(now - refilled_at_).count();
    tokens_ = std::min(per_second, tokens_ + elapsed * per_second);
    refilled_at_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double tokens_ = -1;
  Clock::time_point refilled_at_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_RATE_BUCKET_H_
