"""Starts and stops a real `spotter serve` for end-to-end tests, and speaks
raw WebSocket frames where a well-behaved client library would refuse to."""

import base64
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class SpotterServer:
    """A `spotter serve` on a free port, with its own database and a copy of
    the rules (so tests can break them), stopped with SIGTERM."""

    def __init__(self, binary, extra_args=(), db_dir=None):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.dir = db_dir or tempfile.mkdtemp(prefix="spotter-e2e-")
        self.rules = os.path.join(self.dir, "rules")
        if not os.path.isdir(self.rules):
            shutil.copytree(os.path.join(REPO, "rules"), self.rules)
        self.db = os.path.join(self.dir, "spotter.db")
        self.process = None
        self.port = None

    def start(self):
        self.stderr = open(os.path.join(self.dir, "stderr.log"), "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", "0", "--db", self.db,
             "--rules", self.rules, "--corpus", os.path.join(REPO, "corpus")] + self.extra_args,
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not match:
            raise RuntimeError("server did not start: " + line)
        self.port = int(match.group(1))
        return self

    def stop(self, timeout=10):
        """SIGTERM and wait; returns the exit code."""
        if self.process is None:
            return None
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        self.release()
        return code

    def release(self):
        """Forgets a process that has exited."""
        self.process.stdout.close()
        self.process = None
        self.stderr.close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}/ws"

    def coach_url(self):
        return f"ws://127.0.0.1:{self.port}/coach"

    def coach(self, *args):
        """Runs `spotter coach ARGS` on this server's database:
        (exit code, stdout, stderr)."""
        done = subprocess.run([self.binary, "coach", *args, "--db", self.db],
                              capture_output=True, text=True, timeout=30)
        return done.returncode, done.stdout, done.stderr

    def add_coach(self, name):
        """A new coach account; returns its token."""
        code, out, err = self.coach("add", name)
        if code != 0:
            raise RuntimeError(err)
        return out.strip()

    def get(self, path, method="GET", headers=None):
        """(status, body) of an HTTP request."""
        request = urllib.request.Request(self.url(path), method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log(self):
        with open(os.path.join(self.dir, "stderr.log"), "rb") as f:
            return f.read().decode(errors="replace")


class RawSocket:
    """A WebSocket connection made by hand: after the upgrade, frames are
    written byte by byte, masked or not, valid or not."""

    def __init__(self, port, receive_buffer=None):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer:  # before connecting, so the window stays small
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.settimeout(5)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
             f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
             "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("connection closed during the handshake")
            response += chunk
        head, _, self.pending = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("upgrade refused: " + head.decode(errors="replace"))

    def send_frame(self, opcode, payload, fin=True, rsv=0, masked=True):
        first = (0x80 if fin else 0) | (rsv << 4) | opcode
        length = len(payload)
        mask_bit = 0x80 if masked else 0
        if length < 126:
            header = struct.pack("!BB", first, mask_bit | length)
        elif length < 65536:
            header = struct.pack("!BBH", first, mask_bit | 126, length)
        else:
            header = struct.pack("!BBQ", first, mask_bit | 127, length)
        if masked:
            mask = os.urandom(4)
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            header += mask
        self.sock.sendall(header + payload)

    def _read(self, n):
        while len(self.pending) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.pending += chunk
        out, self.pending = self.pending[:n], self.pending[n:]
        return out

    def read_frame(self):
        """(opcode, payload) of the next frame from the server."""
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._read(8))
        return first & 0x0F, self._read(length)

    def read_until_close(self):
        """The close code the server sends (None if the socket just ends);
        the socket is closed afterwards."""
        try:
            while True:
                opcode, payload = self.read_frame()
                if opcode == 0x8:
                    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
        except (ConnectionError, socket.timeout, OSError):
            return None
        finally:
            self.sock.close()

    def close(self):
        self.sock.close()


def wait_until(predicate, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
