#include "server/http_routes.h"

namespace spotter {

Route RouteRequest(std::string_view method, std::string_view target, bool is_upgrade) {
  const std::string_view path = target.substr(0, target.find('?'));
  const bool is_get = method == "GET" || method == "HEAD";
  struct Entry {
    std::string_view path;
    bool wants_get;
    Route route;
  };
  static constexpr Entry kRoutes[] = {
      {"/", true, Route::kDemoPage},
      {"/healthz", true, Route::kHealth},
      {"/metrics", true, Route::kMetrics},
      {"/ws", true, Route::kChatSocket},
      {"/admin/reload", false, Route::kAdminReload},
  };
  for (const Entry& entry : kRoutes) {
    if (path != entry.path) continue;
    if (entry.wants_get != is_get || (!entry.wants_get && method != "POST")) {
      return Route::kMethodNotAllowed;
    }
    if (entry.route == Route::kChatSocket && !is_upgrade) return Route::kNotFound;
    return entry.route;
  }
  return Route::kNotFound;
}

}  // namespace spotter
