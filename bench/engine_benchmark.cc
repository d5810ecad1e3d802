// Engine benchmarks, run from the repository root:
//   build/bench/engine_benchmark [--benchmark_filter=...]
// Every iteration answers a message it has not seen before (see
// message_stream.h); per-answer p50 and p99 are reported as counters, since
// Google Benchmark's own statistics are per repetition, not per iteration.
// SPOTTER_DEV_SET overrides the texts variants are made from
// (default ../shared/eval/dev.jsonl).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/message_stream.h"
#include "bench/synthetic_rules.h"
#include "engine/engine.h"

namespace spotter::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string DevSetPath() {
  const char* path = std::getenv("SPOTTER_DEV_SET");
  return path != nullptr ? path : "../shared/eval/dev.jsonl";
}

std::shared_ptr<const Engine> LoadOrDie(const EngineOptions& options) {
  Engine::Loaded loaded = Engine::Load(options);
  if (!loaded.engine) {
    for (const Diagnostic& d : loaded.diagnostics) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    std::abort();
  }
  return loaded.engine;
}

std::shared_ptr<const Engine> ShippedEngine() {
  static std::shared_ptr<const Engine> engine = LoadOrDie(EngineOptions{});
  return engine;
}

// Records each answer's time and reports percentiles as counters.
class LatencyRecorder {
 public:
  void Add(Clock::duration elapsed) {
    nanoseconds_.push_back(std::chrono::duration<double, std::nano>(elapsed).count());
  }
  void Report(benchmark::State& state) {
    if (nanoseconds_.empty()) return;
    std::sort(nanoseconds_.begin(), nanoseconds_.end());
    auto at = [&](double q) {
      return nanoseconds_[static_cast<std::size_t>(q * (nanoseconds_.size() - 1))] / 1000;
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["max_us"] = at(1.0);
  }

 private:
  std::vector<double> nanoseconds_;
};

void AnswerStream(benchmark::State& state, const Engine& engine,
                  const std::function<std::string()>& next) {
  LatencyRecorder latency;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string message = next();
    DialogueState session;
    state.ResumeTiming();
    const Clock::time_point start = Clock::now();
    Result<Answer> answer = engine.Answer(message, &session);
    latency.Add(Clock::now() - start);
    benchmark::DoNotOptimize(answer);
  }
  latency.Report(state);
}

void BM_Answer_ShippedRules(benchmark::State& state) {
  MessageStream stream(MessageStream::ReadTexts(DevSetPath()), 1);
  AnswerStream(state, *ShippedEngine(), [&] { return stream.Next(); });
}
BENCHMARK(BM_Answer_ShippedRules)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

void BM_Answer_10kRules(benchmark::State& state) {
  static const SyntheticRules rules = WriteSyntheticRules(
      "rules", std::filesystem::temp_directory_path() / "spotter-bench-10k", 10000, 7);
  static std::shared_ptr<const Engine> engine = [] {
    EngineOptions options;
    options.rules_dir = rules.rules_dir;
    return LoadOrDie(options);
  }();
  MessageStream stream(MessageStream::ReadTexts(DevSetPath()), 2);
  std::mt19937 random(3);
  bool synthetic = false;
  AnswerStream(state, *engine, [&] {
    synthetic = !synthetic;  // alternate real and generated-vocabulary messages
    return synthetic ? SyntheticMessage(rules.words, &random) : stream.Next();
  });
  state.counters["rules"] = static_cast<double>(engine->Stats().rules);
}
BENCHMARK(BM_Answer_10kRules)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// Time per answer as the message grows from 100 B to 100 KB.
void BM_Answer_MessageLength(benchmark::State& state) {
  MessageStream stream(MessageStream::ReadTexts(DevSetPath()), 4);
  const auto bytes = static_cast<std::size_t>(state.range(0));
  AnswerStream(state, *ShippedEngine(), [&] { return stream.OfLength(bytes); });
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Answer_MessageLength)
    ->RangeMultiplier(4)
    ->Range(100, 100 << 10)
    ->Unit(benchmark::kMicrosecond)
    ->Complexity(benchmark::oN);

void BM_Load_ShippedRules(benchmark::State& state) {
  for (auto _ : state) {
    Engine::Loaded loaded = Engine::Load(EngineOptions{});
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_Load_ShippedRules)->Unit(benchmark::kMillisecond);

void BM_Load_10kRules(benchmark::State& state) {
  const SyntheticRules rules = WriteSyntheticRules(
      "rules", std::filesystem::temp_directory_path() / "spotter-bench-10k-load", 10000, 7);
  EngineOptions options;
  options.rules_dir = rules.rules_dir;
  for (auto _ : state) {
    Engine::Loaded loaded = Engine::Load(options);
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_Load_10kRules)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace spotter::bench

BENCHMARK_MAIN();
