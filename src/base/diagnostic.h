// A problem found in a file the user gave us (a rule file, a corpus passage, a
// line of a JSON-lines input), placed so that an editor can go and fix it.
#ifndef SPOTTER_BASE_DIAGNOSTIC_H_
#define SPOTTER_BASE_DIAGNOSTIC_H_

#include <string>
#include <vector>

namespace spotter {

struct Diagnostic {
  std::string file;     // as the user named it: "rules/back.json"
  int line = 0;         // 1-based; 0 = the whole file
  std::string message;  // "unknown concept ~deadlfit in rule back-soreness"

  // "rules/back.json:42: unknown concept ..." (no ":0" for whole-file
  // problems).
  std::string ToString() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace spotter

#endif  // SPOTTER_BASE_DIAGNOSTIC_H_
