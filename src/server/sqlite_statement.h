// A prepared SQLite statement, finalised on scope exit, and the log line for
// a failed one. Reset() readies a statement for another use, which is much
// cheaper than preparing it again. Not thread-safe: a statement belongs to
// the thread that uses its connection (the store's writer; Open and the
// migrations before it starts).
#ifndef SPOTTER_SERVER_SQLITE_STATEMENT_H_
#define SPOTTER_SERVER_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace spotter {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      statement_ = nullptr;
    }
  }
  ~SqliteStatement() { sqlite3_finalize(statement_); }
  // A statement that failed to prepare (see ok()) ignores binds and resets,
  // and its Step() returns SQLITE_MISUSE.
  void Reset() {
    if (statement_ == nullptr) return;
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool ok() const { return statement_ != nullptr; }
  // The text is not copied (SQLITE_STATIC): it must outlive the Step. Reset
  // clears the bindings before a statement is used again.
  void Bind(int index, std::string_view text) {
    if (statement_ == nullptr) return;
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_STATIC);
  }
  void Bind(int index, std::int64_t value) {
    if (statement_ != nullptr) sqlite3_bind_int64(statement_, index, value);
  }
  int Step() { return statement_ == nullptr ? SQLITE_MISUSE : sqlite3_step(statement_); }
  std::int64_t Int(int column) { return sqlite3_column_int64(statement_, column); }
  bool IsNull(int column) { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::string Text(int column) { return std::string(View(column)); }
  // Valid until the next Step or Reset.
  std::string_view View(int column) {
    const auto* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// One JSON line on stderr: what failed, and SQLite's own words for why.
inline void LogSqliteError(std::string_view what, sqlite3* db) {
  std::cerr << nlohmann::json{{"level", "error"}, {"what", what}, {"sqlite", sqlite3_errmsg(db)}}
                   .dump()
            << '\n';
}

}  // namespace spotter

#endif  // SPOTTER_SERVER_SQLITE_STATEMENT_H_
