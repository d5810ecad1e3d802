// The topic ids rules may answer with (rules/ "topics"), and what each
// demands: advice topics must carry hedges; some raise the safety level.
#ifndef SPOTTER_RULES_TOPIC_CATALOG_H_
#define SPOTTER_RULES_TOPIC_CATALOG_H_

#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/json_document.h"
#include "base/string_hash.h"
#include "compose/answer.h"

namespace spotter {

struct TopicInfo {
  bool is_advice = true;
  SafetyLevel min_safety = SafetyLevel::kNone;
};

class TopicCatalog {
 public:
  void AddDocument(const JsonDocument& document, Diagnostics* diagnostics);

  // The topic, or its nearest declared ancestor ("forearm.pain.pullup.grip"
  // is known when "forearm.pain.pullup" is declared); nullptr when unknown.
  const TopicInfo* Find(std::string_view topic) const;

  std::size_t size() const { return topics_.size(); }

 private:
  StringMap<TopicInfo> topics_;
};

}  // namespace spotter

#endif  // SPOTTER_RULES_TOPIC_CATALOG_H_
