// What spotter remembers of one conversation between turns: the last topic
// and rule, the follow-up question left open, the slots the user has filled
// ("goal" = "muscle"), and the concepts of the last message (the context that
// keeps "and hook grip or mixed?" on deadlift technique). A plain value: the
// server stores it as JSON and restores it, possibly under newer rules, so it
// names rules and concepts rather than holding ids.
#ifndef SPOTTER_DIALOGUE_DIALOGUE_STATE_H_
#define SPOTTER_DIALOGUE_DIALOGUE_STATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace spotter {

struct DialogueState {
  std::string last_topic;
  std::string last_rule;   // id of the rule that gave the last answer
  std::string open_slot;   // slot the last answer's follow-up asked about
  std::map<std::string, std::string> slots;  // filled: "goal" -> "muscle"
  std::vector<std::string> context;  // concept names of the last message
  int turns = 0;

  nlohmann::json ToJson() const;
  // nullopt when `json` is not a state this version wrote.
  static std::optional<DialogueState> FromJson(const nlohmann::json& json);

  bool operator==(const DialogueState&) const = default;
};

}  // namespace spotter

#endif  // SPOTTER_DIALOGUE_DIALOGUE_STATE_H_
