#include "server/http_routes.h"

#include "server/web_files.h"

namespace spotter {
namespace {

constexpr std::string_view kSourcePrefix = "/source/";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view TargetPath(std::string_view target) {
  return target.substr(0, target.find('?'));
}

Route RouteRequest(std::string_view method, std::string_view target, bool is_upgrade) {
  const std::string_view path = TargetPath(target);
  const bool is_get = method == "GET" || method == "HEAD";
  // The sockets share their paths with pages: /coach is the console for a
  // browser and the coach channel for an upgrade.
  if (is_upgrade && is_get) {
    if (path == "/ws") return Route::kChatSocket;
    if (path == "/coach") return Route::kCoachSocket;
  }
  struct Entry {
    std::string_view path;
    bool wants_get;
    Route route;
  };
  static constexpr Entry kRoutes[] = {
      {"/healthz", true, Route::kHealth},
      {"/metrics", true, Route::kMetrics},
      {"/admin/reload", false, Route::kAdminReload},
  };
  Route route = Route::kNotFound;
  bool wants_get = true;
  for (const Entry& entry : kRoutes) {
    if (path == entry.path) {
      route = entry.route;
      wants_get = entry.wants_get;
    }
  }
  if (route == Route::kNotFound) {
    if (WebFiles::Serves(path)) {
      route = Route::kWebFile;
    } else if (path.starts_with(kSourcePrefix) && path.size() > kSourcePrefix.size()) {
      route = Route::kSource;
    } else {
      return Route::kNotFound;
    }
  }
  if (wants_get != is_get || (!wants_get && method != "POST")) return Route::kMethodNotAllowed;
  return route;
}

std::string SourceIdFromTarget(std::string_view target) {
  const std::string_view path = TargetPath(target);
  if (!path.starts_with(kSourcePrefix)) return "";
  const std::string_view encoded = path.substr(kSourcePrefix.size());
  std::string id;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      id += encoded[i];
      continue;
    }
    if (i + 2 >= encoded.size()) return "";
    const int high = HexValue(encoded[i + 1]);
    const int low = HexValue(encoded[i + 2]);
    if (high < 0 || low < 0) return "";
    id += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return id;
}

bool HasQueryParameter(std::string_view target, std::string_view name, std::string_view value) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return false;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name &&
        pair.substr(equals + 1) == value) {
      return true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

}  // namespace spotter
