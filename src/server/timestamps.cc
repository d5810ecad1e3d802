#include "server/timestamps.h"

#include <cstdio>
#include <ctime>
#include <limits>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace spotter {

std::string ToIso8601(std::chrono::system_clock::time_point time) {
  using std::chrono::duration_cast;
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  // Every answer is stamped (and logged): the date and time of day, which
  // change once a second, are most of the cost, so each thread keeps the
  // last second's.
  thread_local std::int64_t cached_second = std::numeric_limits<std::int64_t>::min();
  thread_local std::string cached;  // "2026-11-25T09:30:00"
  if (seconds.count() != cached_second) {
    cached = fmt::format("{:%Y-%m-%dT%H:%M:%S}",
                         fmt::gmtime(static_cast<std::time_t>(seconds.count())));
    cached_second = seconds.count();
  }
  std::string out;
  out.reserve(cached.size() + 5);
  out.append(cached);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + millis / 100));
  out.push_back(static_cast<char>('0' + millis / 10 % 10));
  out.push_back(static_cast<char>('0' + millis % 10));
  out.push_back('Z');
  return out;
}

std::optional<std::chrono::system_clock::time_point> ParseIso8601(std::string_view text) {
  std::tm parts{};
  int millis = 0;
  const std::string copy(text);
  const int read = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d", &parts.tm_year,
                               &parts.tm_mon, &parts.tm_mday, &parts.tm_hour, &parts.tm_min,
                               &parts.tm_sec, &millis);
  if (read < 6) return std::nullopt;
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  const std::time_t seconds = timegm(&parts);
  if (seconds == -1) return std::nullopt;
  return std::chrono::system_clock::from_time_t(seconds) + std::chrono::milliseconds(millis);
}

}  // namespace spotter
