// Counters for /metrics, in the Prometheus text format: connections,
// messages by type, answers by topic and safety level, errors by code, an
// answer-latency histogram, the rule set's version and reloads, and the
// coach hand-off (tickets, time to claim, coaches online).
// Thread-safe; updates are cheap (atomics, or a short lock for labelled
// counters).
#ifndef SPOTTER_SERVER_METRICS_H_
#define SPOTTER_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace spotter {

// A Prometheus histogram with fixed bucket bounds (in seconds); lock-free.
template <std::size_t N>
class Histogram {
 public:
  explicit Histogram(std::array<double, N> bounds) : bounds_(bounds) {}
  void Observe(double seconds);
  // The _bucket, _sum and _count lines, after HELP and TYPE.
  void Render(std::string_view name, std::string_view help, std::string* out) const;

 private:
  std::array<double, N> bounds_;
  std::array<std::atomic<std::uint64_t>, N + 1> counts_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_nanos_{0};
};

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 10> kLatencyBuckets = {
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25};
  // Of the time from an escalation to a coach's claim: ten seconds to a day.
  static constexpr std::array<double, 8> kClaimBuckets = {10,  30,   60,    300,
                                                          900, 3600, 14400, 86400};

  void ConnectionOpened() { ++connections_open_; ++connections_total_; }
  void ConnectionClosed() { --connections_open_; }
  void ConnectionRefused() { ++connections_refused_; }
  void Message(std::string_view type);
  void Answer(std::string_view topic, std::string_view safety, double seconds);
  void Error(std::string_view code);
  void TicketOpened() { ++tickets_opened_; }
  void TicketClaimed(double seconds_waited) { time_to_claim_.Observe(seconds_waited); }
  void LoginFailed() { ++logins_failed_; }
  void StoreWait() { ++store_waits_; }

  // Everything, with the rule set's figures passed in by the caller.
  struct RuleSetFigures {
    std::uint64_t version = 0;
    std::uint64_t failed_reloads = 0;
    std::uint64_t rules = 0;
    std::uint64_t term_set_out_of_memory = 0;
    std::uint64_t db_commits = 0;
    std::uint64_t db_errors = 0;
    std::uint64_t db_queued = 0;
    bool draining = false;
    std::uint64_t tickets_open = 0;
    std::uint64_t tickets_claimed = 0;
    std::uint64_t coaches_online = 0;
  };
  std::string Render(const RuleSetFigures& figures) const;

 private:
  // Adds one to the counter labelled `label`, creating it at zero.
  void Increment(std::map<std::string, std::uint64_t, std::less<>>* counters,
                 std::string_view label);

  std::atomic<std::int64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_total_{0};
  std::atomic<std::uint64_t> connections_refused_{0};
  Histogram<kLatencyBuckets.size()> latency_{kLatencyBuckets};
  Histogram<kClaimBuckets.size()> time_to_claim_{kClaimBuckets};
  std::atomic<std::uint64_t> tickets_opened_{0};
  std::atomic<std::uint64_t> logins_failed_{0};
  std::atomic<std::uint64_t> store_waits_{0};

  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t, std::less<>> messages_;  // guarded by mu_
  std::map<std::pair<std::string, std::string>, std::uint64_t> answers_;  // guarded by mu_
  std::map<std::string, std::uint64_t, std::less<>> errors_;  // guarded by mu_
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_METRICS_H_
