// Wall-clock times as the protocol and the database write them: ISO 8601 in
// UTC with milliseconds ("2026-11-25T09:30:00.123Z").
#ifndef SPOTTER_SERVER_TIMESTAMPS_H_
#define SPOTTER_SERVER_TIMESTAMPS_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace spotter {

std::string ToIso8601(std::chrono::system_clock::time_point time);
inline std::string NowIso8601() { return ToIso8601(std::chrono::system_clock::now()); }

// Reads what ToIso8601 writes (milliseconds optional); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> ParseIso8601(std::string_view text);

}  // namespace spotter

#endif  // SPOTTER_SERVER_TIMESTAMPS_H_
