// How one answer was reached, for editors fixing a wrong answer with
// `spotter explain`: the normalised text, typo corrections, concepts (and
// which were negated), the safety finding, candidate rules with scores, the
// nearest examples and passages consulted, and why the winner won.
#ifndef SPOTTER_ENGINE_EXPLANATION_H_
#define SPOTTER_ENGINE_EXPLANATION_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/answer.h"

namespace spotter {

struct Explanation {
  struct Correction {
    std::string typed;
    std::string read_as;
  };
  struct ConceptFound {
    std::string name;
    std::string words;  // the words that matched
    bool is_negated = false;
  };
  struct Scored {
    std::string id;  // rule, example or passage id
    std::string detail;  // topic, example text, passage title
    double score = 0;
  };

  std::string normalized;  // words after normalisation
  std::string match_line;  // stems: what patterns see
  std::vector<Correction> corrections;
  std::vector<ConceptFound> concepts;
  std::vector<std::string> context;  // the previous turn's concepts
  std::vector<std::string> safety_rules;
  std::vector<Scored> candidates;  // rules whose conditions hold, best first
  std::vector<Scored> examples;    // nearest examples, when consulted
  std::vector<Scored> passages;    // nearest passages, when consulted
  std::string route;
  std::string reason;
  Answer answer;

  // A readable report, one section a step.
  std::string ToText() const;
  nlohmann::ordered_json ToJson() const;
};

}  // namespace spotter

#endif  // SPOTTER_ENGINE_EXPLANATION_H_
