"""End-to-end tests of `spotter serve`: a real server on a free port, a
temporary database, and real WebSocket clients (Debian's python3-websockets,
plus hand-made frames for the protocol group).

Usage: /usr/bin/python3 tests/e2e/server_test.py PATH/TO/spotter
"""

import asyncio
import json
import os
import re
import signal
import sys
import time
import unittest
import urllib.request

import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spotter_server import RawSocket, SpotterServer, wait_until  # noqa: E402

BINARY = None


def run(coroutine):
    return asyncio.run(coroutine)


async def exchange(url, messages, hello=True, session=None):
    """Sends `messages` in order, one reply each (the welcome first if
    `hello`); returns the parsed replies."""
    replies = []
    async with websockets.connect(url, max_size=2**20) as ws:
        if hello:
            await ws.send(json.dumps({"type": "hello", **({"session": session} if session else {})}))
            replies.append(json.loads(await ws.recv()))
        for message in messages:
            await ws.send(message if isinstance(message, (str, bytes)) else json.dumps(message))
            replies.append(json.loads(await asyncio.wait_for(ws.recv(), 5)))
    return replies


class SharedServerTest(unittest.TestCase):
    """Tests that share one server, started once for the class."""

    @classmethod
    def setUpClass(cls):
        cls.server = SpotterServer(BINARY).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


class ChatTest(SharedServerTest):

    def test_hello_gives_a_fresh_unguessable_session(self):
        (welcome,) = run(exchange(self.server.ws_url(), []))
        self.assertEqual(welcome["type"], "welcome")
        self.assertRegex(welcome["session"], r"^[0-9a-f]{32}$")
        self.assertFalse(welcome["resumed"])
        self.assertEqual(welcome["history"], [])

    def test_ask_gets_an_answer_object_with_reply_to(self):
        _, answer = run(exchange(self.server.ws_url(), [
            {"type": "ask", "id": "c1", "text": "my lower back is sore after heavy deadlifts"}]))
        self.assertEqual(answer["type"], "answer")
        self.assertEqual(answer["reply_to"], "c1")
        self.assertEqual(answer["topic"], "back.soreness.deadlift")
        for field in ("confidence", "summary", "advice", "hedges", "safety", "referral",
                      "follow_up", "sources"):
            self.assertIn(field, answer)
        self.assertTrue(answer["hedges"])
        self.assertEqual(answer["referral"]["to"], "coach")

    def test_the_log_names_sessions_by_a_hash_never_by_their_token(self):
        welcome, _ = run(exchange(self.server.ws_url(), [
            {"type": "ask", "id": "c1", "text": "my knee hurts when I squat"}]))
        self.assertTrue(wait_until(lambda: '"topic":"knee' in self.server.log()))
        self.assertNotIn(welcome["session"], self.server.log())
        self.assertNotIn("knee hurts", self.server.log())  # no text without --log-text

    def test_follow_up_stays_on_topic_as_the_cli_does(self):
        _, first, second = run(exchange(self.server.ws_url(), [
            {"type": "ask", "id": "1", "text": "every pull session leaves my lumbar sore"},
            {"type": "ask", "id": "2", "text": "hypertrophy"}]))
        self.assertIsNotNone(first["follow_up"])
        self.assertEqual(second["topic"], first["topic"])
        self.assertIsNone(second["follow_up"])

    def test_red_flag_is_urgent_with_medical_referral(self):
        _, answer = run(exchange(self.server.ws_url(), [
            {"type": "ask", "id": "u", "text": "numb groin after deadlifts"}]))
        self.assertEqual(answer["safety"]["level"], "urgent")
        self.assertEqual(answer["referral"]["to"], "medical")

    def test_ask_without_hello_opens_a_session(self):
        replies = run(self._ask_without_hello())
        self.assertEqual(replies[0]["type"], "welcome")
        self.assertEqual(replies[1]["type"], "answer")

    async def _ask_without_hello(self):
        async with websockets.connect(self.server.ws_url()) as ws:
            await ws.send(json.dumps({"type": "ask", "id": "a", "text": "hello there"}))
            return [json.loads(await ws.recv()), json.loads(await ws.recv())]

    def test_known_token_resumes_with_history_from_another_connection(self):
        welcome, _ = run(exchange(self.server.ws_url(), [
            {"type": "ask", "id": "1", "text": "my forearm hurts on chin-ups"}]))
        (again,) = run(exchange(self.server.ws_url(), [], session=welcome["session"]))
        self.assertTrue(again["resumed"])
        self.assertEqual(again["session"], welcome["session"])
        self.assertEqual([h["role"] for h in again["history"]], ["user", "bot"])
        self.assertEqual(again["history"][1]["answer"]["topic"], "forearm.pain.pullup")

    def test_unknown_token_starts_a_new_session_and_says_so(self):
        (welcome,) = run(exchange(self.server.ws_url(), [], session="f" * 32))
        self.assertFalse(welcome["resumed"])
        self.assertNotEqual(welcome["session"], "f" * 32)
        self.assertIn("unknown session", welcome["notice"])
        (junk,) = run(exchange(self.server.ws_url(), [], session="'; DROP TABLE sessions; --"))
        self.assertFalse(junk["resumed"])

    def test_bad_input_gets_errors_and_the_socket_keeps_working(self):
        replies = run(exchange(self.server.ws_url(), [
            "this is not json",
            "[1, 2, 3]",
            "42",
            {"type": "dance"},
            {"type": "ask", "id": "m"},
            {"type": "ask", "id": "big", "text": "a" * 4001},
            '{"type": "ask", "id": "s", "text": "\\udc00"}',
            b"\x00\x01\x02",
            {"type": "ask", "id": "ok", "text": "my knee hurts when I squat"},
        ]))
        errors = replies[1:-1]
        self.assertEqual([e["type"] for e in errors], ["error"] * 8)
        self.assertEqual([e["code"] for e in errors],
                         ["bad_request"] * 5 + ["too_large", "bad_request", "bad_request"])
        self.assertEqual(errors[4]["reply_to"], "m")
        self.assertEqual(errors[5]["reply_to"], "big")
        self.assertEqual(replies[-1]["type"], "answer")
        self.assertEqual(replies[-1]["reply_to"], "ok")

    def test_more_than_twenty_messages_a_second_are_rate_limited(self):
        async def burst():
            async with websockets.connect(self.server.ws_url()) as ws:
                for i in range(40):
                    await ws.send(json.dumps({"type": "ask", "id": str(i), "text": "hi"}))
                return [json.loads(await ws.recv()) for _ in range(41)]  # + welcome
        replies = run(burst())
        codes = [r.get("code") for r in replies if r["type"] == "error"]
        self.assertIn("rate_limited", codes)
        self.assertGreaterEqual(sum(r["type"] == "answer" for r in replies), 15)

    def test_frames_over_64_kib_are_closed_with_1009(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x1, b'{"type":"ask","text":"' + b"a" * 70000 + b'"}')
        self.assertEqual(raw.read_until_close(), 1009)
        raw.close()
        (welcome,) = run(exchange(self.server.ws_url(), []))  # the server lives on
        self.assertEqual(welcome["type"], "welcome")

    def test_health_metrics_demo_and_404(self):
        self.assertEqual(self.server.get("/healthz"), (200, "ok\n"))
        run(exchange(self.server.ws_url(), [{"type": "ask", "id": "1", "text": "hi"}]))
        status, metrics = self.server.get("/metrics")
        self.assertEqual(status, 200)
        for name in ("spotter_connections_open", "spotter_messages_total{type=\"ask\"}",
                     "spotter_answers_total{topic=", "spotter_answer_seconds_bucket",
                     "spotter_rules_version 1", "spotter_errors_total"):
            self.assertIn(name, metrics)
        status, page = self.server.get("/")
        self.assertEqual(status, 200)
        self.assertIn('<script src="/widget.js"', page)  # embedded as sites do
        status, widget = self.server.get("/widget.js")
        self.assertEqual(status, 200)
        self.assertGreater(len(widget), 1000)
        status, console = self.server.get("/coach")
        self.assertEqual(status, 200)
        self.assertIn("<html", console)
        status, source = self.server.get("/source/deadlift-soreness%23why")
        self.assertEqual(status, 200)
        self.assertIn("<h1>", source)
        status, source = self.server.get("/source/deadlift-soreness%23why?format=json")
        self.assertEqual(json.loads(source)["id"], "deadlift-soreness#why")
        self.assertEqual(self.server.get("/source/no-such%23passage")[0], 404)
        self.assertEqual(self.server.get("/nope")[0], 404)
        self.assertEqual(self.server.get("/ws")[0], 404)  # not an upgrade
        self.assertEqual(self.server.get("/healthz", method="POST")[0], 405)


class ProtocolTest(SharedServerTest):
    """In the spirit of the Autobahn suite: raw frames, and the server lives on."""

    def tearDown(self):
        (welcome,) = run(exchange(self.server.ws_url(), []))
        self.assertEqual(welcome["type"], "welcome", "the server must live on")

    def test_fragmented_message_with_interleaved_ping(self):
        raw = RawSocket(self.server.port)
        message = json.dumps({"type": "ask", "id": "f", "text": "my knee hurts on squats"}).encode()
        raw.send_frame(0x1, message[:10], fin=False)
        raw.send_frame(0x9, b"ping!")  # a control frame between fragments
        raw.send_frame(0x0, message[10:20], fin=False)
        raw.send_frame(0x0, message[20:], fin=True)
        opcodes = []
        while True:
            opcode, payload = raw.read_frame()
            opcodes.append(opcode)
            if opcode == 0x1:
                reply = json.loads(payload)
                if reply["type"] == "answer":
                    break
        self.assertIn(0xA, opcodes)  # the pong
        self.assertEqual(reply["reply_to"], "f")
        raw.close()

    def test_control_frame_over_125_bytes_closes_with_1002(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x9, b"x" * 126)
        self.assertEqual(raw.read_until_close(), 1002)

    def test_reserved_bits_close_with_1002(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x1, b'{"type":"hello"}', rsv=0b100)
        self.assertEqual(raw.read_until_close(), 1002)

    def test_unknown_opcode_closes_with_1002(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x3, b"?")
        self.assertEqual(raw.read_until_close(), 1002)

    def test_unmasked_client_frame_closes_with_1002(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x1, b'{"type":"hello"}', masked=False)
        self.assertEqual(raw.read_until_close(), 1002)

    def test_invalid_utf8_text_closes_with_1007(self):
        raw = RawSocket(self.server.port)
        raw.send_frame(0x1, b'{"type":"ask","text":"\xff\xfe"}')
        self.assertEqual(raw.read_until_close(), 1007)


class LifecycleTest(unittest.TestCase):
    def test_resume_after_a_restart(self):
        server = SpotterServer(BINARY).start()
        welcome, _ = run(exchange(server.ws_url(), [
            {"type": "ask", "id": "1", "text": "my lower back is sore after deadlifts"}]))
        self.assertEqual(server.stop(), 0)
        server.start()
        try:
            (again,) = run(exchange(server.ws_url(), [], session=welcome["session"]))
            self.assertTrue(again["resumed"])
            self.assertEqual(len(again["history"]), 2)
            # The dialogue state survived too: the goal question is still open.
            (_, answer) = run(exchange(server.ws_url(), [
                {"type": "ask", "id": "2", "text": "hypertrophy"}], session=welcome["session"]))
            self.assertEqual(answer["topic"], "back.soreness.deadlift")
        finally:
            server.stop()

    def test_reload_keeps_old_rules_on_a_broken_file_and_takes_a_good_one(self):
        server = SpotterServer(BINARY).start()
        try:
            broken = os.path.join(server.rules, "zz_broken.json")
            with open(broken, "w") as f:
                f.write('{\n  "rules": [\n    {"id": "x", "topic": "nope",\n')
            status, body = server.get("/admin/reload", method="POST")
            self.assertEqual(status, 422)
            self.assertRegex(body, r"zz_broken\.json:\d+: ")
            _, answer = run(exchange(server.ws_url(), [
                {"type": "ask", "id": "1", "text": "my knee hurts when I squat"}]))
            self.assertEqual(answer["topic"], "knee.pain")  # old rules still answer
            status, metrics = server.get("/metrics")
            self.assertIn("spotter_rules_reload_failures_total 1", metrics)
            os.remove(broken)
            status, body = server.get("/admin/reload", method="POST")
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)["version"], 2)
            server.process.send_signal(signal.SIGHUP)
            self.assertTrue(wait_until(
                lambda: "spotter_rules_version 3" in server.get("/metrics")[1]))
        finally:
            server.stop()

    def test_sigterm_drains_closes_sockets_and_exits_zero(self):
        server = SpotterServer(BINARY).start()

        async def hold_and_watch():
            async with websockets.connect(server.ws_url()) as ws:
                await ws.send(json.dumps({"type": "hello"}))
                await ws.recv()
                server.process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(ws.recv(), 10)
                except websockets.ConnectionClosed as closed:
                    return closed.code
        self.assertEqual(run(hold_and_watch()), 1001)
        self.assertEqual(server.process.wait(timeout=10), 0)
        server.release()
        self.assertIn('"what":"stopped"', server.log())

    def test_a_silent_half_open_client_is_timed_out(self):
        server = SpotterServer(BINARY, ["--idle-timeout", "1"]).start()
        try:
            raw = RawSocket(server.port)  # never answers the server's pings
            started = time.time()
            raw.read_until_close()
            self.assertLess(time.time() - started, 5)
            self.assertTrue(wait_until(
                lambda: "spotter_connections_open 0" in server.get("/metrics")[1]))
        finally:
            server.stop()

    def test_a_client_that_never_reads_is_closed_and_others_go_on(self):
        server = SpotterServer(BINARY, ["--max-messages-per-second", "100000"]).start()
        try:
            raw = RawSocket(server.port, receive_buffer=4096)
            ask = json.dumps({"type": "ask", "text": "my lower back is sore after deadlifts"})
            closed = False
            for _ in range(20000):  # replies pile up: the server must give up on us
                try:
                    raw.send_frame(0x1, ask.encode())
                except OSError:
                    closed = True
                    break
            raw.sock.close()
            self.assertTrue(closed or wait_until(
                lambda: "spotter_connections_open 0" in server.get("/metrics")[1], 10))
            self.assertTrue(wait_until(
                lambda: "spotter_connections_open 0" in server.get("/metrics")[1], 10))
            (welcome,) = run(exchange(server.ws_url(), []))
            self.assertEqual(welcome["type"], "welcome")
        finally:
            server.stop()

    def test_connections_over_the_limit_get_503(self):
        server = SpotterServer(BINARY, ["--max-connections", "2"]).start()

        async def three():
            async with websockets.connect(server.ws_url()) as a, \
                       websockets.connect(server.ws_url()) as b:
                await a.send(json.dumps({"type": "hello"}))
                await a.recv()
                await b.send(json.dumps({"type": "hello"}))
                await b.recv()
                try:
                    async with websockets.connect(server.ws_url()):
                        return None
                except websockets.InvalidStatusCode as refused:
                    return refused.status_code
        try:
            self.assertEqual(run(three()), 503)
        finally:
            server.stop()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
