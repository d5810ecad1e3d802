// The pages and scripts the server hands to browsers: the demo page, the
// embeddable widget and the coach console. Each has a fixed URL path. They
// come from the copies compiled into the binary, or, with --web DIR, from
// DIR on every request, so that editing the widget needs no rebuild. That
// is a development aid: the read (a small file, from the page cache) runs on
// the I/O thread; in service the embedded copies need no disk at all.
#ifndef SPOTTER_SERVER_WEB_FILES_H_
#define SPOTTER_SERVER_WEB_FILES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace spotter {

struct WebFile {
  std::string content_type;
  std::string body;
  std::string content_security_policy;  // empty: none
  std::string cache_control;
};

class WebFiles {
 public:
  // `directory` empty: the embedded copies.
  explicit WebFiles(std::filesystem::path directory) : directory_(std::move(directory)) {}

  // Whether `path` (no query string) names one of the files.
  static bool Serves(std::string_view path);

  // The file for `path`, or nullopt if there is none (or, from a directory,
  // it cannot be read).
  std::optional<WebFile> Find(std::string_view path) const;

 private:
  std::filesystem::path directory_;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_WEB_FILES_H_
