// A JSON file (comments allowed) parsed together with the line of every value,
// so that loaders can report "rules/back.json:42: unknown concept" for a
// problem they only discover after parsing.
#ifndef SPOTTER_BASE_JSON_DOCUMENT_H_
#define SPOTTER_BASE_JSON_DOCUMENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"

namespace spotter {

class JsonDocument {
 public:
  // Parses `text`; on a syntax error returns nullopt and appends a Diagnostic
  // naming `file_name` and the line of the error. Never throws.
  static std::optional<JsonDocument> Parse(std::string_view text,
                                           std::string file_name,
                                           Diagnostics* diagnostics);

  const nlohmann::json& root() const { return root_; }
  const std::string& file() const { return file_; }

  // The line where the value at `pointer` ends (for objects and arrays: where
  // they open); falls back to the nearest enclosing value, then 0.
  int LineOf(const nlohmann::json::json_pointer& pointer) const;

  // A Diagnostic for the value at `pointer`.
  Diagnostic At(const nlohmann::json::json_pointer& pointer,
                std::string message) const;

 private:
  JsonDocument() = default;

  std::string file_;
  nlohmann::json root_;
  std::unordered_map<std::string, int> lines_;  // pointer string -> line
};

}  // namespace spotter

#endif  // SPOTTER_BASE_JSON_DOCUMENT_H_
