#include "server/chat_service.h"

#include <gtest/gtest.h>

#include "memory_store.h"

namespace spotter {
namespace {

class ChatServiceTest : public ::testing::Test {
 protected:
  ChatServiceTest() : engines_(Options()), chat_(engines_, store_, metrics_, options_) {
    EXPECT_TRUE(engines_.Reload().empty());
  }
  static EngineOptions Options() {
    EngineOptions options;
    options.rules_dir = "tests/data/tiny/rules";
    options.corpus_dir = "tests/data/tiny/corpus";
    return options;
  }
  nlohmann::json Ask(ChatConnection& c, const std::string& text, std::string* opened = nullptr) {
    std::string ignored;
    const ClientMessage message = chat_.Parse(
        nlohmann::json{{"type", "ask"}, {"id", "c1"}, {"text", text}}.dump());
    return nlohmann::json::parse(chat_.Answer(c, message, opened ? opened : &ignored));
  }

  ServerOptions options_;
  EngineHolder engines_;
  MemoryStore store_;
  Metrics metrics_;
  ChatService chat_;
};

TEST_F(ChatServiceTest, ParsesHelloAndAsk) {
  EXPECT_EQ(chat_.Parse(R"({"type":"hello","session":"abc"})").session, "abc");
  const ClientMessage ask = chat_.Parse(R"({"type":"ask","id":7,"text":"hi"})");
  EXPECT_EQ(ask.kind, ClientMessage::Kind::kAsk);
  EXPECT_EQ(ask.id, "7");
  EXPECT_EQ(ask.text, "hi");
}

TEST_F(ChatServiceTest, RefusesWhatTheContractRefuses) {
  EXPECT_EQ(chat_.Parse("nope").error.code, ErrorCode::kBadRequest);
  EXPECT_EQ(chat_.Parse("[]").error.code, ErrorCode::kBadRequest);
  EXPECT_EQ(chat_.Parse(R"({"type":5})").error.code, ErrorCode::kBadRequest);
  EXPECT_EQ(chat_.Parse(R"({"type":"ask"})").error.code, ErrorCode::kBadRequest);
  const ClientMessage unknown = chat_.Parse(R"({"type":"x-very-long-made-up-type"})");
  EXPECT_EQ(unknown.kind, ClientMessage::Kind::kInvalid);
  EXPECT_EQ(unknown.type, "unknown");  // no client-minted metric labels
  const std::string long_text = std::string(4001, 'a');
  EXPECT_EQ(chat_.Parse(nlohmann::json{{"type", "ask"}, {"text", long_text}}.dump()).error.code,
            ErrorCode::kTooLarge);
  // 4,000 characters of two bytes each is within the limit: it counts characters.
  std::string accents;
  for (int i = 0; i < 4000; ++i) accents += "\xC3\xA9";
  EXPECT_EQ(chat_.Parse(nlohmann::json{{"type", "ask"}, {"text", accents}}.dump()).kind,
            ClientMessage::Kind::kAsk);
}

TEST_F(ChatServiceTest, AnAskWithoutHelloOpensASessionAndIsRecorded) {
  ChatConnection connection;
  std::string opened;
  const nlohmann::json answer = Ask(connection, "my lower back is sore after deadlifts", &opened);
  EXPECT_EQ(answer["reply_to"], "c1");
  EXPECT_EQ(answer["topic"], "back.soreness.deadlift");
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(nlohmann::json::parse(opened)["type"], "welcome");
  ASSERT_TRUE(store_.sessions.contains(connection.session));
  EXPECT_EQ(store_.sessions[connection.session].history.size(), 2u);
}

TEST_F(ChatServiceTest, WelcomeResumesAStoredSession) {
  ChatConnection first;
  Ask(first, "my lower back is sore after deadlifts");
  ChatConnection second;
  std::optional<StoredSession> stored;
  store_.Load(first.session, 20, [&](std::optional<StoredSession> s) { stored = s; });
  const auto welcome = nlohmann::json::parse(chat_.Welcome(second, first.session, stored));
  EXPECT_TRUE(welcome["resumed"]);
  EXPECT_EQ(welcome["history"].size(), 2u);
  EXPECT_EQ(second.state.open_slot, "goal");
  EXPECT_EQ(Ask(second, "strength")["topic"], "back.soreness.deadlift");
}

TEST_F(ChatServiceTest, RateLimitAdmitsABurstThenRefills) {
  ChatConnection c;
  const auto start = ChatService::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 30; ++i) admitted += chat_.Admit(c, start);
  EXPECT_EQ(admitted, 20);
  EXPECT_FALSE(chat_.Admit(c, start));
  EXPECT_TRUE(chat_.Admit(c, start + std::chrono::milliseconds(100)));
}

TEST_F(ChatServiceTest, TokensAreLongRandomHex) {
  const std::string a = ChatService::NewToken(), b = ChatService::NewToken();
  EXPECT_TRUE(ChatService::IsWellFormedToken(a));
  EXPECT_NE(a, b);
  EXPECT_FALSE(ChatService::IsWellFormedToken("'; drop table"));
}

}  // namespace
}  // namespace spotter
