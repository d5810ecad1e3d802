#include "server/chat_service.h"

#include <array>
#include <cctype>
#include <random>
#include <unordered_set>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "compose/answer_json.h"
#include "server/timestamps.h"
#include "server/transcript_json.h"

namespace spotter {
namespace {

using json = nlohmann::ordered_json;

int SafetyRank(std::string_view level) {
  return level == "urgent" ? 2 : level == "caution" ? 1 : 0;
}

ClientMessage Invalid(std::string type, std::string id, ErrorCode code,
                      std::string message) {
  ClientMessage out;
  out.type = std::move(type);
  out.id = std::move(id);
  out.error = {code, std::move(message)};
  return out;
}

}  // namespace

ClientMessage ChatService::Parse(std::string_view frame) const {
  const nlohmann::json value = nlohmann::json::parse(frame, nullptr, false);
  if (value.is_discarded()) {
    return Invalid("?", "", ErrorCode::kBadRequest, "the message is not valid JSON");
  }
  if (!value.is_object()) {
    return Invalid("?", "", ErrorCode::kBadRequest,
                   "the message must be a JSON object with a \"type\"");
  }
  std::string id;
  if (auto it = value.find("id"); it != value.end()) {
    if (it->is_string()) {
      id = it->get<std::string>();
    } else if (it->is_number()) {
      id = it->dump();
    }
  }
  const auto type_it = value.find("type");
  if (type_it == value.end() || !type_it->is_string()) {
    return Invalid("?", id, ErrorCode::kBadRequest, "the message needs a string \"type\"");
  }
  const std::string type = type_it->get<std::string>();
  if (type == "hello") {
    ClientMessage out;
    out.kind = ClientMessage::Kind::kHello;
    out.type = type;
    out.id = id;
    if (auto it = value.find("session"); it != value.end() && it->is_string()) {
      out.session = it->get<std::string>();
    }
    return out;
  }
  if (type == "ask") {
    const auto text = value.find("text");
    if (text == value.end() || !text->is_string()) {
      return Invalid(type, id, ErrorCode::kBadRequest, "\"ask\" needs a string \"text\"");
    }
    std::string content = text->get<std::string>();
    if (CountUtf8Characters(content) > options_.max_text_chars) {
      return Invalid(type, id, ErrorCode::kTooLarge,
                     fmt::format("the text is over {} characters", options_.max_text_chars));
    }
    if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Invalid(type, id, ErrorCode::kBadRequest, "the text is empty");
    }
    ClientMessage out;
    out.kind = ClientMessage::Kind::kAsk;
    out.type = type;
    out.id = id;
    out.text = std::move(content);
    return out;
  }
  if (type == "escalate") {
    ClientMessage out;
    out.kind = ClientMessage::Kind::kEscalate;
    out.type = type;
    out.id = id;
    if (auto note = value.find("note"); note != value.end() && !note->is_null()) {
      if (!note->is_string()) {
        return Invalid(type, id, ErrorCode::kBadRequest, "\"note\" must be a string");
      }
      out.text = note->get<std::string>();
      if (CountUtf8Characters(out.text) > options_.max_text_chars) {
        return Invalid(type, id, ErrorCode::kTooLarge,
                       fmt::format("the note is over {} characters", options_.max_text_chars));
      }
    }
    return out;
  }
  // Unknown types are counted as "unknown": a client must not be able to
  // mint metric labels.
  return Invalid("unknown", id, ErrorCode::kBadRequest,
                 fmt::format("unknown message type \"{}\"",
                             std::string(TruncateUtf8(type, 32))));
}

bool ChatService::Admit(ChatConnection& connection, Clock::time_point now) const {
  return connection.rate.Admit(options_.max_messages_per_second, now);
}

std::string ChatService::Welcome(ChatConnection& connection, const std::string& requested,
                                 const std::optional<StoredSession>& stored,
                                 const nlohmann::json& escalation) const {
  json welcome = {{"type", "welcome"}};
  json history = json::array();
  if (stored) {
    connection.session = requested;
    connection.state = stored->state;
    history = TranscriptJson(stored->history);
    welcome["resumed"] = true;
  } else {
    connection.session = NewToken();
    connection.state = DialogueState{};
    welcome["resumed"] = false;
    if (!requested.empty()) {
      welcome["notice"] = "unknown session; a new one was started";
    }
  }
  welcome["session"] = connection.session;
  welcome["history"] = std::move(history);
  welcome["escalation"] = escalation;
  return welcome.dump();
}

std::string ChatService::Answer(ChatConnection& connection, const ClientMessage& message,
                                std::string* opened) const {
  std::shared_ptr<const Engine> engine = engines_.Get();
  if (!engine) {
    return ErrorFrame({ErrorCode::kInternal, "no rules are loaded"}, message.id);
  }
  if (connection.session.empty()) *opened = Welcome(connection, "", std::nullopt);
  const Clock::time_point start = Clock::now();
  Result<spotter::Answer> result = engine->Answer(message.text, &connection.state);
  if (!result.ok()) return ErrorFrame(result.error(), message.id);
  spotter::Answer answer = std::move(result).value();
  answer.reply_to = message.id;
  auto [frame, shared_from] = AnswerToJsonText(answer);
  const std::string_view safety = SafetyLevelName(answer.safety.level);
  metrics_.Answer(answer.topic, safety,
                  std::chrono::duration<double>(Clock::now() - start).count());
  connection.coach_offered = answer.referral && answer.referral->to == "coach";
  if (SafetyRank(safety) > SafetyRank(connection.worst_safety)) {
    connection.worst_safety = std::string(safety);
  }
  connection.last_question = message.text;
  const std::string at = NowIso8601();
  store_.Append(connection.session, connection.state,
                {{"user", message.text, "", at}, {"bot", answer.summary, frame, at, shared_from}});
  return frame;
}

bool IsAcceptance(std::string_view text) {
  // Most answers suggest a coach in passing ("a coach can watch a set"), so a
  // bare "yes" or "ok thanks" after them is not a request: the message must
  // assent and name the hand-off ("yes, connect me", "sure, get me a coach").
  // Anything else (a question, a "no") is for the bot.
  static const std::unordered_set<std::string_view> kAssent = {
      "yes", "yeah", "yep", "yup", "ya", "sure", "please", "pls", "plz", "ok", "okay",
      "go", "ahead", "definitely", "absolutely", "y", "yea", "do", "alright"};
  static const std::unordered_set<std::string_view> kHandoff = {
      "connect", "coach", "human", "person", "trainer", "someone"};
  static const std::unordered_set<std::string_view> kFiller = {
      "me", "it", "that", "would", "be", "great", "good", "thanks", "thank", "you", "to",
      "a", "the", "with", "one", "sounds", "let's", "lets", "i'd", "like", "id", "want",
      "now", "through", "put", "get", "talk", "real", "your", "of", "coaches"};
  std::string lowered;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    lowered += std::isalpha(u) || c == '\'' ? static_cast<char>(std::tolower(u)) : ' ';
  }
  std::size_t words = 0;
  bool assent = false;
  bool names_handoff = false;
  std::size_t start = 0;
  while ((start = lowered.find_first_not_of(' ', start)) != std::string::npos) {
    const std::size_t end = std::min(lowered.find(' ', start), lowered.size());
    const std::string_view word = std::string_view(lowered).substr(start, end - start);
    start = end;
    if (++words > 10) return false;
    if (kAssent.contains(word)) {
      assent = true;
    } else if (kHandoff.contains(word)) {
      names_handoff = true;
    } else if (!kFiller.contains(word)) {
      return false;
    }
  }
  return assent && names_handoff;
}

std::string ChatService::ErrorFrame(const Error& error, std::string_view reply_to) const {
  metrics_.Error(ErrorCodeName(error.code));
  return ErrorToJson(error, reply_to).dump();
}

std::string ChatService::NewToken() {
  thread_local std::random_device device;  // the kernel's CSPRNG on Linux
  std::array<std::uint32_t, 4> words;
  for (std::uint32_t& word : words) word = device();
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", words[0], words[1], words[2], words[3]);
}

bool ChatService::IsWellFormedToken(std::string_view token) {
  return token.size() == 32 &&
         token.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace spotter
