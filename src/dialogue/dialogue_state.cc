#include "dialogue/dialogue_state.h"

#include <algorithm>
#include <cstdint>

namespace spotter {

using nlohmann::json;

json DialogueState::ToJson() const {
  return json{{"version", 1},         {"last_topic", last_topic},
              {"last_rule", last_rule}, {"open_slot", open_slot},
              {"slots", slots},         {"context", context},
              {"turns", turns}};
}

std::optional<DialogueState> DialogueState::FromJson(const json& value) {
  try {
    if (!value.is_object() || value.at("version").get<int>() != 1) return std::nullopt;
    DialogueState state;
    state.last_topic = value.at("last_topic").get<std::string>();
    state.last_rule = value.at("last_rule").get<std::string>();
    state.open_slot = value.at("open_slot").get<std::string>();
    state.slots = value.at("slots").get<std::map<std::string, std::string>>();
    state.context = value.at("context").get<std::vector<std::string>>();
    const nlohmann::json& turns = value.at("turns");
    if (!turns.is_number_integer()) return std::nullopt;
    state.turns = static_cast<int>(std::clamp<std::int64_t>(turns.get<std::int64_t>(), 0, 1 << 30));
    return state;
  } catch (const json::exception&) {
    return std::nullopt;  // stored by hand or damaged: start afresh
  }
}

}  // namespace spotter
