#include "cli/answer_printer.h"

#include <fmt/format.h>

namespace spotter::cli {

std::string RenderAnswer(const Answer& answer) {
  std::string out;
  if (answer.safety.level == SafetyLevel::kUrgent) {
    out += fmt::format("!! SEEK MEDICAL CARE: {}\n", answer.safety.message);
  } else if (answer.safety.level == SafetyLevel::kCaution) {
    out += fmt::format("!  Caution: {}\n", answer.safety.message);
  }
  out += answer.summary + "\n";
  for (const AdviceItem& item : answer.advice) {
    out += fmt::format("  - {}", item.text);
    if (!item.source.empty()) out += fmt::format(" [{}]", item.source);
    out += "\n";
  }
  for (const std::string& hedge : answer.hedges) {
    out += fmt::format("  ({})\n", hedge);
  }
  if (answer.referral) {
    out += fmt::format("  -> {}: {}\n", answer.referral->to, answer.referral->text);
  }
  if (answer.follow_up) {
    out += fmt::format("? {}", answer.follow_up->question);
    if (!answer.follow_up->options.empty()) {
      out += " [";
      for (std::size_t i = 0; i < answer.follow_up->options.size(); ++i) {
        if (i > 0) out += " / ";
        out += answer.follow_up->options[i];
      }
      out += "]";
    }
    out += "\n";
  }
  out += fmt::format("  topic {} · confidence {:.2f}\n", answer.topic,
                     answer.confidence);
  return out;
}

}  // namespace spotter::cli
