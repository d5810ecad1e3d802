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
};

// Every URL a browser can fetch besides the API. Adding a file to web/ also
// needs a line here and in CMakeLists.txt (SPOTTER_WEB_FILES).
constexpr Mapping kMappings[] = {
    {"/", "demo/index.html", "text/html; charset=utf-8"},
    {"/widget.js", "widget/widget.js", "text/javascript; charset=utf-8"},
    {"/coach", "coach/index.html", "text/html; charset=utf-8"},
    {"/coach/console.js", "coach/console.js", "text/javascript; charset=utf-8"},
    {"/coach/console.css", "coach/console.css", "text/css; charset=utf-8"},
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
  WebFile out{std::string(mapping->content_type), {}};
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
