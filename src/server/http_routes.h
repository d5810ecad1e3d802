// Which handler an HTTP request goes to. A pure function of the method,
// target and upgrade header, so routing is tested without sockets.
#ifndef SPOTTER_SERVER_HTTP_ROUTES_H_
#define SPOTTER_SERVER_HTTP_ROUTES_H_

#include <string>
#include <string_view>

namespace spotter {

enum class Route {
  kWebFile,          // GET /, /widget.js, /coach and the console's files
  kHealth,           // GET /healthz
  kMetrics,          // GET /metrics
  kChatSocket,       // GET /ws with an Upgrade: websocket header
  kCoachSocket,      // GET /coach with an Upgrade: websocket header
  kSource,           // GET /source/ID: a corpus passage
  kAdminReload,      // POST /admin/reload
  kNotFound,         // anything else
  kMethodNotAllowed  // a known path with the wrong method
};

// `method` as sent ("GET"); `target` may carry a query string.
Route RouteRequest(std::string_view method, std::string_view target, bool is_upgrade);

// The path of `target`, without its query string.
std::string_view TargetPath(std::string_view target);

// The passage id in a /source/ID target, percent-decoded ("%23" is "#").
// Empty if it is missing or badly encoded.
std::string SourceIdFromTarget(std::string_view target);

// Whether the query string of `target` has `name=value`.
bool HasQueryParameter(std::string_view target, std::string_view name, std::string_view value);

}  // namespace spotter

#endif  // SPOTTER_SERVER_HTTP_ROUTES_H_
