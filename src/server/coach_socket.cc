#include "server/coach_socket.h"

#include <fmt/format.h>

#include "base/utf8.h"
#include "compose/answer_json.h"
#include "server/coach_credentials.h"

namespace spotter {
namespace {

using json = nlohmann::json;
namespace websocket = boost::beast::websocket;

std::string StringField(const json& message, const char* name) {
  auto it = message.find(name);
  return it != message.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

CoachSocket::~CoachSocket() { state_->handoff.CoachOffline(this); }

Handoff::Reply CoachSocket::ReplyHere() {
  return [self = std::static_pointer_cast<CoachSocket>(shared_from_this())](std::string frame) {
    self->Deliver(std::move(frame));
  };
}

void CoachSocket::Error(ErrorCode code, const std::string& message, const std::string& reply_to) {
  Send(state_->chat.ErrorFrame({code, message}, reply_to));
}

void CoachSocket::Refuse(const std::string& message, const std::string& reply_to) {
  state_->metrics.Error(ErrorCodeName(ErrorCode::kUnauthorized));
  SendAndClose(ErrorToJson({ErrorCode::kUnauthorized, message}, reply_to).dump(),
               websocket::close_code::policy_error, "unauthorized");
}

void CoachSocket::OnBinary() {
  // Before signing in, anything but `auth` ends the connection.
  if (coach_.empty() && !holding_frames()) {
    return Refuse("sign in first: {\"type\":\"auth\",\"token\":...}", "");
  }
  FrameSocket::OnBinary();
}

void CoachSocket::OnText(const std::string& frame) {
  const json message = json::parse(frame, nullptr, false);
  std::string type = "?";
  std::string id;
  if (message.is_object()) {
    type = StringField(message, "type");
    id = StringField(message, "id");
  }
  // Coach message types are counted under their own names ("coach_auth"...)
  // for the known ones only, so a client cannot mint metric labels.
  static constexpr std::string_view kKnown[] = {"auth", "claim", "say", "close"};
  const bool known = std::find(std::begin(kKnown), std::end(kKnown), type) != std::end(kKnown);
  state_->metrics.Message(known ? "coach_" + type : "coach_unknown");
  if (coach_.empty()) {
    if (type != "auth") return Refuse("sign in first: {\"type\":\"auth\",\"token\":...}", id);
    return Authenticate(message, id);
  }
  // Signed in: a bucket like the user's keeps a runaway console in check.
  if (!rate_.Admit(state_->options.max_messages_per_second, RateBucket::Clock::now())) {
    return Error(ErrorCode::kRateLimited, "too many messages; slow down", id);
  }

  if (!message.is_object()) {
    return Error(ErrorCode::kBadRequest, "the message must be a JSON object with a \"type\"", id);
  }
  const std::string ticket = StringField(message, "ticket");
  if (type == "auth") return Error(ErrorCode::kBadRequest, "already signed in", id);
  if (!known) {
    return Error(ErrorCode::kBadRequest,
                 fmt::format("unknown message type \"{}\"", std::string(TruncateUtf8(type, 32))),
                 id);
  }
  if (ticket.empty()) return Error(ErrorCode::kBadRequest, "a string \"ticket\" is needed", id);
  if (type == "claim") return state_->handoff.Claim(coach_, ticket, id, ReplyHere());
  const std::string text = StringField(message, type == "say" ? "text" : "note");
  if (CountUtf8Characters(text) > state_->options.max_text_chars) {
    return Error(ErrorCode::kTooLarge,
                 fmt::format("the text is over {} characters", state_->options.max_text_chars), id);
  }
  if (type == "say") {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Error(ErrorCode::kBadRequest, "\"say\" needs a non-empty string \"text\"", id);
    }
    return state_->handoff.Say(coach_, ticket, text, id, ReplyHere());
  }
  state_->handoff.Close(coach_, ticket, text, id, ReplyHere());
}

void CoachSocket::Authenticate(const json& message, const std::string& reply_to) {
  const auto now = std::chrono::steady_clock::now();
  if (!state_->logins.Allows(remote_address(), now)) {
    state_->metrics.LoginFailed();
    state_->metrics.Error(ErrorCodeName(ErrorCode::kRateLimited));
    return SendAndClose(
        ErrorToJson({ErrorCode::kRateLimited, "too many failed sign-ins; wait a minute"},
                    reply_to)
            .dump(),
        websocket::close_code::policy_error, "rate limited");
  }
  const std::string token = StringField(message, "token");
  if (token.empty() || token.size() > 256) {
    state_->logins.RecordFailure(remote_address(), now);
    state_->metrics.LoginFailed();
    return Refuse("a coach token is needed", reply_to);
  }
  // The accounts are read on the store's thread; frames wait meanwhile.
  HoldFrames();
  auto self = std::static_pointer_cast<CoachSocket>(shared_from_this());
  state_->store->FindCoaches([self, token, reply_to](std::vector<CoachRecord> coaches) {
    self->Post([self, token, reply_to, coaches = std::move(coaches)]() mutable {
      self->OnCoachesLoaded(token, reply_to, std::move(coaches));
    });
  });
}

void CoachSocket::OnCoachesLoaded(const std::string& token, const std::string& reply_to,
                                  std::vector<CoachRecord> coaches) {
  const std::optional<std::string> name = MatchCoach(coaches, token);
  if (!name) {
    state_->logins.RecordFailure(remote_address(), std::chrono::steady_clock::now());
    state_->metrics.LoginFailed();
    return Refuse("that token does not belong to a coach", reply_to);
  }
  coach_ = *name;
  Send(state_->handoff.CoachOnline(coach_, shared_from_this()));
  ReleaseFrames();
}

}  // namespace spotter
