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
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  ++latency_[bucket];
  ++latency_count_;
  latency_sum_nanos_ += static_cast<std::uint64_t>(seconds * 1e9);
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
  out += "# HELP spotter_answer_seconds Time to answer an ask.\n"
         "# TYPE spotter_answer_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    cumulative += latency_[i].load();
    fmt::format_to(sink, "spotter_answer_seconds_bucket{{le=\"{}\"}} {}\n",
                   kLatencyBuckets[i], cumulative);
  }
  cumulative += latency_.back().load();
  fmt::format_to(sink,
                 "spotter_answer_seconds_bucket{{le=\"+Inf\"}} {}\n"
                 "spotter_answer_seconds_sum {:.6f}\n"
                 "spotter_answer_seconds_count {}\n",
                 cumulative, latency_sum_nanos_.load() / 1e9, latency_count_.load());
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
                 "# HELP spotter_draining 1 while shutting down.\n"
                 "# TYPE spotter_draining gauge\n"
                 "spotter_draining {}\n",
                 figures.version, figures.failed_reloads, figures.rules,
                 figures.term_set_out_of_memory, figures.db_commits, figures.db_errors,
                 figures.db_queued, figures.draining ? 1 : 0);
  return out;
}

}  // namespace spotter
