#include "dialogue/slot_filler.h"

#include <algorithm>

#include <fmt/format.h>

namespace spotter {

using nlohmann::json;

void SlotFiller::AddDocument(const JsonDocument& document,
                             const ConceptTable& concepts,
                             Diagnostics* diagnostics) {
  const json& root = document.root();
  if (!root.is_object() || !root.contains("slots")) return;
  const json::json_pointer base("/slots");
  if (!root["slots"].is_object()) {
    diagnostics->push_back(document.At(base, "\"slots\" must be an object"));
    return;
  }
  for (const auto& [slot, values] : root["slots"].items()) {
    const json::json_pointer where = base / slot;
    if (!values.is_object()) {
      diagnostics->push_back(document.At(
          where, fmt::format("slot {} must map values to concepts", slot)));
      continue;
    }
    if (slots_.contains(slot)) {
      diagnostics->push_back(
          document.At(where, fmt::format("slot {} is declared twice", slot)));
      continue;
    }
    Values& out = slots_[slot];
    for (const auto& [value, concept_name] : values.items()) {
      const std::string name =
          concept_name.is_string() ? concept_name.get<std::string>() : "";
      auto id = concepts.Find(name);
      if (!id) {
        diagnostics->push_back(document.At(
            where / value, fmt::format("slot {} value {}: unknown concept {}",
                                       slot, value, name)));
        continue;
      }
      out.emplace_back(value, *id);
      if (by_concept_.size() <= *id) by_concept_.resize(*id + 1);
      by_concept_[*id].emplace_back(slot, value);
    }
  }
}

bool SlotFiller::HasSlot(std::string_view slot) const {
  return slots_.find(slot) != slots_.end();
}

bool SlotFiller::HasValue(std::string_view slot, std::string_view value) const {
  auto it = slots_.find(slot);
  if (it == slots_.end()) return false;
  for (const auto& [name, id] : it->second) {
    if (name == value) return true;
  }
  return false;
}

std::map<std::string, std::string> SlotFiller::DetectAll(
    const std::vector<ConceptHit>& hits) const {
  std::map<std::string, std::string> stated;
  for (const ConceptHit& hit : hits) {  // in message order: earliest wins
    if (hit.is_negated) continue;
    if (hit.concept_id >= by_concept_.size()) continue;
    for (const auto& [slot, value] : by_concept_[hit.concept_id]) {
      stated.emplace(slot, value);
    }
  }
  return stated;
}

std::vector<ConceptId> SlotFiller::ValueConcepts(std::string_view slot) const {
  std::vector<ConceptId> out;
  if (auto it = slots_.find(slot); it != slots_.end()) {
    for (const auto& [value, id] : it->second) out.push_back(id);
  }
  return out;
}

}  // namespace spotter
