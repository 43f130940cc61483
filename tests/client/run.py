#!/usr/bin/env python3
"""The client suite: `tasklens` (build/tasklens) against a real daemon — spawned over stdio,
over a Unix socket and over TCP with a token — checking every command's output and exit
status, the jsonl view against `tasklensd run` and CPython's reference traces, the pretty
view against reviewed goldens (tests/client/golden/), replay, and `top` driven in tmux.

Usage: run.py BUILD_DIR [--update-goldens]   (goldens are then to be reviewed by hand)
Ends with `N passed, M failed`; exit 1 if anything failed.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "conformance"))
import compare  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
UPDATE = "--update-goldens" in sys.argv
TL = os.path.join(ROOT, BUILD, "tasklens")
TLD = os.path.join(ROOT, BUILD, "tasklensd")
GOLDEN = os.path.join(ROOT, "tests", "client", "golden")
EXAMPLES = os.path.join(ROOT, "examples")
TRACE_EXAMPLES = "/work/shared/trace-examples"
RESULTS = {"passed": 0, "failed": 0}
ENV = dict(os.environ, TASKLENSD=TLD)
ENV.pop("NO_COLOR", None)


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + name + ("" if ok or not detail else "\n     " + str(detail)[:2000]))


def tl(*args, env=None, stdin=None, timeout=60):
    return subprocess.run([TL, *args], cwd=ROOT, env=env or ENV, capture_output=True, text=True,
                          stdin=stdin if stdin is not None else subprocess.DEVNULL, timeout=timeout)


class Daemon:
    """tasklensd serving a temp Unix socket and TCP (port 0) with a token file."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tl-client-")
        self.sock = os.path.join(self.dir, "d.sock")
        self.token_file = os.path.join(self.dir, "token")
        self.proc = subprocess.Popen([TLD, "--listen", "unix:" + self.sock, "--listen", "tcp:127.0.0.1:0",
                                      "--token-file", self.token_file, "--log-level", "error"],
                                     stderr=subprocess.PIPE, text=True)
        self.tcp = None
        deadline = time.time() + 10
        while time.time() < deadline and (self.tcp is None or not os.path.exists(self.sock)):
            line = self.proc.stderr.readline()
            m = re.search(r"listening tcp:(\S+)", line)
            if m:
                self.tcp = m.group(1)
        self.unix = "unix:" + self.sock

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class RawClient:
    """A minimal protocol client for setting up sessions the commands then act on."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.connect(path)
        self.s.settimeout(10)
        self.buf = b""
        self.id = 0
        self.request("initialize", {})

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.s.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.s.recv(65536)
        head, rest = self.buf.split(b"\r\n\r\n", 1)
        n = int(re.search(rb"Content-Length: (\d+)", head).group(1))
        while len(rest) < n:
            rest += self.s.recv(65536)
        self.buf = rest[n:]
        return json.loads(rest[:n])

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == self.id:
                return m


def test_help_and_usage():
    for cmd in ["run", "attach", "ps", "tasks", "cancel", "uncancel", "pause", "resume", "step", "replay", "diff",
                "top", "export"]:
        r = tl(cmd, "--help")
        check(f"{cmd} --help exits 0 and prints usage", r.returncode == 0 and "sage" in r.stdout, r.stdout + r.stderr)
    r = tl("--help")
    check("tasklens --help lists every command", r.returncode == 0 and all(
        c in r.stdout for c in ["run", "attach", "ps", "tasks", "replay", "diff", "top"]), r.stdout)
    r = tl("frobnicate")
    check("unknown command: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)
    r = tl("run")
    check("run without FILE: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)
    r = tl("run", "--python", "2.7", "examples/shield.py")
    check("run --python 2.7: status 2", r.returncode == 2, r.stderr)
    r = tl("run", "no/such/file.py")
    check("run of a missing file: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)
    r = tl("ps", "--connect", "unix:/nonexistent/sock")
    check("ps with no daemon: status 2, one line naming the socket",
          r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "/nonexistent/sock" in r.stderr, r.stderr)


def test_exit_statuses(tmp):
    bad = os.path.join(tmp, "raises.py")
    open(bad, "w").write("import asyncio\n\nasync def main():\n    raise ValueError('x')\n")
    r = tl("run", "--format", "jsonl", bad)
    check("a scenario whose main raises: status 1", r.returncode == 1 and '"exit"' in r.stdout, r.stderr)
    syntax = os.path.join(tmp, "syntax.py")
    open(syntax, "w").write("import asyncio\n\nasync def main(:\n    pass\n")
    r = tl("run", "--format", "jsonl", syntax)
    check("a scenario that does not compile: status 2, no trace", r.returncode == 2 and r.stdout == "", r.stdout + r.stderr)


def test_jsonl_spawned():
    names = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".py"))
    for name in names:
        path = os.path.join("examples", name)
        for v in ["3.11", "3.13"]:
            r = tl("run", "--python", v, "--format", "jsonl", path)
            d = subprocess.run([TLD, "run", "--python", v, "--format", "jsonl", path], cwd=ROOT, capture_output=True,
                               text=True)
            check(f"jsonl of {name} ({v}, spawned daemon) is byte for byte `tasklensd run`'s",
                  r.stdout == d.stdout and r.stdout.count("\n") > 3, diff_lines(d.stdout, r.stdout))


def diff_lines(a, b):
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}:\n  want {x}\n  got  {y}"
    return f"lengths {len(a.splitlines())} vs {len(b.splitlines())}"


def test_jsonl_vs_cpython():
    # The expected traces are CPython's own (shared/trace-examples, by the reference tracer).
    for f in sorted(os.listdir(TRACE_EXAMPLES)):
        m = re.match(r"(.*)\.(3\.1\d)\.jsonl$", f)
        if not m:
            continue
        scenario = os.path.join(TRACE_EXAMPLES, m.group(1) + ".py")
        r = tl("run", "--python", m.group(2), "--format", "jsonl", scenario)
        expected = compare.load_trace(os.path.join(TRACE_EXAMPLES, f))
        actual = compare.parse_trace(r.stdout)
        problem = compare.first_difference(expected, actual)
        check(f"tasklens run --format jsonl {m.group(1)} under {m.group(2)} equals CPython's trace", not problem, problem)


def test_transports(d):
    ref = subprocess.run([TLD, "run", "--format", "jsonl", "examples/taskgroup_abort.py"], cwd=ROOT,
                         capture_output=True, text=True).stdout
    r = tl("run", "--connect", d.unix, "--format", "jsonl", "examples/taskgroup_abort.py")
    check("run over a Unix socket: same jsonl, status 0", r.returncode == 0 and r.stdout == ref, diff_lines(ref, r.stdout) + r.stderr)
    r = tl("run", "--connect", "tcp:" + d.tcp, "--token-file", d.token_file, "--format", "jsonl",
           "examples/taskgroup_abort.py")
    check("run over TCP with the token: same jsonl", r.returncode == 0 and r.stdout == ref, r.stderr)
    r = tl("run", "--connect", "tcp:" + d.tcp, "--token", "wrong", "--format", "jsonl", "examples/shield.py")
    check("run over TCP with a wrong token: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1,
          r.stderr)


def test_session_commands(d):
    c = RawClient(d.sock)
    # Stops at a breakpoint just after Task-2 entered Timeout-1.
    started = c.request("session/start", {"path": os.path.join(EXAMPLES, "timeout_outer_cancel.py"),
                                          "name": "examples/timeout_outer_cancel.py", "python": "3.13",
                                          "breakpoints": [{"event": "timeout_enter"}]})
    sid = started["result"]["session"]
    for _ in range(50):
        r = tl("ps", "--connect", d.unix)
        if re.search(rf"^{sid}\s+paused", r.stdout, re.M):
            break
        time.sleep(0.1)
    check("ps lists the session stopped at its breakpoint",
          r.returncode == 0 and re.search(rf"^{sid}\s+paused\s+3\.13", r.stdout, re.M), r.stdout + r.stderr)
    r = tl("tasks", "--connect", d.unix, sid)
    check("tasks shows Task-2 in Timeout-1", r.returncode == 0 and re.search(r"^Task-2\s+job\s+\d+", r.stdout, re.M)
          and "Timeout-1" in r.stdout, r.stdout + r.stderr)
    r = tl("tasks", "--connect", d.unix, "--tree", sid)
    check("tasks --tree nests Task-2 under Task-1 and its scope",
          r.returncode == 0 and re.search(r"^Task-1 main\(\)", r.stdout, re.M) and re.search(r"^\s+Task-2 job\(\)", r.stdout, re.M)
          and "└ Timeout-1" in r.stdout, r.stdout + r.stderr)
    r = tl("cancel", "--connect", d.unix, "--msg", "from the inspector", sid, "Task-2")
    check("cancel prints cancel()'s result and counters", r.returncode == 0 and "returned True" in r.stdout
          and "cancelling=1" in r.stdout, r.stdout + r.stderr)
    r = tl("uncancel", "--connect", d.unix, sid, "Task-2")
    check("uncancel prints the counters after it", r.returncode == 0 and "cancelling=0" in r.stdout, r.stdout + r.stderr)
    r = tl("cancel", "--connect", d.unix, sid, "Task-99")
    check("cancel of an unknown task: status 2, the daemon's reason", r.returncode == 2 and "Task-99" in r.stderr, r.stderr)
    r = tl("step", "--connect", d.unix, "--event", sid)
    check("step --event: status 0", r.returncode == 0, r.stderr)
    r = tl("resume", "--connect", d.unix, sid)
    check("resume: status 0", r.returncode == 0, r.stderr)
    r = tl("attach", "--connect", d.unix, "--session", sid, "--from-start", "--format", "jsonl", timeout=30)
    events = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    kinds = [e["event"] for e in events]
    inspector = [e for e in events if e.get("cause") == "inspector"]
    check("attach --from-start replays the whole run, with the inspector's cancel and uncancel",
          r.returncode == 0 and kinds[:1] == ["task_created"] and kinds[-1] == "exit" and len(inspector) == 2,
          r.stdout[-1500:] + r.stderr)
    r = tl("pause", "--connect", d.unix, sid)
    check("pause of an exited session: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)


def test_pretty_goldens(tmp):
    os.makedirs(GOLDEN, exist_ok=True)
    for name, v in [("timeout_outer_cancel", "3.13"), ("swallowed_cancel", "3.13"), ("uncancel_rescind", "3.13"),
                    ("uncancel_rescind", "3.12"), ("taskgroup_abort", "3.13"), ("wait_for_312", "3.11"),
                    ("nested_timeouts", "3.13"), ("taskgroup_external_cancel", "3.13"), ("cancel_message", "3.13")]:
        r = tl("run", "--python", v, "--format", "pretty", "--color", "never", f"examples/{name}.py")
        path = os.path.join(GOLDEN, f"{name}.{v}.pretty")
        if UPDATE:
            open(path, "w").write(r.stdout)
        want = open(path).read() if os.path.exists(path) else None
        check(f"pretty view of {name} ({v}) equals its reviewed golden", r.stdout == want, diff_lines(want or "", r.stdout))


def test_color_and_replay(tmp):
    r = tl("run", "--format", "pretty", "--color", "always", "examples/shield.py")
    check("--color always colours the pretty view", "\x1b[" in r.stdout, r.stdout[:200])
    r = tl("run", "--format", "pretty", "examples/shield.py")
    check("no colours when stdout is not a terminal", "\x1b[" not in r.stdout and "Timeout-1" in r.stdout, r.stdout[:200])
    env = dict(ENV, NO_COLOR="1")
    r = subprocess.run(["script", "-qec", f"{TL} run --format pretty examples/shield.py", "/dev/null"], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=60)
    check("NO_COLOR turns colours off on a terminal", "\x1b[3" not in r.stdout and "Timeout-1" in r.stdout, r.stdout[:300])
    r = subprocess.run(["script", "-qec", f"{TL} run --format pretty examples/shield.py", "/dev/null"], cwd=ROOT,
                       env=ENV, capture_output=True, text=True, timeout=60)
    check("colours on a terminal by default", "\x1b[" in r.stdout, r.stdout[:300])
    r = subprocess.run(["script", "-qec", f"{TL} run examples/shield.py", "/dev/null"], cwd=ROOT,
                       env=ENV, capture_output=True, text=True, timeout=60)
    check("pretty is the default on a terminal", "enters Timeout-1" in r.stdout, r.stdout[:300])
    rec = os.path.join(tmp, "rec.jsonl")
    r = tl("run", "--format", "jsonl", "--record", rec, "examples/timeout_outer_cancel.py")
    check("--record writes exactly the jsonl trace", r.returncode == 0 and open(rec).read() == r.stdout, r.stderr)
    r2 = tl("replay", "--format", "jsonl", rec)
    check("replay --format jsonl gives the recording back", r2.returncode == 0 and r2.stdout == r.stdout, r2.stderr)
    r3 = tl("replay", "--format", "pretty", "--color", "never", "--from", "7", "--to", "11", rec)
    lines = [l for l in r3.stdout.splitlines() if not l.strip().startswith("↳")]
    check("replay --from 7 --to 11 shows events 7..11, with the state before them applied",
          r3.returncode == 0 and len(lines) == 5 and "expires" in lines[0] and "cancelling is 1 > 0" in r3.stdout,
          r3.stdout)
    r4 = tl("replay", os.path.join(tmp, "missing.jsonl"))
    check("replay of a missing file: status 2", r4.returncode == 2, r4.stderr)
    if os.path.exists(os.path.join(ROOT, "client", "render", "perfetto.h")):
        pf, hf = os.path.join(tmp, "t.json"), os.path.join(tmp, "t.html")
        r = tl("run", "--format", "jsonl", "--perfetto", pf, "--html", hf, "examples/shield.py")
        ok = r.returncode == 0 and os.path.getsize(pf) > 100 and os.path.getsize(hf) > 100
        check("run --perfetto/--html write both exports", ok, r.stderr)


def test_breakpoint_prompt():
    # Through a pty: stop at the first uncancel, see the task table, continue with 'c'.
    cmd = f"{TL} run --color never --break uncancel examples/timeout_outer_cancel.py"
    p = subprocess.Popen(["script", "-qec", cmd, "/dev/null"], cwd=ROOT, env=ENV, stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    p.stdin.write(b"c")
    p.stdin.flush()
    try:
        out, _ = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    text = out.decode(errors="replace")
    check("--break uncancel stops with the task table and continues on 'c'",
          "stopped" in text and "CANCELLING" in text and "[c]ontinue" in text and "run over: main finished" in text,
          text[-2000:])


def test_diff():
    r = tl("diff", "--python", "3.13", "examples/shield.py", timeout=120)
    check("diff --python 3.13 on an example: tasklens agrees with CPython (status 0)", r.returncode == 0,
          r.stdout[-800:] + r.stderr[-800:])


def tmux(*args):
    return subprocess.run(["tmux", "-L", "tl-client-test", *args], capture_output=True, text=True)


def capture():
    time.sleep(1.0)
    return tmux("capture-pane", "-p", "-t", "top").stdout


def test_top(tmp):
    if not shutil.which("tmux"):
        check("tmux is installed (top's test needs it)", False)
        return
    rec = os.path.join(tmp, "top.jsonl")
    tl("run", "--format", "jsonl", "--record", rec, "examples/timeout_outer_cancel.py")
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "top", "-x", "160", "-y", "48", f"env TASKLENSD={TLD} {TL} top --replay {rec}")
    screen = capture()
    check("top --replay draws the task table, events and details",
          "TASK" in screen and "Task-2" in screen and "EVENTS" in screen and "events 16/16" in screen, screen)
    for _ in range(6):
        tmux("send-keys", "-t", "top", "Left")
    screen = capture()
    check("← seeks back: 10 of 16 events applied, Task-2 inside Timeout-1 again",
          "events 10/16" in screen and re.search(r"Task-2\s+pending\s+1\s", screen) is not None and "Timeout-1" in screen,
          screen)
    tmux("send-keys", "-t", "top", "Down")
    screen = capture()
    check("↓ selects Task-2: its details show coro and scopes",
          "TASK Task-2" in screen and "coro job()" in screen and "entered at cancelling 0" in screen, screen)
    tmux("send-keys", "-t", "top", "/", "Task-1", "Enter")
    screen = capture()
    rows = [l for l in screen.splitlines() if re.match(r"^ Task-\d", l)]
    check("/ filters the table to Task-1", "filter:Task-1" in screen and len(rows) == 1 and "Task-1" in rows[0], screen)
    tmux("send-keys", "-t", "top", "q")
    time.sleep(0.5)
    alive = "top" in tmux("list-sessions").stdout
    check("q quits top", not alive)

    # Live: a paused session on a spawned daemon, stepped and resumed with keys.
    tmux("new-session", "-d", "-s", "top", "-x", "160", "-y", "48",
         f"env TASKLENSD={TLD} {TL} top --paused --run examples/timeout_outer_cancel.py; sleep 30")
    screen = capture()
    check("top --run --paused shows the paused session", "[paused]" in screen, screen)
    for _ in range(3):
        tmux("send-keys", "-t", "top", "n")
        time.sleep(0.3)
    screen = capture()
    check("n steps: Task-1 appears", "Task-1" in screen, screen)
    tmux("send-keys", "-t", "top", "p")
    screen = capture()
    check("p resumes: the run ends", "[exited]" in screen and "run over: finished" in screen, screen)
    tmux("send-keys", "-t", "top", "q")
    tmux("kill-server")


def main():
    if not os.access(TL, os.X_OK) or not os.access(TLD, os.X_OK):
        print(f"client suite: {TL} or {TLD} missing (build first)")
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="tl-client-")
    d = Daemon()
    try:
        test_help_and_usage()
        test_exit_statuses(tmp)
        test_jsonl_spawned()
        test_jsonl_vs_cpython()
        test_transports(d)
        test_session_commands(d)
        test_pretty_goldens(tmp)
        test_color_and_replay(tmp)
        test_breakpoint_prompt()
        test_diff()
        test_top(tmp)
    finally:
        d.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
