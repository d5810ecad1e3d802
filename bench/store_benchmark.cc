// The session store's writer, alone: how long one chat turn (the user's
// message, the bot's answer and the new dialogue state) costs the SQLite
// writer thread. Run from the repository root:
//   build/bench/store_benchmark
// Turns are real engine answers to dev-set texts with fresh typos, spread
// over 1,000 sessions as the load benchmark's connections are; each
// iteration appends a batch of turns and waits until they are committed.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "bench/message_stream.h"
#include "compose/answer_json.h"
#include "engine/engine.h"
#include "server/sqlite_session_store.h"

namespace spotter::bench {
namespace {

struct Turn {
  DialogueState state;
  std::vector<TranscriptEntry> entries;
};

// 2,000 answered turns, made once.
const std::vector<Turn>& Turns() {
  static const std::vector<Turn> turns = [] {
    Engine::Loaded loaded = Engine::Load(EngineOptions{});
    if (!loaded.engine) std::abort();
    const char* dev_set = std::getenv("SPOTTER_DEV_SET");
    MessageStream stream(MessageStream::ReadTexts(dev_set ? dev_set : "../shared/eval/dev.jsonl"),
                         5);
    std::vector<Turn> out;
    for (int i = 0; i < 2000; ++i) {
      Turn turn;
      const std::string text = stream.Next();
      Result<Answer> result = loaded.engine->Answer(text, &turn.state);
      if (!result.ok()) std::abort();
      Answer answer = std::move(result).value();
      answer.reply_to = std::to_string(i);
      auto [frame, shared_from] = AnswerToJsonText(answer);
      const std::string at = "2026-11-25T05:00:00.000Z";
      turn.entries = {{"user", text, "", at},
                      {"bot", answer.summary, std::move(frame), at, shared_from}};
      out.push_back(std::move(turn));
    }
    return out;
  }();
  return turns;
}

void BM_AppendTurns(benchmark::State& state) {
  const std::vector<Turn>& turns = Turns();
  const auto path = std::filesystem::temp_directory_path() / "spotter-store-bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix);
  }
  auto store = SqliteSessionStore::Open(path);
  if (!store.ok()) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  std::vector<std::string> sessions;
  for (int i = 0; i < 1000; ++i) sessions.push_back(fmt::format("{:032x}", i * 7919 + 1));
  const auto batch = static_cast<std::size_t>(state.range(0));
  std::size_t next = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < batch; ++i, ++next) {
      const Turn& turn = turns[next % turns.size()];
      store.value()->Append(sessions[next % sessions.size()], turn.state, turn.entries);
    }
    store.value()->Flush();
  }
  state.counters["turns_per_s"] =
      benchmark::Counter(static_cast<double>(next), benchmark::Counter::kIsRate);
  state.counters["seconds_per_turn"] = benchmark::Counter(
      static_cast<double>(next), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  std::uintmax_t bytes = std::filesystem::file_size(path);
  std::error_code no_wal;
  if (const auto wal = std::filesystem::file_size(path.string() + "-wal", no_wal); !no_wal) bytes += wal;
  state.counters["db_mb"] = static_cast<double>(bytes) / 1e6;  // with the WAL
}
// Turns a commit: 200 is what the writer groups at 15,000 answers/s with no
// window, 1,000 what its 5 ms commit window gathers at 19,000/s.
BENCHMARK(BM_AppendTurns)->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond)->MinTime(5.0)->UseRealTime();

}  // namespace
}  // namespace spotter::bench

BENCHMARK_MAIN();
