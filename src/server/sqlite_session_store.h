// SessionStore and HandoffStore on SQLite, the embedded default (--db
// ./spotter.db). One thread owns the connection and runs every read and
// write in order. Writes are grouped: the first write of a group waits
// kCommitWindow (5 ms) for more to arrive, then the group runs in one
// transaction, so a thousand lifters talking at once cost a commit every few
// milliseconds, not one a turn. A read (resuming a session, Flush) ends the
// wait and sees every earlier write committed. WAL mode with
// synchronous=NORMAL: a crash of the process loses at most the writes of the
// open window, and hand-off messages are acknowledged only after their
// commit; a power loss can also lose the commits since the last checkpoint,
// but never corrupts the file. The schema and its migrations:
// server/sqlite_schema.h; tickets and coaches: sqlite_handoff_store.cc.
#ifndef SPOTTER_SERVER_SQLITE_SESSION_STORE_H_
#define SPOTTER_SERVER_SQLITE_SESSION_STORE_H_

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "base/result.h"
#include "server/handoff_store.h"
#include "server/sqlite_schema.h"
#include "server/session_store.h"

namespace spotter {

class SqliteSessionStore final : public SessionStore, public HandoffStore {
 public:
  // The most transcript entries a resume sends, whatever is open.
  static constexpr std::int64_t kMaxHistoryEntries = 500;

  // Opens (creating if needed) and migrates the database at `path`.
  static Result<std::unique_ptr<SqliteSessionStore>> Open(
      const std::filesystem::path& path);

  ~SqliteSessionStore() override;  // flushes, then closes

  void Load(const std::string& token, std::size_t history_limit,
            std::function<void(std::optional<StoredSession>)> done) override;
  void Append(const std::string& token, const DialogueState& state,
              std::vector<TranscriptEntry> entries) override;
  void AppendEntries(const std::string& token, std::vector<TranscriptEntry> entries,
                     std::function<void()> committed) override;
  void Flush() override;

  void SaveTicket(Ticket ticket, std::vector<TranscriptEntry> events,
                  std::function<void(const Ticket&)> done) override;
  std::vector<Ticket> LoadActiveTickets() override;
  void LoadTranscript(const std::string& session, std::int64_t from_seq,
                      std::function<void(std::vector<TranscriptEntry>)> done) override;
  Result<bool> AddCoach(const CoachRecord& coach) override;
  bool RemoveCoach(const std::string& name) override;
  std::vector<CoachRecord> ListCoaches() override;
  void FindCoaches(std::function<void(std::vector<CoachRecord>)> done) override;

  // Transactions committed and statements that failed (for /metrics).
  std::uint64_t commits() const { return commits_.load(); }
  std::uint64_t errors() const { return errors_.load(); }
  // Reads and writes waiting for the writer thread: a backlog that grows
  // means the disk is not keeping up.
  std::size_t queued() const;
  // Whether the backlog is past kBacklogLimit: sockets then wait before
  // reading more, so that a load the writer cannot follow slows the
  // clients down instead of filling memory.
  bool backlogged() const;
  static constexpr std::size_t kBacklogLimit = 20000;
  // How long a write transaction stays open for more writes to join it.
  // Each commit rewrites the pages it dirtied (the session rows above all),
  // so fewer, larger commits cost the writer less per turn; hand-off
  // replies, which wait for the commit, wait this much longer at most.
  static constexpr std::chrono::milliseconds kCommitWindow{5};
  // Writes queued that end a window early.
  static constexpr std::size_t kMaxGroup = 4096;

 private:
  using Task = std::function<void(sqlite3*)>;

  explicit SqliteSessionStore(sqlite3* db);
  void Enqueue(Task task, bool is_write);
  void Run();
  bool Execute(const char* sql);  // false (logged, counted) on failure
  // Whether SQLite rolled the open transaction back (after a failed
  // statement); if so, says so and forgets what the transaction made.
  bool TransactionLost();
  void Commit();
  // Runs `work` on the writer thread and waits for its result.
  template <typename T>
  T Await(std::function<T()> work) {
    std::promise<T> result;
    std::future<T> done = result.get_future();
    // Not a write: it ends any open group first, so it sees every earlier
    // write committed, and a single statement commits on its own.
    Enqueue([&](sqlite3*) { result.set_value(work()); }, /*is_write=*/false);
    return done.get();
  }
  std::optional<StoredSession> Read(const std::string& token,
                                    std::size_t history_limit);
  std::vector<TranscriptEntry> ReadTranscript(const std::string& token, std::int64_t from_seq);
  std::vector<CoachRecord> ReadCoaches();
  // `state` null: the entries alone, the session's state unchanged.
  void Write(const std::string& token, const std::string* state,
             const std::vector<TranscriptEntry>& entries);

  struct WriteStatements;

  sqlite3* db_;
  std::unique_ptr<WriteStatements> write_statements_;  // writer thread only
  std::vector<std::function<void()>> after_commit_;     // writer thread only
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::pair<Task, bool>> tasks_;  // guarded by mu_; bool: is_write
  bool stopping_ = false;                    // guarded by mu_
  bool in_window_ = false;                   // guarded by mu_: a commit window is open
  std::size_t reads_queued_ = 0;             // guarded by mu_
  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::size_t> pending_{0};  // queued and not yet run
  std::atomic<std::uint64_t> errors_{0};
  std::thread worker_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SQLITE_SESSION_STORE_H_
