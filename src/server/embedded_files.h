// The web files (web/) compiled into the binary by cmake/embed_files.cmake,
// so that `spotter serve` needs nothing but its data directories.
#ifndef SPOTTER_SERVER_EMBEDDED_FILES_H_
#define SPOTTER_SERVER_EMBEDDED_FILES_H_

#include <span>
#include <string_view>

namespace spotter {

struct EmbeddedFile {
  std::string_view path;  // relative to web/, e.g. "widget/widget.js"
  std::string_view bytes;
};

std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace spotter

#endif  // SPOTTER_SERVER_EMBEDDED_FILES_H_
