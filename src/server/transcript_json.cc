#include "server/transcript_json.h"

namespace spotter {

nlohmann::ordered_json TranscriptJson(const std::vector<TranscriptEntry>& entries) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  for (const TranscriptEntry& entry : entries) {
    json item = {{"role", entry.role}, {"text", entry.text}, {"at", entry.at}};
    json data = entry.data_json.empty() ? json() : json::parse(entry.data_json, nullptr, false);
    if (entry.role == "bot" && data.is_object()) {
      item["answer"] = std::move(data);
    } else if (data.is_object()) {
      for (auto& [key, value] : data.items()) {
        if (!item.contains(key)) item[key] = value;
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace spotter
