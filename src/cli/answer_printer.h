// Renders an answer object for a person at a terminal (interactive `spotter
// ask`): the safety banner first, then summary, advice with sources, hedges,
// referral and the follow-up question with its options.
#ifndef SPOTTER_CLI_ANSWER_PRINTER_H_
#define SPOTTER_CLI_ANSWER_PRINTER_H_

#include <string>

#include "compose/answer.h"

namespace spotter::cli {

std::string RenderAnswer(const Answer& answer);

}  // namespace spotter::cli

#endif  // SPOTTER_CLI_ANSWER_PRINTER_H_
