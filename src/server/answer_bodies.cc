#include "server/answer_bodies.h"

#include <cstring>

#include <openssl/sha.h>

namespace spotter {
namespace {

// The table's lookup key: the first 8 bytes of the body's SHA-256. Stable
// across builds and machines (unlike std::hash), so a restarted server finds
// the bodies an earlier one wrote; the body itself is compared too, so a
// collision costs a second row, never a wrong answer.
std::int64_t Digest(std::string_view body) {
  unsigned char sha[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), sha);
  std::int64_t digest;
  std::memcpy(&digest, sha, sizeof digest);
  return digest;
}

}  // namespace

AnswerBodies::AnswerBodies(sqlite3* db)
    : find_(db, "SELECT id, body FROM answer_bodies WHERE digest = ?1;"),
      insert_(db, "INSERT INTO answer_bodies(digest, body) VALUES(?1, ?2) RETURNING id;") {}

std::optional<std::int64_t> AnswerBodies::IdOf(std::string_view body) {
  if (auto it = remembered_.find(body); it != remembered_.end()) return it->second;
  std::optional<std::int64_t> id = FindOrInsert(body);
  if (id) {
    if (remembered_.size() >= kMaxRemembered) remembered_.clear();
    remembered_.emplace(std::string(body), *id);
  }
  return id;
}

std::optional<std::int64_t> AnswerBodies::FindOrInsert(std::string_view body) {
  const std::int64_t digest = Digest(body);
  find_.Reset();
  find_.Bind(1, digest);
  while (find_.ok() && find_.Step() == SQLITE_ROW) {
    if (find_.View(1) == body) {
      const std::int64_t id = find_.Int(0);
      find_.Reset();
      return id;
    }
  }
  find_.Reset();
  insert_.Reset();
  insert_.Bind(1, digest);
  insert_.Bind(2, body);
  std::optional<std::int64_t> id;
  if (insert_.ok() && insert_.Step() == SQLITE_ROW) id = insert_.Int(0);
  insert_.Reset();
  return id;
}

}  // namespace spotter
