#include "base/diagnostic.h"

#include <fmt/format.h>

namespace spotter {

std::string Diagnostic::ToString() const {
  if (line > 0) return fmt::format("{}:{}: {}", file, line, message);
  if (!file.empty()) return fmt::format("{}: {}", file, message);
  return message;
}

}  // namespace spotter
