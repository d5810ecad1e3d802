#include "server/metrics.h"

#include <fmt/format.h>

namespace spotter {
namespace {

// Label values are ours (topics, codes), but escape them as the format asks.
std::string Escape(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

template <std::size_t N>
void Histogram<N>::Observe(double seconds) {
  std::size_t bucket = 0;
  while (bucket < N && seconds > bounds_[bucket]) ++bucket;
  ++counts_[bucket];
  ++count_;
  sum_nanos_ += static_cast<std::uint64_t>(seconds * 1e9);
}

template <std::size_t N>
void Histogram<N>::Render(std::string_view name, std::string_view help, std::string* out) const {
  auto sink = std::back_inserter(*out);
  fmt::format_to(sink, "# HELP {0} {1}\n# TYPE {0} histogram\n", name, help);
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < N; ++i) {
    cumulative += counts_[i].load();
    fmt::format_to(sink, "{}_bucket{{le=\"{}\"}} {}\n", name, bounds_[i], cumulative);
  }
  cumulative += counts_.back().load();
  fmt::format_to(sink, "{0}_bucket{{le=\"+Inf\"}} {1}\n{0}_sum {2:.6f}\n{0}_count {3}\n", name,
                 cumulative, sum_nanos_.load() / 1e9, count_.load());
}

template class Histogram<Metrics::kLatencyBuckets.size()>;
template class Histogram<Metrics::kClaimBuckets.size()>;

void Metrics::Increment(std::map<std::string, std::uint64_t, std::less<>>* counters,
                        std::string_view label) {
  std::lock_guard lock(mu_);
  auto it = counters->find(label);
  if (it == counters->end()) it = counters->emplace(std::string(label), 0).first;
  ++it->second;
}

void Metrics::Message(std::string_view type) { Increment(&messages_, type); }

void Metrics::Error(std::string_view code) { Increment(&errors_, code); }

void Metrics::Answer(std::string_view topic, std::string_view safety, double seconds) {
  latency_.Observe(seconds);
  std::lock_guard lock(mu_);
  ++answers_[{std::string(topic), std::string(safety)}];
}

std::string Metrics::Render(const RuleSetFigures& figures) const {
  std::string out;
  auto sink = std::back_inserter(out);
  fmt::format_to(sink,
                 "# HELP spotter_connections_open WebSocket connections open now.\n"
                 "# TYPE spotter_connections_open gauge\n"
                 "spotter_connections_open {}\n"
                 "# HELP spotter_connections_total WebSocket connections accepted.\n"
                 "# TYPE spotter_connections_total counter\n"
                 "spotter_connections_total {}\n"
                 "# HELP spotter_connections_refused_total Connections refused at the limit.\n"
                 "# TYPE spotter_connections_refused_total counter\n"
                 "spotter_connections_refused_total {}\n",
                 connections_open_.load(), connections_total_.load(),
                 connections_refused_.load());
  {
    std::lock_guard lock(mu_);
    out += "# HELP spotter_messages_total Client messages by type.\n"
           "# TYPE spotter_messages_total counter\n";
    for (const auto& [type, count] : messages_) {
      fmt::format_to(sink, "spotter_messages_total{{type=\"{}\"}} {}\n", Escape(type), count);
    }
    out += "# HELP spotter_answers_total Answers by topic and safety level.\n"
           "# TYPE spotter_answers_total counter\n";
    for (const auto& [key, count] : answers_) {
      fmt::format_to(sink, "spotter_answers_total{{topic=\"{}\",safety=\"{}\"}} {}\n",
                     Escape(key.first), Escape(key.second), count);
    }
    out += "# HELP spotter_errors_total Error replies by code.\n"
           "# TYPE spotter_errors_total counter\n";
    for (const auto& [code, count] : errors_) {
      fmt::format_to(sink, "spotter_errors_total{{code=\"{}\"}} {}\n", Escape(code), count);
    }
  }
  latency_.Render("spotter_answer_seconds", "Time to answer an ask.", &out);
  time_to_claim_.Render("spotter_ticket_claim_seconds",
                        "Time from an escalation to a coach's claim.", &out);
  fmt::format_to(sink,
                 "# HELP spotter_rules_version Rule sets loaded (1 at start, +1 a reload).\n"
                 "# TYPE spotter_rules_version gauge\n"
                 "spotter_rules_version {}\n"
                 "# HELP spotter_rules_reload_failures_total Reloads refused for errors.\n"
                 "# TYPE spotter_rules_reload_failures_total counter\n"
                 "spotter_rules_reload_failures_total {}\n"
                 "# HELP spotter_rules Rules in service.\n"
                 "# TYPE spotter_rules gauge\n"
                 "spotter_rules {}\n"
                 "# HELP spotter_term_set_out_of_memory_total Scans that fell back.\n"
                 "# TYPE spotter_term_set_out_of_memory_total counter\n"
                 "spotter_term_set_out_of_memory_total {}\n"
                 "# HELP spotter_db_commits_total Database transactions committed.\n"
                 "# TYPE spotter_db_commits_total counter\n"
                 "spotter_db_commits_total {}\n"
                 "# HELP spotter_db_errors_total Database statements that failed.\n"
                 "# TYPE spotter_db_errors_total counter\n"
                 "spotter_db_errors_total {}\n"
                 "# HELP spotter_db_queued Database work waiting for the writer.\n"
                 "# TYPE spotter_db_queued gauge\n"
                 "spotter_db_queued {}\n"
                 "# HELP spotter_db_backpressure_waits_total Reads held back while the "
                 "database writer caught up.\n"
                 "# TYPE spotter_db_backpressure_waits_total counter\n"
                 "spotter_db_backpressure_waits_total {}\n"
                 "# HELP spotter_draining 1 while shutting down.\n"
                 "# TYPE spotter_draining gauge\n"
                 "spotter_draining {}\n",
                 figures.version, figures.failed_reloads, figures.rules,
                 figures.term_set_out_of_memory, figures.db_commits, figures.db_errors,
                 figures.db_queued, store_waits_.load(), figures.draining ? 1 : 0);
  fmt::format_to(sink,
                 "# HELP spotter_tickets_open Escalations waiting for a coach.\n"
                 "# TYPE spotter_tickets_open gauge\n"
                 "spotter_tickets_open {}\n"
                 "# HELP spotter_tickets_claimed Conversations a coach holds now.\n"
                 "# TYPE spotter_tickets_claimed gauge\n"
                 "spotter_tickets_claimed {}\n"
                 "# HELP spotter_tickets_opened_total Escalations since start.\n"
                 "# TYPE spotter_tickets_opened_total counter\n"
                 "spotter_tickets_opened_total {}\n"
                 "# HELP spotter_coaches_online Coaches signed in to /coach now.\n"
                 "# TYPE spotter_coaches_online gauge\n"
                 "spotter_coaches_online {}\n"
                 "# HELP spotter_coach_logins_failed_total Refused coach sign-ins.\n"
                 "# TYPE spotter_coach_logins_failed_total counter\n"
                 "spotter_coach_logins_failed_total {}\n",
                 figures.tickets_open, figures.tickets_claimed, tickets_opened_.load(),
                 figures.coaches_online, logins_failed_.load());
  return out;
}

}  // namespace spotter
