// Which handler an HTTP request goes to. A pure function of the method,
// target and upgrade header, so routing is tested without sockets.
#ifndef SPOTTER_SERVER_HTTP_ROUTES_H_
#define SPOTTER_SERVER_HTTP_ROUTES_H_

#include <string_view>

namespace spotter {

enum class Route {
  kDemoPage,         // GET /
  kHealth,           // GET /healthz
  kMetrics,          // GET /metrics
  kChatSocket,       // GET /ws with an Upgrade: websocket header
  kAdminReload,      // POST /admin/reload
  kNotFound,         // anything else
  kMethodNotAllowed  // a known path with the wrong method
};

// `method` as sent ("GET"); `target` may carry a query string.
Route RouteRequest(std::string_view method, std::string_view target, bool is_upgrade);

}  // namespace spotter

#endif  // SPOTTER_SERVER_HTTP_ROUTES_H_
