#include "rules/topic_catalog.h"

#include <fmt/format.h>

namespace spotter {

using nlohmann::json;

void TopicCatalog::AddDocument(const JsonDocument& document,
                               Diagnostics* diagnostics) {
  const json& root = document.root();
  if (!root.is_object() || !root.contains("topics")) return;
  const json::json_pointer base("/topics");
  if (!root["topics"].is_object()) {
    diagnostics->push_back(document.At(base, "\"topics\" must be an object"));
    return;
  }
  for (const auto& [id, spec] : root["topics"].items()) {
    const json::json_pointer where = base / id;
    if (!spec.is_object()) {
      diagnostics->push_back(document.At(
          where, fmt::format("topic {} must be an object like "
                             "{{\"advice\": true}}", id)));
      continue;
    }
    TopicInfo info;
    for (const auto& [key, value] : spec.items()) {
      if (key == "advice" && value.is_boolean()) {
        info.is_advice = value.get<bool>();
      } else if (key == "min_safety" && value.is_string()) {
        auto level = ParseSafetyLevel(value.get<std::string>());
        if (!level) {
          diagnostics->push_back(document.At(
              where / key, fmt::format("topic {}: min_safety must be none, "
                                       "caution or urgent", id)));
          continue;
        }
        info.min_safety = *level;
      } else {
        diagnostics->push_back(document.At(
            where / key, fmt::format("topic {}: unknown or mistyped key \"{}\"",
                                     id, key)));
      }
    }
    if (!topics_.emplace(id, info).second) {
      diagnostics->push_back(
          document.At(where, fmt::format("topic {} is declared twice", id)));
    }
  }
}

const TopicInfo* TopicCatalog::Find(std::string_view topic) const {
  while (!topic.empty()) {
    if (auto it = topics_.find(topic); it != topics_.end()) return &it->second;
    const std::size_t dot = topic.rfind('.');
    if (dot == std::string_view::npos) break;
    topic = topic.substr(0, dot);
  }
  return nullptr;
}

}  // namespace spotter
