#include "server/chat_service.h"

#include <array>
#include <random>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "compose/answer_json.h"

namespace spotter {
namespace {

using json = nlohmann::ordered_json;

std::size_t CountCharacters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string NowIso8601() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(now), millis.count());
}

json HistoryJson(const std::vector<TranscriptEntry>& history) {
  json out = json::array();
  for (const TranscriptEntry& entry : history) {
    json item = {{"role", entry.role}, {"text", entry.text}, {"at", entry.at}};
    if (!entry.data_json.empty()) {
      json answer = json::parse(entry.data_json, nullptr, false);
      if (!answer.is_discarded()) item["answer"] = std::move(answer);
    }
    out.push_back(std::move(item));
  }
  return out;
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
    if (CountCharacters(content) > options_.max_text_chars) {
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
  // Unknown types are counted as "unknown": a client must not be able to
  // mint metric labels.
  return Invalid("unknown", id, ErrorCode::kBadRequest,
                 fmt::format("unknown message type \"{}\"",
                             std::string(TruncateUtf8(type, 32))));
}

bool ChatService::Admit(ChatConnection& connection, Clock::time_point now) const {
  const double capacity = options_.max_messages_per_second;
  if (connection.tokens < 0) {
    connection.tokens = capacity;
    connection.refilled_at = now;
  }
  const double elapsed = std::chrono::duration<double>(now - connection.refilled_at).count();
  connection.tokens = std::min(capacity, connection.tokens + elapsed * capacity);
  connection.refilled_at = now;
  if (connection.tokens < 1) return false;
  connection.tokens -= 1;
  return true;
}

std::string ChatService::Welcome(ChatConnection& connection, const std::string& requested,
                                 const std::optional<StoredSession>& stored) const {
  json welcome = {{"type", "welcome"}};
  json history = json::array();
  if (stored) {
    connection.session = requested;
    connection.state = stored->state;
    history = HistoryJson(stored->history);
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
  std::string frame = AnswerToJsonText(answer);
  metrics_.Answer(answer.topic, SafetyLevelName(answer.safety.level),
                  std::chrono::duration<double>(Clock::now() - start).count());
  const std::string at = NowIso8601();
  store_.Append(connection.session, connection.state,
                {{"user", message.text, "", at}, {"bot", answer.summary, frame, at}});
  return frame;
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
