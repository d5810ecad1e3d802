#include "dialogue/dialogue_state.h"

namespace spotter {

using nlohmann::json;

json DialogueState::ToJson() const {
  return json{{"version", 1},         {"last_topic", last_topic},
              {"last_rule", last_rule}, {"open_slot", open_slot},
              {"slots", slots},         {"context", context},
              {"turns", turns}};
}

std::optional<DialogueState> DialogueState::FromJson(const json& value) {
  if (!value.is_object() || value.value("version", 0) != 1) return std::nullopt;
  try {
    DialogueState state;
    state.last_topic = value.at("last_topic").get<std::string>();
    state.last_rule = value.at("last_rule").get<std::string>();
    state.open_slot = value.at("open_slot").get<std::string>();
    state.slots = value.at("slots").get<std::map<std::string, std::string>>();
    state.context = value.at("context").get<std::vector<std::string>>();
    state.turns = value.at("turns").get<int>();
    return state;
  } catch (const json::exception&) {
    return std::nullopt;  // stored by hand or damaged: start afresh
  }
}

}  // namespace spotter
