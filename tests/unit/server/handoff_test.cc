#include "server/handoff.h"

#include <gtest/gtest.h>

#include "memory_store.h"
#include "server/chat_service.h"
#include "server/coach_credentials.h"
#include "server/login_limiter.h"
#include "server/timestamps.h"

namespace spotter {
namespace {

using nlohmann::json;

// A socket that keeps what it is sent.
class Inbox : public FrameSink {
 public:
  void Deliver(std::string frame) override { frames.push_back(json::parse(frame)); }
  std::vector<json> OfType(const std::string& type) const {
    std::vector<json> out;
    for (const json& frame : frames) {
      if (frame["type"] == type) out.push_back(frame);
    }
    return out;
  }
  std::vector<json> frames;
};

class HandoffTest : public ::testing::Test {
 protected:
  HandoffTest() : handoff_(store_, store_, metrics_, options_) {}

  Handoff::Reply To(std::shared_ptr<Inbox> inbox) {
    return [inbox](std::string frame) { inbox->Deliver(std::move(frame)); };
  }
  std::string Escalate(const std::string& session) {
    Handoff::Escalation escalation;
    escalation.session = session;
    escalation.reply_to = "e";
    escalation.topic = "back.soreness.deadlift";
    escalation.safety = "caution";
    escalation.preview = "my back is sore";
    auto reply = std::make_shared<Inbox>();
    handoff_.Escalate(escalation, To(reply));
    store_.Drain();
    EXPECT_EQ(reply->frames.size(), 1u);
    return reply->frames.at(0)["ticket"];
  }

  MemoryStore store_;
  Metrics metrics_;
  ServerOptions options_;
  Handoff handoff_;
};

TEST_F(HandoffTest, AnEscalationIsPushedToEveryCoachWithItsSummary) {
  auto sam = std::make_shared<Inbox>();
  auto alex = std::make_shared<Inbox>();
  handoff_.CoachOnline("Sam", sam);
  handoff_.CoachOnline("Alex", alex);
  const std::string ticket = Escalate("s1");
  for (const auto& coach : {sam, alex}) {
    ASSERT_EQ(coach->OfType("ticket_opened").size(), 1u);
    const json opened = coach->OfType("ticket_opened")[0];
    EXPECT_EQ(opened["ticket"], ticket);
    EXPECT_EQ(opened["safety"], "caution");
    EXPECT_NE(opened["summary"].get<std::string>().find("back.soreness.deadlift"),
              std::string::npos);
  }
  EXPECT_EQ(store_.tickets.at(ticket).status, "open");
  EXPECT_EQ(handoff_.figures().open, 1u);
  EXPECT_EQ(handoff_.figures().coaches_online, 2u);
}

TEST_F(HandoffTest, TheQueueIsOldestFirstAndPlacesCount) {
  const std::string first = Escalate("s1");
  const std::string second = Escalate("s2");
  auto coach = std::make_shared<Inbox>();
  const json authed = json::parse(handoff_.CoachOnline("Sam", coach));
  ASSERT_EQ(authed["queue"].size(), 2u);
  EXPECT_EQ(authed["queue"][0]["ticket"], first);
  EXPECT_EQ(authed["queue"][1]["ticket"], second);
  Handoff::Escalation again;
  again.session = "s2";
  auto reply = std::make_shared<Inbox>();
  handoff_.Escalate(again, To(reply));
  store_.Drain();
  EXPECT_EQ(reply->frames[0]["ticket"], second);  // the same ticket again
  EXPECT_EQ(reply->frames[0]["position"], 2);
  // Once the first is claimed, the second is next.
  handoff_.Claim("Sam", first, "c", To(coach));
  store_.Drain();
  handoff_.Escalate(again, To(reply));
  store_.Drain();
  EXPECT_EQ(reply->frames.back()["position"], 1);
}

TEST_F(HandoffTest, OnlyTheCoachWhoClaimedMayWriteAndTheUserHearsIt) {
  const std::string ticket = Escalate("s1");
  auto user = std::make_shared<Inbox>();
  handoff_.UserOnline("s1", user);
  auto sam = std::make_shared<Inbox>();
  auto alex = std::make_shared<Inbox>();
  handoff_.Claim("Sam", ticket, "c", To(sam));
  store_.Drain();
  ASSERT_EQ(sam->OfType("claimed").size(), 1u);
  ASSERT_EQ(user->OfType("coach_joined").size(), 1u);
  EXPECT_EQ(user->OfType("coach_joined")[0]["coach"], "Sam");

  handoff_.Claim("Alex", ticket, "c", To(alex));
  store_.Drain();
  handoff_.Say("Alex", ticket, "hi", "s", To(alex));
  store_.Drain();
  handoff_.Close("Alex", ticket, "", "x", To(alex));
  store_.Drain();
  for (const json& error : alex->frames) EXPECT_EQ(error["code"], "unauthorized");
  EXPECT_EQ(alex->frames.size(), 3u);

  handoff_.Say("Sam", ticket, "hello from Sam", "s", To(sam));
  store_.Drain();
  ASSERT_EQ(user->OfType("coach_message").size(), 1u);
  EXPECT_EQ(user->OfType("coach_message")[0]["text"], "hello from Sam");
  EXPECT_EQ(store_.sessions["s1"].history.back().role, "coach");
}

TEST_F(HandoffTest, WhileHeldTheUsersWordsGoToTheCoachAndAfterCloseToTheBot) {
  const std::string ticket = Escalate("s1");
  auto reply = std::make_shared<Inbox>();
  EXPECT_FALSE(handoff_.Relay("s1", "anyone?", "a", To(reply)));  // open, not held
  auto sam = std::make_shared<Inbox>();
  handoff_.CoachOnline("Sam", sam);
  handoff_.Claim("Sam", ticket, "c", To(sam));
  store_.Drain();
  EXPECT_TRUE(handoff_.Relay("s1", "are you there?", "a", To(reply)));
  store_.Drain();
  ASSERT_EQ(reply->OfType("relayed").size(), 1u);
  ASSERT_EQ(sam->OfType("user_message").size(), 1u);
  EXPECT_EQ(sam->OfType("user_message")[0]["text"], "are you there?");

  auto user = std::make_shared<Inbox>();
  handoff_.UserOnline("s1", user);
  handoff_.Close("Sam", ticket, "done", "x", To(sam));
  store_.Drain();
  EXPECT_EQ(sam->OfType("closed").size(), 1u);
  EXPECT_EQ(user->OfType("coach_left").size(), 1u);
  EXPECT_EQ(store_.tickets.at(ticket).status, "closed");
  EXPECT_EQ(store_.tickets.at(ticket).close_note, "done");
  EXPECT_FALSE(handoff_.Relay("s1", "back to the bot", "a", To(reply)));
  EXPECT_TRUE(handoff_.EscalationOf("s1").is_null());
}

TEST_F(HandoffTest, TheStoreSeesWritesInTheOrderMemoryDid) {
  Handoff::Escalation escalation;
  escalation.session = "s1";
  auto user = std::make_shared<Inbox>();
  handoff_.Escalate(escalation, To(user));  // not yet stored
  auto sam = std::make_shared<Inbox>();
  const json authed = json::parse(handoff_.CoachOnline("Sam", sam));
  ASSERT_EQ(authed["queue"].size(), 1u);
  const std::string ticket = authed["queue"][0]["ticket"];
  handoff_.Claim("Sam", ticket, "c", To(sam));
  handoff_.Close("Sam", ticket, "", "x", To(sam));
  store_.Drain();
  EXPECT_EQ(store_.tickets.at(ticket).status, "closed");
  ASSERT_EQ(user->OfType("escalated").size(), 1u);
  EXPECT_EQ(user->OfType("escalated")[0]["status"], "closed");  // it was over by then
  EXPECT_EQ(sam->OfType("claimed").size(), 1u);
  EXPECT_EQ(sam->OfType("closed").size(), 1u);
}

TEST_F(HandoffTest, TheCoachReadsTheTranscriptInTheShapeTheUserGetsIt) {
  const std::string ticket = Escalate("s1");
  auto sam = std::make_shared<Inbox>();
  handoff_.Claim("Sam", ticket, "c", To(sam));
  store_.Drain();
  handoff_.Say("Sam", ticket, "hello", "s", To(sam));
  store_.Drain();
  handoff_.Claim("Sam", ticket, "c2", To(sam));  // read it again
  store_.Drain();
  const json transcript = sam->OfType("claimed").back()["transcript"];
  ASSERT_GE(transcript.size(), 3u);
  EXPECT_EQ(transcript.back()["role"], "coach");
  EXPECT_EQ(transcript.back()["coach"], "Sam");  // a field of its own, as in welcome
  EXPECT_EQ(transcript.back()["ticket"], ticket);
  EXPECT_EQ(transcript.front()["role"], "event");
}

TEST_F(HandoffTest, TwoEscalationsAtOnceGetOneTicket) {
  Handoff::Escalation escalation;
  escalation.session = "s1";
  auto first = std::make_shared<Inbox>();
  auto second = std::make_shared<Inbox>();
  handoff_.Escalate(escalation, To(first));   // not stored yet
  handoff_.Escalate(escalation, To(second));  // a second tab
  store_.Drain();
  ASSERT_EQ(first->OfType("escalated").size(), 1u);
  ASSERT_EQ(second->OfType("escalated").size(), 1u);
  EXPECT_EQ(first->OfType("escalated")[0]["ticket"], second->OfType("escalated")[0]["ticket"]);
  EXPECT_EQ(store_.tickets.size(), 1u);
}

TEST_F(HandoffTest, UnknownTicketsAreSaidToBeUnknown) {
  auto sam = std::make_shared<Inbox>();
  handoff_.Claim("Sam", "t-none", "c", To(sam));
  store_.Drain();
  handoff_.Say("Sam", "t-none", "x", "s", To(sam));
  store_.Drain();
  ASSERT_EQ(sam->frames.size(), 2u);
  for (const json& error : sam->frames) EXPECT_EQ(error["code"], "unknown_ticket");
}

TEST_F(HandoffTest, RestoreBringsBackOpenAndHeldTickets) {
  const std::string ticket = Escalate("s1");
  auto sam = std::make_shared<Inbox>();
  handoff_.Claim("Sam", ticket, "c", To(sam));
  store_.Drain();
  Handoff restarted(store_, store_, metrics_, options_);
  restarted.Restore();
  EXPECT_EQ(restarted.EscalationOf("s1")["status"], "with_coach");
  const json authed = json::parse(restarted.CoachOnline("Sam", sam));
  ASSERT_EQ(authed["claimed"].size(), 1u);
  EXPECT_EQ(authed["claimed"][0]["ticket"], ticket);
}

TEST(Acceptance, WordsOfAssentAcceptAndAnythingElseDoesNot) {
  for (const char* yes : {"yes, connect me", "Yes please, a coach!", "ok, connect me",
                          "sure, get me a coach", "yeah put me through to a person",
                          "yes I'd like to talk to a real coach"}) {
    EXPECT_TRUE(IsAcceptance(yes)) << yes;
  }
  for (const char* no : {"no", "no thanks", "not now", "yes but my knee hurts when I squat",
                         "what is a good rep range?", "", "thanks", "ok", "ok thanks",
                         "alright", "yes", "yes please", "sure", "no, not a coach",
                         "yes my coach said to deload"}) {
    EXPECT_FALSE(IsAcceptance(no)) << no;
  }
}

TEST(CoachCredentials, ATokenMatchesOnlyItsOwnRecord) {
  const std::string token = NewCoachToken();
  EXPECT_EQ(token.size(), 64u);
  EXPECT_NE(NewCoachToken(), token);
  const std::vector<CoachRecord> coaches = {MakeCoachRecord("Sam", token),
                                            MakeCoachRecord("Alex", NewCoachToken())};
  EXPECT_EQ(MatchCoach(coaches, token), "Sam");
  EXPECT_EQ(MatchCoach(coaches, token.substr(1)), std::nullopt);
  EXPECT_EQ(MatchCoach(coaches, ""), std::nullopt);
  EXPECT_EQ(coaches[0].token_hash.find(token), std::string::npos);
  EXPECT_NE(MakeCoachRecord("Sam", token).salt, coaches[0].salt);
}

TEST(CoachCredentials, NamesAreReadableAndSafe) {
  EXPECT_TRUE(IsValidCoachName("Robin Lee"));
  EXPECT_TRUE(IsValidCoachName("coach_2"));
  EXPECT_FALSE(IsValidCoachName(""));
  EXPECT_FALSE(IsValidCoachName("<b>"));
  EXPECT_FALSE(IsValidCoachName(" padded"));
  EXPECT_FALSE(IsValidCoachName(std::string(41, 'a')));
}

TEST(LoginLimiter, FailuresPastTheLimitWaitOutTheMinute) {
  LoginLimiter limiter(3);
  const auto start = LoginLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.Allows("1.2.3.4", start));
    limiter.RecordFailure("1.2.3.4", start);
  }
  EXPECT_FALSE(limiter.Allows("1.2.3.4", start));
  EXPECT_TRUE(limiter.Allows("5.6.7.8", start));
  EXPECT_TRUE(limiter.Allows("1.2.3.4", start + std::chrono::seconds(61)));
}

TEST(Timestamps, RoundTrip) {
  const auto parsed = ParseIso8601("2026-11-25T09:30:00.123Z");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(ToIso8601(*parsed), "2026-11-25T09:30:00.123Z");
  EXPECT_FALSE(ParseIso8601("yesterday"));
}

TEST(Timestamps, EachTimeIsWrittenWholeAcrossSecondsAndDays) {
  // The date and time of day are reused within a second: moving between
  // seconds (and back) must write each afresh.
  const auto base = *ParseIso8601("2026-12-31T23:59:59.000Z");
  EXPECT_EQ(ToIso8601(base + std::chrono::milliseconds(7)), "2026-12-31T23:59:59.007Z");
  EXPECT_EQ(ToIso8601(base + std::chrono::milliseconds(999)), "2026-12-31T23:59:59.999Z");
  EXPECT_EQ(ToIso8601(base + std::chrono::milliseconds(1000)), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(ToIso8601(base + std::chrono::milliseconds(42)), "2026-12-31T23:59:59.042Z");
  EXPECT_EQ(ToIso8601(std::chrono::system_clock::time_point{} - std::chrono::milliseconds(1)),
            "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace spotter
