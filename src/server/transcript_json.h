// A transcript as clients see it, in `welcome` (the user's history) and in
// `claimed` (the coach's read of the conversation): one shape for both.
// Each entry is {role, text, at}; a bot line adds the answer object as
// `answer`; coach lines and events add their details (coach, ticket, event,
// note) as fields of their own.
#ifndef SPOTTER_SERVER_TRANSCRIPT_JSON_H_
#define SPOTTER_SERVER_TRANSCRIPT_JSON_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "server/session_store.h"

namespace spotter {

// A damaged stored row shows its text alone.
nlohmann::ordered_json TranscriptJson(const std::vector<TranscriptEntry>& entries);

}  // namespace spotter

#endif  // SPOTTER_SERVER_TRANSCRIPT_JSON_H_
