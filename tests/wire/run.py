#!/usr/bin/env python3
"""Wire tests: framed transcripts and fault scenarios against a real tasklensd.

Usage: python3 tests/wire/run.py build/tasklensd [-k SUBSTRING] [-v]

Each transcript in tests/wire/transcripts/ runs over a Unix socket, TCP on loopback
(port 0) and stdio; after each one on a socket, a second client must still initialize.
The fault scenarios that need timing or many clients (faults 14-17, the socket file)
are the test_* functions below. Prints one line per test and ends with exactly
`N passed, M failed`; exits non-zero on any failure. Stdlib only; loopback only; every
wait is bounded.
"""

import json
import os
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRANSCRIPTS = os.path.join(HERE, "transcripts")
# make test SAN=1: ASan's redzones, shadow and quarantine inflate the daemon's RSS, so the
# memory bounds are not checked there (the same runs still are, for ASan/LSan reports), and
# a sanitized daemon is several times slower (its exit includes LSan's heap scan).
SANITIZED = os.environ.get("TASKLENS_SAN") == "1"
TIMEOUT = 10.0 * (3 if SANITIZED else 1)  # seconds for any single expected reply or close
VERBOSE = False


class Fail(Exception):
    pass


def frame(body, headers=b""):
    if isinstance(body, str):
        body = body.encode()
    return b"Content-Length: %d\r\n" % len(body) + headers + b"\r\n" + body


def request(id_, method, params=None):
    m = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        m["params"] = params
    return m


def notification(method, params=None):
    m = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        m["params"] = params
    return m


# ---- the daemon -------------------------------------------------------------------


class Daemon:
    """A tasklensd process on a temp Unix socket and TCP loopback port 0."""

    def __init__(self, binary, args=(), listen=True, stdio=False):
        self.dir = tempfile.mkdtemp(prefix="tlwire-")
        self.sock = os.path.join(self.dir, "d.sock")
        self.log = os.path.join(self.dir, "daemon.log")
        self.err_path = os.path.join(self.dir, "stderr")
        cmd = [binary, "--enable-test-methods", "--log-file", self.log, "--log-level", "debug"]
        if listen:
            cmd += ["--listen", "unix:" + self.sock, "--listen", "tcp:127.0.0.1:0"]
        if stdio:
            cmd += ["--stdio"]
        cmd += list(args)
        self.err = open(self.err_path, "wb")
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE if stdio else subprocess.DEVNULL,
            stdout=subprocess.PIPE if stdio else subprocess.DEVNULL,
            stderr=self.err,
        )
        self.port = None
        self.token = None
        if listen:
            self._wait_announcements()

    def _wait_announcements(self):
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            with open(self.err_path, "rb") as f:
                text = f.read().decode(errors="replace")
            for line in text.splitlines():
                if line.startswith("tasklensd: listening tcp:"):
                    self.port = int(line.rsplit(":", 1)[1])
                elif line.startswith("tasklensd: token "):
                    self.token = line.split()[2]
            if self.port and self.token and os.path.exists(self.sock):
                return
            if self.proc.poll() is not None:
                raise Fail("daemon exited early (%s): %s" % (self.proc.returncode, text))
            time.sleep(0.02)
        raise Fail("daemon did not announce its addresses")

    def alive(self):
        return self.proc.poll() is None

    def rss_kb(self, field="VmRSS"):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def connect(self, transport):
        if transport == "unix":
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(TIMEOUT)
            s.connect(self.sock)
        else:
            s = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
        return SocketConn(s, transport, self.token)

    def stop(self, sig=signal.SIGTERM, timeout=TIMEOUT):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Fail("daemon did not exit within %.0fs of signal %d" % (timeout, sig))

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdin:
            self.proc.stdin.close()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.err.close()
        if VERBOSE:
            try:
                sys.stdout.write(open(self.log).read()[-4000:])
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


# ---- connections -------------------------------------------------------------------


class Conn:
    """One client's byte stream with LSP framing on top."""

    def __init__(self, transport, token):
        self.transport = transport
        self.token = token
        self.buf = b""
        self.eof = False

    # Subclasses: _send(bytes), _recv(timeout) -> bytes (b"" at EOF), half_close(), reset().

    def send_bytes(self, data):
        try:
            self._send(data)
        except (BrokenPipeError, ConnectionResetError):
            self.eof = True  # the daemon already closed: a later `<<< close` checks it

    def send(self, message):
        self.send_bytes(frame(json.dumps(message)))

    def _fill(self, deadline):
        remaining = deadline - time.time()
        if remaining <= 0:
            raise Fail("timed out waiting for the daemon")
        try:
            chunk = self._recv(remaining)
        except ConnectionResetError:
            chunk = b""
        if chunk is None:
            return
        if not chunk:
            self.eof = True
        self.buf += chunk

    def read_message(self, timeout=TIMEOUT):
        """The next message, or None at EOF."""
        deadline = time.time() + timeout
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                length = None
                for line in self.buf[:end].split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    raise Fail("reply without Content-Length: %r" % self.buf[:200])
                if len(self.buf) >= end + 4 + length:
                    body = self.buf[end + 4:end + 4 + length]
                    self.buf = self.buf[end + 4 + length:]
                    return json.loads(body)
            if self.eof:
                if self.buf:
                    raise Fail("EOF inside a reply: %r" % self.buf[:200])
                return None
            self._fill(deadline)

    def expect(self, pattern, timeout=TIMEOUT):
        got = self.read_message(timeout)
        if got is None:
            raise Fail("expected %s, got EOF" % json.dumps(pattern))
        if not matches(pattern, got):
            raise Fail("expected %s\n          got %s" % (json.dumps(pattern), json.dumps(got)[:500]))
        return got

    def expect_close(self, timeout=TIMEOUT):
        got = self.read_message(timeout)
        if got is not None:
            raise Fail("expected the connection to close, got %s" % json.dumps(got)[:300])

    def initialize(self, id_=1, extra=None):
        params = dict(extra or {})
        if self.transport == "tcp":
            params.setdefault("token", self.token)
        self.send(request(id_, "initialize", params))
        return self.expect({"jsonrpc": "2.0", "id": id_, "result": {"serverInfo": {"name": "tasklensd"}}})


class SocketConn(Conn):
    def __init__(self, sock, transport, token):
        super().__init__(transport, token)
        self.sock = sock

    def _send(self, data):
        self.sock.sendall(data)

    def _recv(self, timeout):
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(1 << 20)
        except socket.timeout:
            return None

    def half_close(self):
        self.sock.shutdown(socket.SHUT_WR)

    def reset(self):
        # SO_LINGER 0: close() sends RST instead of FIN.
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        self.sock.close()
        self.eof = True

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class StdioConn(Conn):
    def __init__(self, daemon):
        super().__init__("stdio", None)
        self.daemon = daemon
        self.proc = daemon.proc

    def _send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def _recv(self, timeout):
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return None
        return os.read(fd, 1 << 20)

    def half_close(self):
        self.proc.stdin.close()

    def reset(self):
        self.half_close()

    def close(self):
        if not self.proc.stdin.closed:
            try:
                self.proc.stdin.close()
            except BrokenPipeError:
                pass


def matches(pattern, actual):
    """Subset match: every key of a pattern object must match; lists match item by item;
    "<any>" matches anything; scalars compare with their JSON type (1 is not "1" nor 1.0
    nor true)."""
    if pattern == "<any>":
        return True
    if isinstance(pattern, dict):
        return isinstance(actual, dict) and all(
            k in actual and matches(v, actual[k]) for k, v in pattern.items())
    if isinstance(pattern, list):
        return isinstance(actual, list) and len(pattern) == len(actual) and all(
            matches(p, a) for p, a in zip(pattern, actual))
    return type(pattern) is type(actual) and pattern == actual


# ---- transcripts ---------------------------------------------------------------------


class Section:
    def __init__(self, name):
        self.name = name
        self.steps = []  # (kind, arg, line_number)
        self.only = None


class Transcript:
    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.only = {"unix", "tcp", "stdio"}
        self.fresh = False
        self.token = True
        self.args = []
        self.sections = []
        current = None
        with open(path, encoding="utf-8") as f:
            for number, raw in enumerate(f, 1):
                line = raw.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                if line.startswith("@only "):
                    kinds = set(line.split()[1:])
                    if current is None:
                        self.only = kinds
                    else:
                        current.only = kinds
                elif line == "@fresh":
                    self.fresh = True
                elif line == "@no-token":
                    self.token = False
                elif line.startswith("@args "):
                    self.args += line.split()[1:]
                elif line.startswith("=== "):
                    current = Section(line[4:].strip())
                    self.sections.append(current)
                elif line.startswith(">>> ") or line.startswith("<<< "):
                    if current is None:
                        current = Section("main")
                        self.sections.append(current)
                    current.steps.append((line[:3], line[4:], number))
                else:
                    raise Fail("%s:%d: cannot read %r" % (path, number, line))


def eval_bytes(expr, conn):
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
    if conn.transport == "tcp" and conn.token:
        init["params"]["token"] = conn.token
    value = eval(expr, {"frame": frame, "INIT": json.dumps(init).encode()})
    return value.encode() if isinstance(value, str) else value


def with_token(text, conn, transcript):
    """On TCP, adds the token to an initialize's params. Edits the text rather than
    re-serializing it, so numbers such as 1e400 reach the daemon as written."""
    if conn.transport != "tcp" or not transcript.token:
        return text
    try:
        m = json.loads(text)
    except ValueError:
        return text
    if not (isinstance(m, dict) and m.get("method") == "initialize"
            and isinstance(m.get("params"), dict) and "token" not in m["params"]):
        return text
    token = '"token":%s' % json.dumps(conn.token)
    if not m["params"]:
        return text.replace('"params":{}', '"params":{%s}' % token, 1)
    return text.replace('"params":{', '"params":{%s,' % token, 1)


def run_section(section, conn, transcript, daemon):
    for kind, arg, number in section.steps:
        where = "%s:%d" % (os.path.basename(transcript.path), number)
        try:
            if kind == ">>>":
                if arg == "shutdown-write":
                    conn.half_close()
                elif arg == "reset":
                    conn.reset()
                elif arg.startswith("raw "):
                    conn.send_bytes(eval_bytes(arg[4:], conn))
                elif arg.startswith("body "):
                    conn.send_bytes(frame(eval_bytes(arg[5:], conn)))
                elif arg.startswith("sleep "):
                    time.sleep(float(arg[6:]))
                else:
                    conn.send_bytes(frame(with_token(arg, conn, transcript)))
            else:
                if arg == "close":
                    conn.expect_close()
                elif arg.startswith("exit "):
                    conn.expect_close()
                    code = daemon.proc.wait(TIMEOUT)
                    if code != int(arg[5:]):
                        raise Fail("daemon exited %d, expected %s" % (code, arg[5:]))
                else:
                    conn.expect(json.loads(arg))
        except Fail as e:
            raise Fail("%s [%s]: %s" % (where, section.name, e))
        except subprocess.TimeoutExpired:
            raise Fail("%s [%s]: the daemon did not exit" % (where, section.name))


def second_client_works(daemon, transport):
    if not daemon.alive():
        raise Fail("the daemon died (exit %s)" % daemon.proc.returncode)
    c = daemon.connect(transport)
    try:
        c.initialize(id_="second")
    finally:
        c.close()


def run_transcript(binary, transcript, transport, shared):
    own = transcript.fresh or transport == "stdio" or transcript.args
    daemon = None
    try:
        if transport == "stdio":
            pass
        elif own:
            daemon = Daemon(binary, transcript.args)
        else:
            daemon = shared
        for section in transcript.sections:
            if section.only and transport not in section.only:
                continue
            if transport == "stdio":
                daemon = Daemon(binary, transcript.args, listen=False, stdio=True)
                conn = StdioConn(daemon)
            else:
                conn = daemon.connect(transport)
            try:
                run_section(section, conn, transcript, daemon)
            finally:
                conn.close()
                if transport == "stdio":
                    try:
                        daemon.proc.wait(TIMEOUT)
                    except subprocess.TimeoutExpired:
                        raise Fail("stdio daemon did not exit after its stdin closed")
                    daemon.cleanup()
                    daemon = None
            if transport != "stdio" and daemon.alive():
                second_client_works(daemon, transport)
    finally:
        if daemon is not None and daemon is not shared:
            daemon.cleanup()


# ---- fault scenarios that are code, not transcripts -----------------------------------


def account(messages, session):
    """Events received and gaps announced, as (seqs, [(from, to, count)])."""
    seqs, gaps = [], []
    for m in messages:
        if m.get("method") == "session/event" and m["params"]["session"] == session:
            seqs += [e["seq"] for e in m["params"]["events"]]
        elif m.get("method") == "session/eventsDropped" and m["params"]["session"] == session:
            p = m["params"]
            gaps.append((p["fromSeq"], p["toSeq"], p["count"]))
    return seqs, gaps


def test_14_never_reading_client(binary):
    """Fault 14: a subscriber that never reads while 24 MB of events stream: the daemon's
    memory stays bounded, a reading subscriber gets every event, and the slow one gets
    exact gap notices once it reads. Events go out in rounds that the reading client
    drains before the next, so its queue stays under the bound however loaded the
    machine is; the slow client's does not."""
    rounds, per_round, size = 12, 500, 4096
    total = rounds * per_round
    d = Daemon(binary, ["--queue-soft-bytes", str(4 << 20)])
    try:
        slow = d.connect("unix")
        slow.initialize()
        slow.send(request(2, "test/subscribe", {"session": "s"}))
        slow.expect({"id": 2, "result": {}})
        slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        fast = d.connect("tcp")
        fast.initialize()
        fast.send(request(2, "test/subscribe", {"session": "s"}))
        fast.expect({"id": 2, "result": {}})
        driver = d.connect("unix")
        driver.initialize()
        baseline = d.rss_kb("VmRSS")
        got = []
        for r in range(rounds):
            driver.send(request(10 + r, "test/emit", {"session": "s", "count": per_round,
                                                      "payloadBytes": size}))
            last = driver.expect({"id": 10 + r, "result": {"lastSeq": (r + 1) * per_round}},
                                 timeout=60)["result"]["lastSeq"]
            while True:
                seqs, gaps = account(got, "s")
                if len(seqs) + sum(g[2] for g in gaps) >= last:
                    break
                m = fast.read_message(TIMEOUT)
                if m is None:
                    raise Fail("the reading client was disconnected")
                got.append(m)
        peak = d.rss_kb("VmHWM")
        seqs, gaps = account(got, "s")
        if seqs != list(range(1, total + 1)) or gaps:
            raise Fail("the reading client was affected: %d events, gaps %s" % (len(seqs), gaps[:3]))
        growth_mb = (peak - baseline) / 1024.0
        if growth_mb > 16 and not SANITIZED:  # unbounded buffering would be +23 MB
            raise Fail("daemon memory grew %.1f MB for %d MB of events" % (growth_mb, total * size >> 20))
        # Now the slow client reads: events and gaps must account for every seq, in order.
        slow.sock.settimeout(TIMEOUT)
        slow_msgs = []
        deadline = time.time() + 30
        while time.time() < deadline:
            m = slow.read_message(TIMEOUT)
            if m is None:
                raise Fail("the slow client was disconnected")
            slow_msgs.append(m)
            s_seqs, s_gaps = account(slow_msgs, "s")
            if len(s_seqs) + sum(g[2] for g in s_gaps) >= total:
                break
        s_seqs, s_gaps = account(slow_msgs, "s")
        if not s_gaps:
            raise Fail("the slow client got no gap notice")
        covered = list(s_seqs)
        for first, last, count in s_gaps:
            if count != last - first + 1:
                raise Fail("gap %s: count does not match its range" % ((first, last, count),))
            covered += range(first, last + 1)
        if sorted(covered) != list(range(1, total + 1)):
            raise Fail("events + gaps do not cover 1..%d exactly" % total)
        # Order: each gap notice comes right where its range would have been.
        order = []
        for m in slow_msgs:
            if m.get("method") == "session/event":
                order += [e["seq"] for e in m["params"]["events"]]
            elif m.get("method") == "session/eventsDropped":
                order += list(range(m["params"]["fromSeq"], m["params"]["toSeq"] + 1))
        if order != list(range(1, total + 1)):
            raise Fail("events and gap notices are out of order")
        second_client_works(d, "unix")
        return "rss +%.1f MB for %d MB streamed; slow client: %d events, %d dropped in %d gaps" % (
            growth_mb, total * size >> 20, len(s_seqs), sum(g[2] for g in s_gaps), len(s_gaps))
    finally:
        d.cleanup()


def test_14_hard_cap(binary):
    """A client over the hard cap (replies it does not read) past the grace period is
    disconnected; others are not."""
    d = Daemon(binary, ["--queue-soft-bytes", str(1 << 18), "--queue-hard-bytes", str(1 << 20),
                        "--queue-grace-ms", "300"])
    try:
        c = d.connect("unix")
        c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        c.initialize()
        c.send(request(2, "test/blob", {"bytes": 8 << 20}))
        time.sleep(1.5)
        other = d.connect("tcp")
        other.initialize()
        received = 0
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            chunk = c._recv(TIMEOUT)
            if not chunk:
                break
            received += len(chunk)
        if received >= 8 << 20:
            raise Fail("the whole reply arrived: the client was not disconnected")
        second_client_works(d, "unix")
        return "disconnected after %d of %d bytes" % (received, 8 << 20)
    finally:
        d.cleanup()


def test_15_disconnect_mid_write(binary):
    """Fault 15: clients that leave while a large reply or an event stream is being
    written: no SIGPIPE, the daemon goes on."""
    d = Daemon(binary)
    try:
        for i in range(20):
            c = d.connect("unix" if i % 2 else "tcp")
            c.initialize()
            if i % 4 < 2:
                c.send(request(2, "test/blob", {"bytes": 4 << 20}))
            else:
                c.send(request(2, "test/subscribe", {"session": "m%d" % i}))
                c.expect({"id": 2})
                c.send(request(3, "test/emit", {"session": "m%d" % i, "count": 20000,
                                                "payloadBytes": 512, "perTick": 2000}))
            time.sleep(0.02)
            if i % 3 == 0:
                c.reset()
            else:
                c.close()
        time.sleep(0.3)
        if not d.alive():
            raise Fail("the daemon died (exit %s)" % d.proc.returncode)
        second_client_works(d, "unix")
        second_client_works(d, "tcp")
        with open(d.log) as f:
            log = f.read()
        if "handle left open" in log:
            raise Fail("a handle was left open")
        return "20 clients left mid-write"
    finally:
        d.cleanup()


def test_16_many_clients(binary):
    """Fault 16: 200 clients at once, with 20 silent ones connected throughout."""
    d = Daemon(binary)
    try:
        silent = [d.connect("unix" if i % 2 else "tcp") for i in range(20)]
        clients = [d.connect("unix" if i % 2 else "tcp") for i in range(200)]
        start = time.time()
        for i, c in enumerate(clients):
            params = {"clientInfo": {"name": "c%d" % i}}
            if c.transport == "tcp":
                params["token"] = c.token
            c.send(request(i, "initialize", params))
        for i, c in enumerate(clients):
            c.expect({"id": i, "result": {"serverInfo": {"name": "tasklensd"}}})
        for i, c in enumerate(clients):
            c.send(request("x%d" % i, "no/such"))
        for i, c in enumerate(clients):
            c.expect({"id": "x%d" % i, "error": {"code": -32601}})
        elapsed = time.time() - start
        for c in clients:
            c.close()
        second_client_works(d, "tcp")
        for c in silent:
            c.close()
        return "200 clients served in %.2fs with 20 silent ones attached" % elapsed
    finally:
        d.cleanup()


def test_16_silent_client_timeout(binary):
    """Clients that connect and say nothing are closed after the initialize timeout."""
    d = Daemon(binary, ["--init-timeout-ms", "500"])
    try:
        c = d.connect("tcp")
        start = time.time()
        c.expect_close(timeout=5)
        waited = time.time() - start
        if waited < 0.4:
            raise Fail("closed after %.2fs, before the timeout" % waited)
        second_client_works(d, "unix")
        return "closed after %.2fs" % waited
    finally:
        d.cleanup()


def test_17_signals(binary):
    """Fault 17: SIGTERM and SIGINT with clients attached (one mid-request, one silent,
    one not reading): exit 0 within the flush deadline, socket file removed."""
    results = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        d = Daemon(binary)
        try:
            a = d.connect("unix")
            a.initialize()
            a.send(request(2, "test/sleep", {"ms": 30000}))
            d.connect("tcp")  # silent
            slow = d.connect("unix")
            slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            slow.initialize()
            slow.send(request(2, "test/blob", {"bytes": 8 << 20}))
            b = d.connect("tcp")
            b.initialize()
            time.sleep(0.2)
            start = time.time()
            code = d.stop(sig, timeout=10)
            took = time.time() - start
            if code != 0:
                raise Fail("exit code %d after signal %d" % (code, sig))
            if os.path.exists(d.sock):
                raise Fail("socket file left behind")
            b.expect_close()
            with open(d.log) as f:
                if "handle left open" in f.read():
                    raise Fail("a handle was left open at exit")
            results.append("%s: exit 0 in %.2fs" % (signal.Signals(sig).name, took))
        finally:
            d.cleanup()
    return ", ".join(results)


def test_socket_file(binary):
    """The socket is mode 0600; a stale file is replaced; a live daemon is not."""
    d = Daemon(binary)
    try:
        mode = stat.S_IMODE(os.stat(d.sock).st_mode)
        if mode != 0o600:
            raise Fail("socket mode %o" % mode)
        second = subprocess.run([binary, "--listen", "unix:" + d.sock], capture_output=True,
                                timeout=TIMEOUT)
        if second.returncode == 0 or b"another daemon answers" not in second.stderr:
            raise Fail("a second daemon on the same socket: exit %d, %r" % (
                second.returncode, second.stderr[-300:]))
        second_client_works(d, "unix")
    finally:
        d.cleanup()
    # A stale socket: bound, never listened on, left behind.
    tmp = tempfile.mkdtemp(prefix="tlwire-")
    try:
        path = os.path.join(tmp, "stale.sock")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        s.close()
        proc = subprocess.Popen([binary, "--listen", "unix:" + path, "--log-level", "off"],
                                stderr=subprocess.PIPE)
        try:
            line = proc.stderr.readline()
            if not line.startswith(b"tasklensd: listening unix:"):
                raise Fail("did not start over a stale socket: %r" % line)
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.settimeout(TIMEOUT)
            c.connect(path)
            conn = SocketConn(c, "unix", None)
            conn.initialize()
            conn.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(TIMEOUT)
            proc.stderr.close()
        # A regular file in the way is not removed.
        with open(path, "w") as f:
            f.write("precious")
        r = subprocess.run([binary, "--listen", "unix:" + path], capture_output=True, timeout=TIMEOUT)
        if r.returncode == 0 or open(path).read() != "precious":
            raise Fail("a regular file at the socket path was touched")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return "mode 0600, stale replaced, live daemon and regular file refused"


def test_stdio_exit_codes(binary):
    """stdio: EOF without shutdown exits 1; shutdown then EOF exits 0; logs never reach
    stdout."""
    out = []
    for with_shutdown, expected in ((False, 1), (True, 0)):
        d = Daemon(binary, listen=False, stdio=True)
        try:
            c = StdioConn(d)
            c.initialize()
            if with_shutdown:
                c.send(request(2, "shutdown"))
                c.expect({"id": 2, "result": None})
            c.half_close()
            c.expect_close()
            code = d.proc.wait(TIMEOUT)
            if code != expected:
                raise Fail("exit %d, expected %d" % (code, expected))
            out.append("EOF %s shutdown: %d" % ("after" if with_shutdown else "without", code))
        finally:
            d.cleanup()
    return ", ".join(out)


CODE_TESTS = [
    test_14_never_reading_client,
    test_14_hard_cap,
    test_15_disconnect_mid_write,
    test_16_many_clients,
    test_16_silent_client_timeout,
    test_17_signals,
    test_socket_file,
    test_stdio_exit_codes,
]


def main():
    global VERBOSE
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    binary = os.path.abspath(args[0])
    pattern = None
    if "-k" in args:
        pattern = args[args.index("-k") + 1]
    VERBOSE = "-v" in args
    if not os.access(binary, os.X_OK):
        print("no daemon binary at %s" % binary)
        print("0 passed, 1 failed")
        return 1

    passed = failed = 0

    def report(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print("%s %s%s" % ("PASS" if ok else "FAIL", name, (": " + detail) if detail else ""))
        sys.stdout.flush()

    shared = Daemon(binary)
    try:
        for fname in sorted(os.listdir(TRANSCRIPTS)):
            if not fname.endswith(".txt"):
                continue
            transcript = Transcript(os.path.join(TRANSCRIPTS, fname))
            for transport in ("unix", "tcp", "stdio"):
                if transport not in transcript.only:
                    continue
                name = "%s [%s]" % (transcript.name, transport)
                if pattern and pattern not in name:
                    continue
                try:
                    run_transcript(binary, transcript, transport, shared)
                    report(name, True)
                except Fail as e:
                    report(name, False, str(e))
                if not shared.alive():
                    report("shared daemon alive after " + name, False,
                           "exit %s" % shared.proc.returncode)
                    shared.cleanup()
                    shared = Daemon(binary)
        for test in CODE_TESTS:
            if pattern and pattern not in test.__name__:
                continue
            try:
                report(test.__name__, True, test(binary) or "")
            except Fail as e:
                report(test.__name__, False, str(e))
            except Exception as e:  # noqa: BLE001 - a crash of the driver is a failure too
                report(test.__name__, False, "%s: %s" % (type(e).__name__, e))
    finally:
        shared.cleanup()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
