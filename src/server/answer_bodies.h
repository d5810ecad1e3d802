// One stored copy of each distinct answer body. A bot turn's answer is about
// 2 KB of JSON, and a rule set gives the same answer to many lifters: under
// load, 50,000 answers held about 1,700 distinct bodies. The transcript row
// keeps what names the turn (its reply_to) and the id of the body here, so a
// turn writes about a hundred bytes instead of two kilobytes, and the
// database grows by a twentieth as much.
//
// Used on the store's writer thread only.
#ifndef SPOTTER_SERVER_ANSWER_BODIES_H_
#define SPOTTER_SERVER_ANSWER_BODIES_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/string_hash.h"
#include "server/sqlite_statement.h"

namespace spotter {

class AnswerBodies {
 public:
  explicit AnswerBodies(sqlite3* db);

  // The id of the row holding exactly `body`, inserted if there is none;
  // nullopt if the database refused (the caller then keeps the text inline).
  std::optional<std::int64_t> IdOf(std::string_view body);

  // Drops what is remembered: after a failed commit the ids it handed out
  // may name rows that were rolled back.
  void Forget() { remembered_.clear(); }

  // The most bodies remembered in memory. Past it the memory is cleared and
  // refills from the table: a rule set has a few thousand distinct answers,
  // so this only bounds what unusual traffic can make it hold.
  static constexpr std::size_t kMaxRemembered = 8192;

 private:
  std::optional<std::int64_t> FindOrInsert(std::string_view body);

  SqliteStatement find_;
  SqliteStatement insert_;
  StringMap<std::int64_t> remembered_;  // body -> id
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_ANSWER_BODIES_H_
