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


# A tmux server of this run's own (its socket name carries the pid), so two suites running
# at once on one machine never share sessions; main() kills it and removes its socket.
TMUX_SOCKET = f"tl-client-test-{os.getpid()}"


def tmux(*args):
    return subprocess.run(["tmux", "-L", TMUX_SOCKET, *args], capture_output=True, text=True)


def tmux_cleanup():
    tmux("kill-server")
    # kill-server normally unlinks the socket; one left by a server that never started is removed here.
    sock = os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", TMUX_SOCKET)
    try:
        os.unlink(sock)
    except OSError:
        pass


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

CPYTHON313 = "/root/.pyenv/versions/3.13.0/bin/python3"
LIVE = os.path.join("tests", "client", "scenarios", "live_waiters.py")
CONTRACT = ("event", "task", "coro", "parent", "msg", "result", "cancelling", "must_cancel", "rescinded", "exc",
            "state", "status", "scope", "expired", "raised", "text")


class Pane:
    """One tmux session on a private server: start a command, send keys, read the screen."""

    def __init__(self, name, cmd, width=160, height=60):
        self.name = name
        tmux("kill-session", "-t", name)
        tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), f"env TASKLENSD={TLD} {cmd}")

    def keys(self, *keys, wait=0.6):
        tmux("send-keys", "-t", self.name, *keys)
        time.sleep(wait)

    def screen(self, escapes=False):
        return tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", self.name).stdout

    def wait_for(self, text, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            s = self.screen()
            if re.search(text, s):
                return s
            time.sleep(0.2)
        return self.screen()

    def close(self):
        tmux("kill-session", "-t", self.name)


def contract_tail(events, from_event):
    """The events from the first `from_event` on, each cut to its contract fields (t, seq, by, cause aside)."""
    start = next((i for i, e in enumerate(events) if from_event(e)), len(events))
    return [{k: e[k] for k in CONTRACT if k in e} for e in events[start:]]


def same_tail(want, got):
    """CPython's tail against ours, on the fields CPython's tracer wrote for each event."""
    return len(want) > 0 and len(want) == len(got) and all(
        all(g.get(k) == v for k, v in w.items()) for w, g in zip(want, got))


def test_breakpoint_keys(tmp):
    # x cancels a task from the prompt (the trace shows the inspector's cancel), then c continues.
    rec = os.path.join(tmp, "x.jsonl")
    p = Pane("prompt", f"{TL} run --color never --record {rec} --break timeout_enter examples/timeout_outer_cancel.py;"
                       " echo EXIT=$?; sleep 60")
    screen = p.wait_for(r"\[q\]uit > ")
    check("--break timeout_enter stops: the stop line, Task-2 in Timeout-1 waiting on sleep, the key prompt",
          "stopped (breakpoint) after seq 3: timeout_enter Task-2" in screen
          and re.search(r"^Task-2\s+0\s+-\s+sleep\s+Timeout-1", screen, re.M) and "[x] cancel a task" in screen, screen)
    p.keys("x", wait=0.4)
    p.keys("Task-2", "Enter")
    screen = p.screen()
    check("x then a task name: cancel() runs, the prompt says what it returned, then shows the cancel event",
          "task to cancel: Task-2" in screen and "cancel(Task-2) → True  cancelling 1" in screen
          and re.search(r"cancel\(Task-2\) → True  cancelling 1\n\s+0\.000\s+Task-2\s+Timeout-1\s+cancel  cancelling 0→1  by "
                        r"inspector\n\[c\]ontinue", screen), screen)
    p.keys("x", wait=0.4)
    p.keys("Task-99", "Enter")
    p.keys("x", wait=0.4)
    p.keys("Enter")
    screen = p.screen()
    check("x with an unknown or empty task name: the reason is shown and the prompt stays",
          'no live task "Task-99"' in screen and "no task given: nothing cancelled" in screen
          and screen.rstrip().endswith("[q]uit >"), screen)
    p.keys("c")
    screen = p.wait_for(r"EXIT=\d")
    check("c continues: the inspector's cancel shows, then the rest of the run, status 0",
          re.search(r"Task-2\s+Timeout-1\s+cancel  cancelling 0→1  by inspector", screen)
          and "run over: main finished" in screen and "EXIT=0" in screen, screen)
    events = [json.loads(l) for l in open(rec)] if os.path.exists(rec) else []
    ours = [e for e in events if e.get("cause") == "inspector"]
    check("the recorded trace has the inspector's cancel of Task-2 right after the stop (by null, cancelling 1)",
          len(ours) == 1 and ours[0]["event"] == "cancel" and ours[0]["seq"] == 4 and ours[0]["by"] is None
          and ours[0]["cancelling"] == 1 and ours[0]["result"] is True, ours)
    # CPython: the same cancel made from a callback before the job first runs (the scenario
    # file says so): every later event's contract fields must match, t aside.
    if os.path.exists(CPYTHON313):
        ref = subprocess.run([CPYTHON313, "tests/conformance/tracer.py", "tests/client/scenarios/cancel_at_timeout_enter.py"],
                             cwd=ROOT, capture_output=True, text=True).stdout
        ref_events = [json.loads(l) for l in ref.splitlines() if l.strip()]
        want = contract_tail(ref_events, lambda e: e["event"] == "cancel")
        got = contract_tail(events, lambda e: e.get("cause") == "inspector")
        check("after x, the run goes on as CPython 3.13 does after the same cancel",
              same_tail(want, got), f"want {want}\n     got  {got}")
    else:
        check("CPython 3.13 is installed (the x check compares with it)", False)
    p.close()

    # s steps one event and stops again; q quits: the session is stopped, status 1.
    rec = os.path.join(tmp, "sq.jsonl")
    p = Pane("prompt", f"{TL} run --color never --record {rec} --break timeout_enter examples/timeout_outer_cancel.py;"
                       " echo EXIT=$?; sleep 60")
    p.wait_for(r"\[q\]uit > ")
    p.keys("s", wait=1.0)
    screen = p.screen()
    check("s steps: the next event (main's cancel at 0.5) and a new stop with the table updated",
          re.search(r"0\.500\s+Task-2\s+Timeout-1\s+cancel  cancelling 0→1  by Task-1", screen)
          and "stopped (step) after seq 4" in screen and re.search(r"^Task-2\s+1\s+-\s+sleep", screen, re.M)
          and re.search(r"^Task-1\s+0\s+-\s+task Task-2", screen, re.M), screen)
    p.keys("q")
    screen = p.wait_for(r"EXIT=\d")
    n = len(open(rec).readlines()) if os.path.exists(rec) else -1
    check("q quits: the run stops where it was (4 events recorded, no exit event), status 1",
          "EXIT=1" in screen and "run over" not in screen and n == 4, f"{n} events\n{screen}")
    p.close()


def test_live_pause(d):
    # A real-clock session paused while running: tasks shows it frozen; resume lets it finish.
    c = RawClient(d.sock)
    # speed 0.5: main sleeps 3 s of wall time, room for a slow start on a busy machine.
    sid = c.request("session/start", {"path": os.path.join(ROOT, LIVE), "name": LIVE, "python": "3.13",
                                      "clock": "real", "speed": 0.5})["result"]["session"]
    time.sleep(0.6)
    r = tl("pause", "--connect", d.unix, sid)
    check("pause of a running real-clock session: status 0, nothing printed", r.returncode == 0 and r.stdout == "",
          r.stdout + r.stderr)
    r = tl("ps", "--connect", d.unix)
    check("ps shows it paused on the real clock", re.search(rf"^{sid}\s+paused\s+3\.13\s+real\s", r.stdout, re.M),
          r.stdout)
    r1 = tl("tasks", "--connect", d.unix, sid)
    time.sleep(1.2)
    r2 = tl("tasks", "--connect", d.unix, sid)
    t1 = re.search(r"paused  t=(\d+\.\d+)", r1.stdout)
    t2 = re.search(r"paused  t=(\d+\.\d+)", r2.stdout)
    check("tasks on the paused session: main on its sleep, waiter on Event.wait, ticker on sleep, with lines",
          r1.returncode == 0 and re.search(r"^Task-1\s+main\s+0\s+-\s+sleep\s+-\s+live_waiters\.py:20", r1.stdout, re.M)
          and re.search(r"^waiter\s+waiter\s+0\s+-\s+Event\.wait\s+-\s+live_waiters\.py:8", r1.stdout, re.M)
          and re.search(r"^ticker\s+ticker\s+0\s+-\s+sleep\s+-\s+live_waiters\.py:13", r1.stdout, re.M), r1.stdout + r1.stderr)
    check("the loop's clock stands still while paused (same t 1.2 s apart, below 1.5)",
          t1 and t2 and t1.group(1) == t2.group(1) and 0.1 < float(t1.group(1)) < 1.5, r1.stdout + r2.stdout)
    r = tl("resume", "--connect", d.unix, sid)
    check("resume: status 0", r.returncode == 0, r.stderr)
    r = tl("ps", "--connect", d.unix)
    check("ps shows it running again", re.search(rf"^{sid}\s+running\s", r.stdout, re.M), r.stdout)
    r = tl("attach", "--connect", d.unix, "--session", sid, "--from-start", "--format", "jsonl", timeout=30)
    events = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    want = []
    if os.path.exists(CPYTHON313):
        ref = subprocess.run([CPYTHON313, "tests/conformance/tracer.py", LIVE], cwd=ROOT, capture_output=True, text=True)
        want = contract_tail([json.loads(l) for l in ref.stdout.splitlines() if l.strip()], lambda e: True)
    check("attach follows it to the end: CPython 3.13's trace (t aside), finished at t >= 4.0",
          r.returncode == 0 and same_tail(want, contract_tail(events, lambda e: True)) and events[-1]["t"] >= 4.0,
          r.stdout[-800:] + r.stderr)
    r = tl("pause", "--connect", d.unix, sid)
    check("pause after it ended: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)


def test_top_live(d):
    # The `waiting on` column follows a real-clock run: main waits on its sleep, then on ticker.
    p = Pane("top", f"{TL} top --run {LIVE} --clock real; sleep 60", height=48)
    screen = p.wait_for(r"Task-1\s+pending\s+0\s+-\s+sleep", timeout=10)
    check("top --run --clock real: main waiting on its sleep, waiter on Event.wait, with the lines tasks/list gives",
          re.search(r"Task-1\s+pending\s+0\s+-\s+sleep\s+-\s+live_waiters\.py:20", screen)
          and re.search(r"waiter\s+pending\s+0\s+-\s+Event\.wait\s+-\s+live_waiters\.py:8", screen), screen)
    screen = p.wait_for(r"Task-1\s+pending\s+0\s+-\s+task ticker", timeout=10)
    m = re.search(r"\[running\]  t=(\d+\.\d+)", screen)
    check("… then, past t=1.5, main waiting on task ticker, and the header's clock moving",
          re.search(r"Task-1\s+pending\s+0\s+-\s+task ticker\s+-\s+live_waiters\.py:21", screen)
          and m and float(m.group(1)) > 1.5, screen)
    screen = p.wait_for(r"\[exited\]", timeout=15)
    check("… and the run ends finished", "run over: finished" in screen, screen)
    p.keys("q")
    p.close()

    # c and u on the selected task of a paused live session (top --session on a running daemon);
    # speed 0.25 leaves 6 s of wall time before main stops sleeping.
    c = RawClient(d.sock)
    sid = c.request("session/start", {"path": os.path.join(ROOT, LIVE), "name": LIVE, "python": "3.13",
                                      "clock": "real", "speed": 0.25})["result"]["session"]
    p = Pane("top", f"{TL} top --connect {d.unix} --session {sid}; echo EXIT=$?; sleep 60", height=48)
    p.wait_for(r"ticker\s+pending", timeout=10)
    p.keys("c")
    screen = p.screen()
    check("c on a running session: nothing cancelled, the daemon's reason in the status line",
          "is running; pause it first" in screen.splitlines()[-1] and "by inspector" not in screen, screen)
    p.keys("p")
    screen = p.wait_for(r"\[paused\]")
    check("p pauses the live session", "[paused]" in screen, screen)
    p.keys("Down", "Down", wait=0.3)
    screen = p.screen()
    check("↓↓ selects ticker", "TASK ticker" in screen, screen)
    p.keys("c", wait=1.0)
    screen = p.screen()
    check("c cancels the selected task: status line, cancelling 1 in the table, the event by inspector",
          "ticker cancelled  cancelling=1" in screen and re.search(r"ticker\s+pending\s+1\s", screen)
          and re.search(r"ticker\s+cancel  cancelling 0→1  by inspector", screen), screen)
    p.keys("u", wait=1.0)
    screen = p.screen()
    check("u uncancels it: cancelling back to 0, the uncancel event by inspector",
          "ticker uncancelled  cancelling=0" in screen and re.search(r"ticker\s+pending\s+0\s", screen)
          and re.search(r"ticker\s+uncancel  cancelling 1→0  by inspector", screen), screen)
    p.keys("p")
    screen = p.wait_for(r"\[exited\]", timeout=20)
    check("p resumes: the cancelled sleep still wakes ticker with CancelledError; main ends cancelled",
          re.search(r"ticker\s+cancelled\s", screen) and "run over: cancelled" in screen, screen)
    p.keys("q", wait=1.0)
    check("q quits top with status 1 (the run did not finish)", "EXIT=1" in p.screen(), p.screen())
    p.close()
    r = tl("attach", "--connect", d.unix, "--session", sid, "--from-start", "--format", "jsonl", timeout=30)
    events = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    mine = [(e["event"], e["cancelling"]) for e in events if e.get("cause") == "inspector"]
    check("the session's trace has the inspector's cancel then uncancel of ticker",
          mine == [("cancel", 1), ("uncancel", 0)], mine)
    if os.path.exists(CPYTHON313):
        ref = subprocess.run([CPYTHON313, "tests/conformance/tracer.py",
                              "tests/client/scenarios/live_waiters_cancel_uncancel.py"],
                             cwd=ROOT, capture_output=True, text=True).stdout
        ref_events = [json.loads(l) for l in ref.splitlines() if l.strip()]
        want = contract_tail(ref_events, lambda e: e["event"] == "cancel")
        got = contract_tail(events, lambda e: e.get("cause") == "inspector")
        check("from the inspector's cancel on, the trace is CPython 3.13's for cancel()+uncancel() from a callback",
              same_tail(want, got), f"want {want}\n     got  {got}")


def test_top_color(tmp):
    # The dashboard paints a task with cancelling > 0 in yellow, unless NO_COLOR or --color never.
    rec = os.path.join(tmp, "topcolor.jsonl")
    tl("run", "--format", "jsonl", "--record", rec, "examples/timeout_outer_cancel.py")
    for env, flag, want in [("", "", True), ("NO_COLOR=1 ", "", False), ("", "--color never ", False)]:
        p = Pane("top", f"env {env}{TL} top {flag}--replay {rec}; sleep 60", height=48)
        p.wait_for("events 16/16")
        for _ in range(6):
            p.keys("Left", wait=0.1)
        time.sleep(0.6)
        row = next((l for l in p.screen(escapes=True).splitlines() if "Task-2" in l and "pending" in l), "")
        coloured = "\x1b[33m" in row
        check(f"top {env}{flag}: the Task-2 row (cancelling 1) is {'yellow' if want else 'not coloured'}",
              coloured == want, repr(row))
        p.keys("q")
        p.close()


def test_top_renamed(tmp):
    # 3.11 names create_task(name=...) tasks after creating them: the trace (CPython's, equal to
    # ours) creates Task-2..4 and then speaks of fetch, parse, store. One row per task.
    rec = os.path.join(tmp, "renamed.jsonl")
    tl("run", "--python", "3.11", "--format", "jsonl", "--record", rec, "tests/visual/scenarios/renamed_tasks.py")
    p = Pane("top", f"{TL} top --replay {rec}; sleep 60", height=40)
    screen = p.wait_for("events 11/11")
    rows = [l.split()[0] for l in screen.splitlines() if re.match(r"^ (Task-\d|fetch|parse|store)", l)]
    check("top --replay of a 3.11 trace with renamed tasks: one row each (Task-1 fetch parse store), states right",
          rows == ["Task-1", "fetch", "parse", "store"] and "tasks 4" in screen
          and re.search(r"parse\s+cancelled\s+1\s", screen) and re.search(r"fetch\s+finished", screen), screen)
    p.keys("q")
    p.close()


def test_commands_exit_statuses():
    # Every command that talks to a daemon: no daemon there -> 2 and one line naming it; a bad
    # option or --color value -> 2 and one line.
    nowhere = "unix:/nonexistent/tl.sock"
    for cmd in [["ps"], ["tasks", "s1"], ["cancel", "s1", "Task-1"], ["uncancel", "s1", "Task-1"], ["pause", "s1"],
                ["resume", "s1"], ["step", "s1"], ["attach", "--all"], ["run", "examples/shield.py"]]:
        r = tl(*cmd, "--connect", nowhere)
        check(f"{cmd[0]} with no daemon: status 2, one line naming the socket",
              r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "/nonexistent/tl.sock" in r.stderr
              and r.stdout == "", r.stderr)
    for cmd in ["run", "attach", "ps", "tasks", "cancel", "uncancel", "pause", "resume", "step", "replay", "diff", "top",
                "export"]:
        r = tl(cmd, "--no-such-option")
        check(f"{cmd} --no-such-option: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1,
              r.stderr)
    r = tl("run", "--color", "purple", "examples/shield.py")
    check("--color purple: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)
    r = tl("top", "--replay", "examples/shield.py")
    check("top with no terminal: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1, r.stderr)
    r = tl("export", "--html", "/tmp/tl-nowhere.html", "no/such/recording.jsonl")
    check("export of a missing recording: status 2, one line", r.returncode == 2 and len(r.stderr.splitlines()) == 1,
          r.stderr)


def test_tasks_color(d):
    c = RawClient(d.sock)
    sid = c.request("session/start", {"path": os.path.join(EXAMPLES, "shield.py"), "name": "examples/shield.py",
                                      "python": "3.13", "startPaused": True})["result"]["session"]
    time.sleep(0.3)
    tl("step", "--connect", d.unix, "--event", sid)
    r = tl("tasks", "--connect", d.unix, sid)
    check("tasks into a pipe: no colours", r.returncode == 0 and "Task-1" in r.stdout and "\x1b[" not in r.stdout,
          r.stdout + r.stderr)
    r = tl("tasks", "--connect", d.unix, "--color", "always", sid)
    check("tasks --color always: task names coloured", "\x1b[" in r.stdout, r.stdout)
    cmd = f"{TL} tasks --connect {d.unix} {sid}"
    r = subprocess.run(["script", "-qec", cmd, "/dev/null"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=30)
    check("tasks on a terminal: coloured", "\x1b[" in r.stdout, r.stdout)
    r = subprocess.run(["script", "-qec", cmd, "/dev/null"], cwd=ROOT, env=dict(ENV, NO_COLOR="1"), capture_output=True,
                       text=True, timeout=30)
    check("tasks on a terminal with NO_COLOR: no colours", "Task-1" in r.stdout and "\x1b[" not in r.stdout, r.stdout)
    tl("resume", "--connect", d.unix, sid)


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
        test_breakpoint_keys(tmp)
        test_live_pause(d)
        test_top_live(d)
        test_top_color(tmp)
        test_top_renamed(tmp)
        test_commands_exit_statuses()
        test_tasks_color(d)
    finally:
        tmux_cleanup()
        d.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
