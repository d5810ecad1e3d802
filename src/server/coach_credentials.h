// Coach tokens: made from the system's CSPRNG, shown once, stored only as a
// salted SHA-256. A token carries 256 random bits, so a fast hash is enough:
// there is no password to guess, and the salt keeps equal tokens (and a
// leaked table) from being matched across databases.
#ifndef SPOTTER_SERVER_COACH_CREDENTIALS_H_
#define SPOTTER_SERVER_COACH_CREDENTIALS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/handoff_store.h"

namespace spotter {

// 32 random bytes as 64 hex digits.
std::string NewCoachToken();

// A record for `name` that `token` will match.
CoachRecord MakeCoachRecord(std::string name, std::string_view token);

// The coach whose record `token` matches, if any. Every record is checked,
// and each comparison takes the same time, so timing says nothing about
// which record (or how much of a hash) matched.
std::optional<std::string> MatchCoach(const std::vector<CoachRecord>& coaches,
                                      std::string_view token);

// Coach names: 1 to 40 letters, digits, spaces, '.', '-' or '_'.
bool IsValidCoachName(std::string_view name);

// Hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);

// Compares without an early exit.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace spotter

#endif  // SPOTTER_SERVER_COACH_CREDENTIALS_H_
