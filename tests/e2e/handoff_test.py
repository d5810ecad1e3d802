"""End-to-end tests of the coach hand-off: a real `spotter serve`, a real
WebSocket client for the user and another for the coach (Debian's
python3-websockets).

Usage: /usr/bin/python3 tests/e2e/handoff_test.py PATH/TO/spotter
"""

import asyncio
import json
import os
import sqlite3
import sys
import unittest

import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spotter_server import SpotterServer  # noqa: E402

BINARY = None
DEADLIFT = "my lower back is sore after heavy deadlifts"


class Peer:
    """One WebSocket client. `expect` reads until a frame of the given type
    arrives and keeps the others it passed, in order, in `seen`."""

    def __init__(self, ws):
        self.ws = ws
        self.seen = []

    @classmethod
    async def connect(cls, url):
        return cls(await websockets.connect(url, max_size=2**20))

    async def send(self, message):
        await self.ws.send(json.dumps(message))

    async def expect(self, type_, timeout=5):
        async def read():
            while True:
                frame = json.loads(await self.ws.recv())
                if frame["type"] == type_:
                    return frame
                self.seen.append(frame)
        return await asyncio.wait_for(read(), timeout)

    async def quiet(self, seconds=0.3):
        """Whatever arrives within `seconds` (nothing, usually)."""
        try:
            return json.loads(await asyncio.wait_for(self.ws.recv(), seconds))
        except asyncio.TimeoutError:
            return None

    async def close(self):
        await self.ws.close()


async def user(server, session=None):
    peer = await Peer.connect(server.ws_url())
    await peer.send({"type": "hello", **({"session": session} if session else {})})
    peer.welcome = await peer.expect("welcome")
    return peer


async def coach(server, token):
    peer = await Peer.connect(server.coach_url())
    await peer.send({"type": "auth", "token": token})
    peer.authed = await peer.expect("authed")
    return peer


def run(coroutine):
    return asyncio.run(coroutine)


class HandoffTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = SpotterServer(BINARY).start()
        cls.sam = cls.server.add_coach("Sam")
        cls.alex = cls.server.add_coach("Alex")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_a_whole_handoff_and_back_to_the_bot(self):
        async def scenario():
            sam = await coach(self.server, self.sam)
            self.assertEqual(sam.authed["coach"], "Sam")
            lifter = await user(self.server)
            session = lifter.welcome["session"]
            await lifter.send({"type": "ask", "id": "a1", "text": DEADLIFT})
            answer = await lifter.expect("answer")
            self.assertEqual(answer["referral"]["to"], "coach")

            await lifter.send({"type": "escalate", "id": "e1", "note": "it keeps coming back"})
            escalated = await lifter.expect("escalated")
            self.assertEqual(escalated["reply_to"], "e1")
            self.assertGreaterEqual(escalated["coaches_online"], 1)
            self.assertGreaterEqual(escalated["position"], 1)
            ticket = escalated["ticket"]

            opened = await sam.expect("ticket_opened")
            self.assertEqual(opened["ticket"], ticket)
            self.assertIn("back.soreness.deadlift", opened["summary"])
            self.assertIn("it keeps coming back", opened["summary"])

            await sam.send({"type": "claim", "ticket": ticket})
            claimed = await sam.expect("claimed")
            texts = [entry["text"] for entry in claimed["transcript"]]
            self.assertIn(DEADLIFT, texts)
            bot = next(e for e in claimed["transcript"] if e["role"] == "bot")
            self.assertEqual(bot["answer"]["topic"], "back.soreness.deadlift")
            joined = await lifter.expect("coach_joined")
            self.assertEqual((joined["ticket"], joined["coach"]), (ticket, "Sam"))

            # The bot is quiet: the user's words go to the coach.
            await lifter.send({"type": "ask", "id": "a2", "text": "should I train tomorrow?"})
            relayed = await lifter.expect("relayed")
            self.assertEqual(relayed["reply_to"], "a2")
            message = await sam.expect("user_message")
            self.assertEqual((message["ticket"], message["text"]),
                             (ticket, "should I train tomorrow?"))
            self.assertFalse([f for f in lifter.seen if f["type"] == "answer" and
                              f.get("reply_to") == "a2"])

            await sam.send({"type": "say", "ticket": ticket, "text": "Hi, Sam here.", "id": "s1"})
            said = await sam.expect("said")
            self.assertEqual(said["reply_to"], "s1")
            reply = await lifter.expect("coach_message")
            self.assertEqual((reply["text"], reply["coach"]), ("Hi, Sam here.", "Sam"))

            # The user drops out; the coach goes on; the user comes back.
            await lifter.close()
            for text in ("Take tomorrow easy.", "Then film a set for me."):
                await sam.send({"type": "say", "ticket": ticket, "text": text})
                await sam.expect("said")
            lifter = await user(self.server, session)
            self.assertTrue(lifter.welcome["resumed"])
            self.assertEqual(lifter.welcome["escalation"],
                             {"ticket": ticket, "status": "with_coach", "coach": "Sam"})
            coach_lines = [e["text"] for e in lifter.welcome["history"] if e["role"] == "coach"]
            self.assertEqual(coach_lines,
                             ["Hi, Sam here.", "Take tomorrow easy.", "Then film a set for me."])

            await sam.send({"type": "close", "ticket": ticket, "note": "advised rest"})
            self.assertEqual((await sam.expect("closed"))["ticket"], ticket)
            self.assertEqual((await lifter.expect("coach_left"))["ticket"], ticket)

            await lifter.send({"type": "ask", "id": "a3", "text": DEADLIFT})
            self.assertEqual((await lifter.expect("answer"))["reply_to"], "a3")
            # "ok thanks" after advice that mentions a coach is not a request.
            await lifter.send({"type": "ask", "id": "a4", "text": "ok thanks"})
            self.assertEqual((await lifter.expect("answer"))["reply_to"], "a4")
            self.assertIsNone(await lifter.quiet())
            await sam.send({"type": "say", "ticket": ticket, "text": "still there?"})
            error = await sam.expect("error")
            self.assertEqual(error["code"], "unknown_ticket")
            await lifter.close()
            await sam.close()
        run(scenario())
        status, metrics = self.server.get("/metrics")
        for name in ("spotter_tickets_open ", "spotter_tickets_claimed ",
                     "spotter_coaches_online ", "spotter_ticket_claim_seconds_count"):
            self.assertIn(name, metrics)
        self.assertNotIn("spotter_ticket_claim_seconds_count 0\n", metrics)

    def test_no_coach_online_the_ticket_waits_and_is_queued_for_later(self):
        async def scenario():
            lifter = await user(self.server)
            await lifter.send({"type": "escalate", "id": "e"})
            escalated = await lifter.expect("escalated")
            self.assertEqual(escalated["coaches_online"], 0)
            self.assertIn("No coach is online", escalated["message"])
            self.assertEqual(escalated["status"], "waiting")
            # Escalating again gives the same ticket, not a second one.
            await lifter.send({"type": "escalate", "id": "e2"})
            again = await lifter.expect("escalated")
            self.assertEqual(again["ticket"], escalated["ticket"])
            # The bot still answers while nobody holds the ticket.
            await lifter.send({"type": "ask", "id": "a", "text": DEADLIFT})
            await lifter.expect("answer")
            alex = await coach(self.server, self.alex)
            queued = [t["ticket"] for t in alex.authed["queue"]]
            self.assertIn(escalated["ticket"], queued)
            await alex.send({"type": "claim", "ticket": escalated["ticket"]})
            await alex.expect("claimed")
            await alex.send({"type": "close", "ticket": escalated["ticket"]})
            await alex.expect("closed")
            await lifter.close()
            await alex.close()
        run(scenario())

    def test_yes_to_the_bots_offer_opens_a_ticket(self):
        async def scenario():
            lifter = await user(self.server)
            await lifter.send({"type": "ask", "id": "1", "text": DEADLIFT})
            await lifter.expect("answer")
            await lifter.send({"type": "ask", "id": "2", "text": "yes please, connect me"})
            escalated = await lifter.expect("escalated")
            self.assertEqual(escalated["reply_to"], "2")
            await lifter.close()
        run(scenario())

    def test_asking_the_bot_for_a_person_opens_a_ticket(self):
        async def scenario():
            lifter = await user(self.server)
            await lifter.send({"type": "ask", "id": "1", "text": "can I talk to a real person please"})
            answer = await lifter.expect("answer")
            self.assertEqual(answer["topic"], "escalate.human")
            escalated = await lifter.expect("escalated")
            self.assertEqual(escalated["reply_to"], "1")
            await lifter.close()
        run(scenario())

    def test_a_coach_who_reconnects_gets_claimed_tickets_back(self):
        async def scenario():
            lifter = await user(self.server)
            await lifter.send({"type": "escalate", "id": "e"})
            ticket = (await lifter.expect("escalated"))["ticket"]
            sam = await coach(self.server, self.sam)
            await sam.send({"type": "claim", "ticket": ticket})
            await sam.expect("claimed")
            await sam.close()
            await lifter.send({"type": "ask", "id": "q", "text": "are you still there?"})
            await lifter.expect("relayed")
            sam = await coach(self.server, self.sam)
            self.assertIn(ticket, [t["ticket"] for t in sam.authed["claimed"]])
            await sam.send({"type": "claim", "ticket": ticket})  # the transcript again
            claimed = await sam.expect("claimed")
            self.assertEqual(claimed["transcript"][-1]["text"], "are you still there?")
            await sam.send({"type": "close", "ticket": ticket})
            await sam.expect("closed")
            await lifter.close()
            await sam.close()
        run(scenario())

    def test_one_coach_per_ticket(self):
        async def scenario():
            lifter = await user(self.server)
            await lifter.send({"type": "escalate", "id": "e"})
            ticket = (await lifter.expect("escalated"))["ticket"]
            sam = await coach(self.server, self.sam)
            alex = await coach(self.server, self.alex)
            await sam.send({"type": "claim", "ticket": ticket})
            await sam.expect("claimed")
            taken = await alex.expect("ticket_claimed")
            self.assertEqual(taken["coach"], "Sam")
            for message in ({"type": "claim", "ticket": ticket},
                            {"type": "say", "ticket": ticket, "text": "mine now"},
                            {"type": "close", "ticket": ticket}):
                await alex.send(message)
                self.assertEqual((await alex.expect("error"))["code"], "unauthorized")
            await sam.send({"type": "close", "ticket": ticket})
            await sam.expect("closed")
            for peer in (lifter, sam, alex):
                await peer.close()
        run(scenario())

    def test_bad_coach_input_gets_clear_errors_and_the_socket_stays(self):
        async def scenario():
            sam = await coach(self.server, self.sam)
            await sam.send({"type": "claim", "ticket": "t-nope"})
            self.assertEqual((await sam.expect("error"))["code"], "unknown_ticket")
            await sam.send({"type": "claim"})
            self.assertEqual((await sam.expect("error"))["code"], "bad_request")
            await sam.send({"type": "dance", "ticket": "x"})
            self.assertEqual((await sam.expect("error"))["code"], "bad_request")
            await sam.ws.send("not json")
            self.assertEqual((await sam.expect("error"))["code"], "bad_request")
            await sam.send({"type": "say", "ticket": "t-nope", "text": "x" * 4001})
            self.assertEqual((await sam.expect("error"))["code"], "too_large")
            lifter = await user(self.server)
            await lifter.send({"type": "escalate", "id": "e"})
            ticket = (await lifter.expect("escalated"))["ticket"]
            await sam.send({"type": "say", "ticket": ticket, "text": "not claimed yet"})
            self.assertEqual((await sam.expect("error"))["code"], "unauthorized")
            await sam.send({"type": "claim", "ticket": ticket})
            await sam.expect("claimed")
            await sam.send({"type": "say", "ticket": ticket, "text": "   "})
            self.assertEqual((await sam.expect("error"))["code"], "bad_request")
            await sam.send({"type": "close", "ticket": ticket})
            await sam.expect("closed")  # and the socket still works
            await sam.close()
            await lifter.close()
        run(scenario())

    def test_a_wrong_or_missing_token_is_refused_and_closed(self):
        async def refused(first_message):
            peer = await Peer.connect(self.server.coach_url())
            if isinstance(first_message, (bytes, str)):  # sent as it is
                await peer.ws.send(first_message)
            else:
                await peer.send(first_message)
            error = await peer.expect("error")
            with self.assertRaises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(peer.ws.recv(), 5)
            return error["code"], closed.exception.rcvd.code if closed.exception.rcvd else None

        async def scenario():
            self.assertEqual(await refused({"type": "auth", "token": "0" * 64}),
                             ("unauthorized", 1008))
            self.assertEqual(await refused({"type": "claim", "ticket": "t"}),
                             ("unauthorized", 1008))
            self.assertEqual(await refused({"type": "auth"}), ("unauthorized", 1008))
            self.assertEqual(await refused(b"\x00\x01 not text"), ("unauthorized", 1008))
            self.assertEqual(await refused("not json"), ("unauthorized", 1008))
        run(scenario())

    def test_failed_sign_ins_are_rate_limited(self):
        server = SpotterServer(BINARY).start()
        token = server.add_coach("Kim")
        try:
            async def attempt(token_to_try):
                peer = await Peer.connect(server.coach_url())
                await peer.send({"type": "auth", "token": token_to_try})
                frame = json.loads(await asyncio.wait_for(peer.ws.recv(), 5))
                await peer.close()
                return frame.get("code", frame["type"])

            async def scenario():
                codes = [await attempt("f" * 64) for _ in range(6)]
                self.assertEqual(codes[:5], ["unauthorized"] * 5)
                self.assertEqual(codes[5], "rate_limited")
                # Even the right token waits out the minute from this address.
                self.assertEqual(await attempt(token), "rate_limited")
            run(scenario())
        finally:
            server.stop()

    def test_users_cannot_reach_other_sessions(self):
        async def scenario():
            first = await user(self.server)
            await first.send({"type": "ask", "id": "1", "text": DEADLIFT})
            await first.expect("answer")
            # A made-up token is a new session, never someone else's.
            guess = await user(self.server, "0123456789abcdef0123456789abcdef")
            self.assertFalse(guess.welcome["resumed"])
            self.assertEqual(guess.welcome["history"], [])
            # A ticket id means nothing on the user's side.
            await guess.send({"type": "escalate", "id": "e", "ticket": "t-anything"})
            mine = await guess.expect("escalated")
            self.assertNotEqual(mine["ticket"], "t-anything")
            for peer in (first, guess):
                await peer.close()
        run(scenario())


class AccountsTest(unittest.TestCase):

    def test_add_list_remove_and_only_a_hash_is_stored(self):
        server = SpotterServer(BINARY)
        code, token, _ = server.coach("add", "Robin Lee")
        self.assertEqual(code, 0)
        token = token.strip()
        self.assertRegex(token, r"^[0-9a-f]{64}$")
        self.assertEqual(server.coach("add", "Robin Lee")[0], 1)  # taken
        self.assertEqual(server.coach("add", "<script>")[0], 2)
        code, listing, _ = server.coach("list")
        self.assertIn("Robin Lee", listing)
        with sqlite3.connect(server.db) as db:
            dump = "\n".join(db.iterdump())
        self.assertNotIn(token, dump)
        self.assertEqual(server.coach("remove", "Robin Lee")[0], 0)
        self.assertEqual(server.coach("remove", "Robin Lee")[0], 1)
        self.assertNotIn("Robin Lee", server.coach("list")[1])


class RestartTest(unittest.TestCase):

    def test_an_open_ticket_survives_a_restart(self):
        server = SpotterServer(BINARY).start()
        token = server.add_coach("Jo")
        try:
            async def escalate():
                lifter = await user(server)
                await lifter.send({"type": "ask", "id": "1", "text": DEADLIFT})
                await lifter.expect("answer")
                await lifter.send({"type": "escalate", "id": "e"})
                escalated = await lifter.expect("escalated")
                await lifter.close()
                return lifter.welcome["session"], escalated["ticket"]
            session, ticket = run(escalate())
            self.assertEqual(server.stop(), 0)
            server.start()

            async def after():
                jo = await coach(server, token)
                self.assertIn(ticket, [t["ticket"] for t in jo.authed["queue"]])
                await jo.send({"type": "claim", "ticket": ticket})
                claimed = await jo.expect("claimed")
                self.assertIn(DEADLIFT, [e["text"] for e in claimed["transcript"]])
                lifter = await user(server, session)
                self.assertEqual(lifter.welcome["escalation"]["status"], "with_coach")
                await jo.send({"type": "say", "ticket": ticket, "text": "back after a restart"})
                self.assertEqual((await lifter.expect("coach_message"))["text"],
                                 "back after a restart")
                await lifter.close()
                await jo.close()
            run(after())
        finally:
            server.stop()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
