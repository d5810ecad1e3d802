#include "server/web_files.h"

#include <fstream>
#include <sstream>

#include "server/embedded_files.h"

namespace spotter {
namespace {

struct Mapping {
  std::string_view url_path;
  std::string_view file;  // relative to web/
  std::string_view content_type;
  std::string_view content_security_policy;
  std::string_view cache_control;
};

// The pages load nothing from elsewhere. The console shows other people's
// text, so it allows its own files only; the demo page keeps its styles
// inline and shows nobody's text but the widget's (in its shadow root).
constexpr std::string_view kConsolePolicy =
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
constexpr std::string_view kDemoPolicy =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:";
// Sites load the widget on every page view: let browsers keep it a while.
constexpr std::string_view kWidgetCache = "public, max-age=300";

// Every URL a browser can fetch besides the API. Adding a file to web/ also
// needs a line here and in CMakeLists.txt (SPOTTER_WEB_FILES).
constexpr Mapping kMappings[] = {
    {"/", "demo/index.html", "text/html; charset=utf-8", kDemoPolicy, "no-cache"},
    {"/widget.js", "widget/widget.js", "text/javascript; charset=utf-8", "", kWidgetCache},
    {"/coach", "coach/index.html", "text/html; charset=utf-8", kConsolePolicy, "no-store"},
    {"/coach/console.js", "coach/console.js", "text/javascript; charset=utf-8", "", "no-cache"},
    {"/coach/console.css", "coach/console.css", "text/css; charset=utf-8", "", "no-cache"},
};

const Mapping* FindMapping(std::string_view path) {
  for (const Mapping& mapping : kMappings) {
    if (mapping.url_path == path) return &mapping;
  }
  return nullptr;
}

}  // namespace

bool WebFiles::Serves(std::string_view path) { return FindMapping(path) != nullptr; }

std::optional<WebFile> WebFiles::Find(std::string_view path) const {
  const Mapping* mapping = FindMapping(path);
  if (mapping == nullptr) return std::nullopt;
  WebFile out{std::string(mapping->content_type), {},
              std::string(mapping->content_security_policy),
              std::string(mapping->cache_control)};
  if (!directory_.empty()) {
    std::ifstream in(directory_ / mapping->file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    out.body = std::move(bytes).str();
    return out;
  }
  for (const EmbeddedFile& file : EmbeddedFiles()) {
    if (file.path == mapping->file) {
      out.body = std::string(file.bytes);
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace spotter
