// The session database's tables, and the migrations that bring a file of
// any earlier version to this build's (`PRAGMA user_version` says which a
// file has). Each migration runs in its own transaction: a file is at one
// version or the next, never between.
#ifndef SPOTTER_SERVER_SQLITE_SCHEMA_H_
#define SPOTTER_SERVER_SQLITE_SCHEMA_H_

#include <sqlite3.h>

#include "base/result.h"

namespace spotter {

// The schema version this build writes.
inline constexpr int kSchemaVersion = 6;

// Brings `db` to kSchemaVersion (creating the tables in an empty file).
// Returns the version the file had; an error for a file newer than this
// build, or a migration that failed (the file then stays as it was).
Result<int> MigrateSchema(sqlite3* db);

}  // namespace spotter

#endif  // SPOTTER_SERVER_SQLITE_SCHEMA_H_
