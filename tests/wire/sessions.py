#!/usr/bin/env python3
"""Session wire tests: scenario sessions inside a real tasklensd (protocol/PROTOCOL.md,
"Sessions"), over a Unix socket, TCP loopback and stdio.

Usage: python3 tests/wire/sessions.py build/tasklensd [-k SUBSTRING] [-v]

Expected traces come from CPython: each scenario in tests/wire/sessions/ sits next to
its reference traces (tests/conformance/tracer.py under 3.11.7, 3.12.1, 3.13.0), and the
shared trace examples next to theirs. Prints one line per test and ends with exactly
`N passed, M failed`. Stdlib only; every wait is bounded.
"""

import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "conformance"))
import importlib.util  # noqa: E402

import trace_contract  # noqa: E402

_spec = importlib.util.spec_from_file_location("wire_run", os.path.join(HERE, "run.py"))
wire = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wire)
Daemon, Fail, request = wire.Daemon, wire.Fail, wire.request

SCENARIOS = os.path.join(HERE, "sessions")
EXAMPLES = "/work/shared/trace-examples"
VERSIONS = ("3.11", "3.12", "3.13")
VERBOSE = False


# ---- helpers ------------------------------------------------------------------------


class Session:
    """A client connection that keeps the notifications it reads while waiting for
    replies, so a test can look at them in order afterwards."""

    def __init__(self, conn):
        self.conn = conn
        self.next_id = 100
        self.notes = []  # notifications, in arrival order
        self.events = {}  # session -> [event, ...] from session/event

    def _take(self, msg):
        if "method" in msg and "id" not in msg:
            self.notes.append(msg)
            if msg["method"] == "session/event":
                p = msg["params"]
                self.events.setdefault(p["session"], []).extend(p["events"])
        return msg

    def call(self, method, params=None, timeout=wire.TIMEOUT):
        self.next_id += 1
        rid = self.next_id
        self.conn.send(request(rid, method, params))
        deadline = time.time() + timeout
        while True:
            msg = self.conn.read_message(max(0.01, deadline - time.time()))
            if msg is None:
                raise Fail("EOF waiting for the reply to %s" % method)
            if msg.get("id") == rid:
                return msg
            self._take(msg)

    def ok(self, method, params=None):
        msg = self.call(method, params)
        if "result" not in msg:
            raise Fail("%s failed: %s" % (method, json.dumps(msg)[:400]))
        return msg["result"]

    def wait_note(self, method, pred=lambda p: True, timeout=wire.TIMEOUT):
        """The first notification `method` (already read or coming) whose params match."""
        for i, n in enumerate(self.notes):
            if n["method"] == method and pred(n["params"]):
                del self.notes[i]
                return n["params"]
        deadline = time.time() + timeout
        while True:
            msg = self.conn.read_message(max(0.01, deadline - time.time()))
            if msg is None:
                raise Fail("EOF waiting for %s" % method)
            self._take(msg)
            if msg.get("method") == method and pred(msg["params"]):
                self.notes.remove(msg)
                return msg["params"]
            if time.time() > deadline:
                raise Fail("no %s within %ss" % (method, timeout))


def contract_events(events):
    """The events the contract knows, without seq (diagnostic/error events take seqs)."""
    return [e for e in events if trace_contract.compared_fields(e.get("event")) is not None]


def compare_with(reference_path, events):
    with open(reference_path) as f:
        expected = [json.loads(line) for line in f if line.strip()]
    actual = contract_events(events)
    for i, want in enumerate(expected):
        if i >= len(actual):
            raise Fail("%s: the session's trace ends after %d events" % (os.path.basename(reference_path), len(actual)))
        got = actual[i]
        for field in trace_contract.compared_fields(want["event"]):
            w = want.get(field)
            g = got.get(field)
            if field in trace_contract.FLOAT_FIELDS and w is not None and g is not None:
                same = float(w) == float(g)
            else:
                same = type(w) is type(g) and w == g
            if not same:
                raise Fail("%s: event #%d differs on %s: expected %s, got %s" % (
                    os.path.basename(reference_path), i + 1, field, json.dumps(want), json.dumps(got)))
    if len(actual) != len(expected):
        raise Fail("%s: %d events, expected %d" % (os.path.basename(reference_path), len(actual), len(expected)))


def open_client(daemon, transport):
    conn = daemon.connect(transport) if transport != "stdio" else wire.StdioConn(daemon)
    got = conn.initialize()
    caps = got["result"]["capabilities"]
    if not (caps.get("supportsSessions") and caps.get("supportsEventStream")):
        raise Fail("initialize does not advertise sessions: %s" % json.dumps(caps))
    return Session(conn)


def daemon_for(binary, transport):
    if transport == "stdio":
        return Daemon(binary, listen=False, stdio=True)
    return Daemon(binary)


# ---- the whole debugging session (issue 5, "Done when") ------------------------------


def debugging_session(binary, transport, version):
    d = daemon_for(binary, transport)
    try:
        c = open_client(d, transport)
        path = os.path.join(SCENARIOS, "debug_uncancel.py")
        r = c.ok("session/start", {"path": path, "python": version, "startPaused": True, "subscribe": True})
        sid = r["session"]
        if r["state"] != "paused":
            raise Fail("startPaused session is %s" % r["state"])
        c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "entry")
        bps = c.ok("breakpoints/set", {"session": sid, "breakpoints": [{"event": "uncancel"}]})
        if bps != {"breakpoints": [{"id": 1, "verified": True}]}:
            raise Fail("breakpoints/set: %s" % json.dumps(bps))
        c.ok("session/resume", {"session": sid})
        c.wait_note("session/continued", lambda p: p["session"] == sid)
        stop = c.wait_note("session/stopped", lambda p: p["session"] == sid)
        if stop["reason"] != "breakpoint" or stop.get("hitBreakpointIds") != [1]:
            raise Fail("expected a breakpoint stop, got %s" % json.dumps(stop))
        ev = stop["event"]
        if ev["event"] != "uncancel" or ev["task"] != "worker" or ev["cancelling"] != 0:
            raise Fail("the stop's event is not the worker's uncancel: %s" % json.dumps(ev))
        # Everything up to the stop has arrived, in order, before the stop itself.
        seen = c.events.get(sid, [])
        if not seen or seen[-1]["seq"] != stop["seq"]:
            raise Fail("events before the stop: last seq %s, stop seq %s" % (seen[-1]["seq"] if seen else None, stop["seq"]))

        tasks = c.ok("tasks/list", {"session": sid})
        by_name = {t["task"]: t for t in tasks["tasks"]}
        if set(by_name) != {"Task-1", "worker"}:
            raise Fail("tasks/list: %s" % json.dumps(tasks))
        w, m = by_name["worker"], by_name["Task-1"]
        if w["coro"] != "worker" or w["cancelling"] != 0 or w["mustCancel"] is not False:
            raise Fail("worker row: %s" % json.dumps(w))
        if (w["waitingOn"] or {}).get("kind") != "future" or (w["location"] or {}).get("line") != 12:
            raise Fail("worker should wait on a future at line 12: %s" % json.dumps(w))
        if m["waitingOn"] != {"kind": "task", "task": "worker"} or m["children"] != ["worker"] or w["parent"] != "Task-1":
            raise Fail("main row: %s / worker parent %s" % (json.dumps(m), w["parent"]))

        res = c.ok("task/cancel", {"session": sid, "task": "worker", "msg": "inspector"})
        if res != {"result": True, "cancelling": 1, "mustCancel": False}:
            raise Fail("task/cancel: %s" % json.dumps(res))
        c.ok("session/step", {"session": sid})
        c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "step")
        c.ok("session/resume", {"session": sid})
        ex = c.wait_note("session/exited", lambda p: p["session"] == sid)
        if ex["status"] != "cancelled" or ex["error"] is not None:
            raise Fail("exited: %s" % json.dumps(ex))
        events = c.events[sid]
        if [e["seq"] for e in events] != list(range(1, len(events) + 1)):
            raise Fail("seqs are not 1..n in order")
        cancels = [e for e in events if e["event"] == "cancel" and e.get("msg") == "inspector"]
        if len(cancels) != 1 or cancels[0].get("cause") != "inspector":
            raise Fail("the inspector's cancel is not marked: %s" % json.dumps(cancels))
        compare_with(os.path.join(SCENARIOS, "debug_uncancel_steered.%s.jsonl" % version), events)
        # The daemon still serves: a second client lists the session as exited.
        lst = c.ok("session/list")
        if lst["sessions"][0]["state"] != "exited":
            raise Fail("session/list: %s" % json.dumps(lst))
    finally:
        d.stop()
        d.cleanup()


def test_debugging_session_unix(binary):
    debugging_session(binary, "unix", "3.13")


def test_debugging_session_tcp(binary):
    debugging_session(binary, "tcp", "3.12")


def test_debugging_session_stdio(binary):
    debugging_session(binary, "stdio", "3.11")


# ---- plain runs equal CPython ------------------------------------------------------------


def test_runs_equal_cpython(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        n = 0
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".py"):
                continue
            for v in VERSIONS:
                r = c.ok("session/start", {"path": os.path.join(EXAMPLES, name), "python": v, "subscribe": True})
                sid = r["session"]
                c.wait_note("session/exited", lambda p: p["session"] == sid)
                compare_with(os.path.join(EXAMPLES, name[:-3] + ".%s.jsonl" % v), c.events.get(sid, []))
                n += 1
        if n < 9:
            raise Fail("only %d runs compared" % n)
    finally:
        d.stop()
        d.cleanup()


def test_real_clock_session(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        path = os.path.join(SCENARIOS, "debug_uncancel.py")
        t0 = time.time()
        r = c.ok("session/start", {"path": path, "python": "3.13", "clock": "real", "speed": 10, "subscribe": True})
        sid = r["session"]
        # Meanwhile the daemon answers at once.
        c.ok("session/list")
        c.wait_note("session/exited", lambda p: p["session"] == sid)
        took = time.time() - t0
        if not (0.12 <= took <= 2.0):
            raise Fail("1.5 s of loop time at speed 10 took %.3f s" % took)
        evs = contract_events(c.events[sid])
        compare_names = [e["event"] for e in evs]
        with open(os.path.join(SCENARIOS, "debug_uncancel.3.13.jsonl")) as f:
            want = [json.loads(x)["event"] for x in f if x.strip()]
        if compare_names != want:
            raise Fail("real-clock run: %s" % compare_names)
        last_t = evs[-1]["t"]
        if not (1.5 <= last_t < 1.9):
            raise Fail("real-clock end time %s" % last_t)
    finally:
        d.stop()
        d.cleanup()


# ---- replay, filters, errors ---------------------------------------------------------


def test_subscribe_replay_and_filters(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        path = os.path.join(EXAMPLES, "timeout_vs_cancel.py")
        sid = c.ok("session/start", {"path": path, "python": "3.13"})["session"]
        c.wait_note("session/exited", lambda p: p["session"] == sid)
        late = open_client(d, "unix")
        r = late.ok("session/subscribe", {"session": sid, "fromSeq": 1})
        info = r["subscriptions"][0]
        if info["earliestSeq"] != 1 or info["nextSeq"] < 2:
            raise Fail("subscribe: %s" % json.dumps(r))
        late.ok("session/list")  # the replay arrives before this reply's successors
        deadline = time.time() + wire.TIMEOUT
        while len(late.events.get(sid, [])) < info["nextSeq"] - 1 and time.time() < deadline:
            late.call("session/list")
        compare_with(os.path.join(EXAMPLES, "timeout_vs_cancel.3.13.jsonl"), late.events[sid])
        filt = open_client(d, "unix")
        filt.ok("session/subscribe", {"session": sid, "fromSeq": 1, "kinds": ["cancel"]})
        deadline = time.time() + wire.TIMEOUT
        want = [e for e in late.events[sid] if e["event"] == "cancel"]
        while len(filt.events.get(sid, [])) < len(want) and time.time() < deadline:
            filt.call("session/list")
        if filt.events.get(sid) != want or not want:
            raise Fail("kinds filter: %s" % json.dumps(filt.events.get(sid))[:300])
    finally:
        d.stop()
        d.cleanup()


def test_compile_error(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        msg = c.call("session/start", {"source": "import asyncio\nasync def main(:\n    pass\n", "name": "bad.py"})
        err = msg.get("error") or {}
        data = err.get("data") or {}
        if err.get("code") != -32602 or data.get("file") != "bad.py" or data.get("line") != 2 or not data.get("column"):
            raise Fail("compile error reply: %s" % json.dumps(msg))
        msg = c.call("session/start", {"source": "x", "path": "/nonexistent"})
        if (msg.get("error") or {}).get("code") != -32602:
            raise Fail("source and path together: %s" % json.dumps(msg))
        msg = c.call("tasks/list", {"session": "s999"})
        if (msg.get("error") or {}).get("code") != -32602:
            raise Fail("unknown session: %s" % json.dumps(msg))
    finally:
        d.stop()
        d.cleanup()


# ---- SystemExit in a task: asyncio.run's shutdown, then a clean end of the session ------


def test_system_exit_in_task_ends_session_cleanly(binary):
    """A task raises SystemExit: it leaves the loop mid-pass, asyncio.run cancels main and
    ends (the stepped runner shares rt::run_virtual's steps); the session exits with
    CPython's trace, and the daemon goes on serving a second session and client."""
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        path = os.path.join(SCENARIOS, "system_exit_in_task.py")
        for v in VERSIONS:
            sid = c.ok("session/start", {"path": path, "python": v, "subscribe": True})["session"]
            ex = c.wait_note("session/exited", lambda p: p["session"] == sid)
            if ex.get("status") != "cancelled" or ex.get("error") is not None:
                raise Fail("%s: session/exited %s, expected status cancelled and no error" % (v, json.dumps(ex)))
            compare_with(os.path.join(SCENARIOS, "system_exit_in_task.%s.jsonl" % v), c.events.get(sid, []))
        listed = c.ok("session/list", {})
        if not listed:
            raise Fail("session/list failed after the SystemExit sessions")
        other = open_client(d, "unix")
        other.ok("session/list", {})
    finally:
        d.stop()
        d.cleanup()


def test_stop_on_exception(binary):
    """stopOnException: the session stops with reason "exception" at the main task's
    `done` (state exception), before the shutdown and `exit`; resumed, it ends with
    CPython's trace. Without the flag the same run does not stop (test_fault_18)."""
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        path = os.path.join(SCENARIOS, "main_raises.py")
        for v in VERSIONS:
            sid = c.ok("session/start", {"path": path, "python": v, "subscribe": True,
                                         "stopOnException": True})["session"]
            stop = c.wait_note("session/stopped", lambda p: p["session"] == sid)
            ev = stop.get("event") or {}
            if (stop.get("reason") != "exception" or ev.get("event") != "done" or ev.get("task") != "Task-1"
                    or ev.get("state") != "exception" or ev.get("exc") != "ValueError"):
                raise Fail("%s: session/stopped %s" % (v, json.dumps(stop)))
            listed = c.ok("tasks/list", {"session": sid})
            if listed.get("state") != "paused":
                raise Fail("%s: not paused at the stop: %s" % (v, json.dumps(listed)))
            if any(e.get("event") == "exit" for e in c.events.get(sid, [])):
                raise Fail("%s: `exit` before the exception stop" % v)
            c.ok("session/resume", {"session": sid})
            ex = c.wait_note("session/exited", lambda p: p["session"] == sid)
            if ex.get("status") != "exception" or ex.get("exc") != "ValueError":
                raise Fail("%s: session/exited %s" % (v, json.dumps(ex)))
            compare_with(os.path.join(SCENARIOS, "main_raises.%s.jsonl" % v), c.events.get(sid, []))
    finally:
        d.stop()
        d.cleanup()


def wait_either(c, sid, methods, timeout=30):
    """The first of several notifications about `sid`, already read or coming."""
    deadline = time.time() + timeout
    while True:
        for i, n in enumerate(c.notes):
            if n["method"] in methods and n["params"].get("session") == sid:
                del c.notes[i]
                return n["params"]
        if time.time() > deadline:
            raise Fail("none of %s within %ss" % (methods, timeout))
        msg = c.conn.read_message(max(0.01, deadline - time.time()))
        if msg is None:
            raise Fail("EOF waiting for %s" % (methods,))
        c._take(msg)


# scenario -> (the stops in order: (task, exception type, message, line), exit status)
EXCEPTION_STOPS = {
    "exc_child_unawaited.py": ([("Task-2", "ValueError", "worker failed", 8)], "finished"),
    "exc_child_awaited.py": ([("Task-2", "KeyError", "'missing'", 8)], "exception"),
    "exc_taskgroup_child.py": ([("Task-2", "RuntimeError", "child broke", 9),
                                ("Task-1", "ExceptionGroup", "unhandled errors in a TaskGroup (1 sub-exception)", 17)],
                               "exception"),
    "exc_cancelled_only.py": ([], "finished"),
    "main_raises.py": ([("Task-1", "ValueError", "boom", 15)], "exception"),
}


def test_stop_on_exception_any_task(binary):
    """stopOnException stops where a task's exception is raised, whichever task: a
    child's exception nobody awaits, one main awaits (the same exception then ends main:
    one stop only), a TaskGroup child's failure (then the ExceptionGroup out of main, a
    new exception: a second stop); never on CancelledError. Each stop carries the task,
    exception type, message and the line it was raised at; resumed every time, the
    whole trace equals CPython's (3.11-3.13)."""
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        for name, (want, status) in sorted(EXCEPTION_STOPS.items()):
            path = os.path.join(SCENARIOS, name)
            for v in VERSIONS:
                sid = c.ok("session/start", {"path": path, "python": v, "subscribe": True,
                                             "stopOnException": True})["session"]
                got = []
                while True:
                    note = wait_either(c, sid, ("session/stopped", "session/exited"))
                    if "status" in note:
                        break
                    if note.get("reason") != "exception":
                        raise Fail("%s %s: stopped %s" % (name, v, json.dumps(note)))
                    x = note.get("exception") or {}
                    ev = note.get("event") or {}
                    if ev.get("event") != "done" or ev.get("task") != x.get("task") or ev.get("exc") != x.get("type"):
                        raise Fail("%s %s: the stop's event is not the task's done: %s" % (name, v, json.dumps(note)))
                    if x.get("file") != path or x.get("function") is None:
                        raise Fail("%s %s: where: %s" % (name, v, json.dumps(x)))
                    got.append((x.get("task"), x.get("type"), x.get("message"), x.get("line")))
                    if any(e.get("event") == "exit" for e in c.events.get(sid, [])):
                        raise Fail("%s %s: `exit` before a stop" % (name, v))
                    c.ok("session/resume", {"session": sid})
                if got != want:
                    raise Fail("%s %s: stops %s, expected %s" % (name, v, got, want))
                if note.get("status") != status:
                    raise Fail("%s %s: exited %s, expected %s" % (name, v, json.dumps(note), status))
                c.ok("session/list", {})
                compare_with(os.path.join(SCENARIOS, name[:-3] + ".%s.jsonl" % v), c.events.get(sid, []))
    finally:
        d.stop()
        d.cleanup()


def test_step_by_task(binary):
    """session/step granularity "task": one Task.__step per step (timer and done
    callbacks run through), so each step from entry prints the next task's line; a
    step by "callback" from entry only starts main. The whole trace is CPython's."""
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        path = os.path.join(SCENARIOS, "step_by_task.py")

        def prints(sid):
            return [e["text"] for e in c.events.get(sid, []) if e.get("event") == "print"]

        for v in VERSIONS:
            sid = c.ok("session/start", {"path": path, "python": v, "subscribe": True, "startPaused": True})["session"]
            c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "entry")
            for want in (["main step 1"], ["main step 1", "child step 1"],
                         ["main step 1", "child step 1", "main step 2"]):
                c.ok("session/step", {"session": sid, "granularity": "task"})
                c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "step")
                c.ok("tasks/list", {"session": sid})  # flushes: the events before the stop are in
                if prints(sid) != want:
                    raise Fail("%s: after a task step the prints are %s, expected %s" % (v, prints(sid), want))
            c.ok("session/resume", {"session": sid})
            c.wait_note("session/exited", lambda p: p["session"] == sid)
            compare_with(os.path.join(SCENARIOS, "step_by_task.%s.jsonl" % v), c.events.get(sid, []))
        # By callback, the first step from entry only runs the module and creates main.
        sid = c.ok("session/start", {"path": path, "subscribe": True, "startPaused": True})["session"]
        c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "entry")
        c.ok("session/step", {"session": sid, "granularity": "callback"})
        c.wait_note("session/stopped", lambda p: p["session"] == sid and p["reason"] == "step")
        c.ok("tasks/list", {"session": sid})
        if prints(sid):
            raise Fail("a callback step from entry printed %s" % prints(sid))
    finally:
        d.stop()
        d.cleanup()


def test_busy_session_does_not_starve_clients(binary):
    """A session that never waits on a timer (sleep(0) in a loop) runs slice after slice;
    the daemon answers other requests between slices (uv::LoopDriver's idle handle),
    instead of only after the run (it used to answer the first one when the run ended)."""
    busy = "import asyncio\nasync def main():\n    for i in range(1500000):\n        await asyncio.sleep(0)\n"
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        sid = c.ok("session/start", {"source": busy, "name": "busy.py"})["session"]
        answered, worst = 0, 0.0
        while True:
            t0 = time.time()
            r = c.ok("session/list", {})
            worst = max(worst, time.time() - t0)
            state = [x["state"] for x in r["sessions"] if x["session"] == sid][0]
            if state == "exited":
                break
            answered += 1
        if answered < 10 or worst > 0.25:
            raise Fail("during the busy run: %d requests answered, the slowest in %.0f ms" % (answered, 1000 * worst))
    finally:
        d.stop()
        d.cleanup()


# ---- fault 18: a bad scenario ends its own session only --------------------------------

FAULT_18 = {
    "loops_forever": ("import asyncio\nasync def main():\n    while True:\n        pass\n", {"maxSliceSeconds": 0.5}),
    "recurses": ("import asyncio\ndef f(n):\n    return f(n + 1)\nasync def main():\n    f(0)\n", {}),
    "allocates": ("import asyncio\nasync def main():\n    x = []\n    while True:\n        x.append('a' * 1000)\n",
                  {"maxHeapBytes": 300 << 20}),
    "raises_everywhere": ("import asyncio\nasync def boom():\n    raise ValueError('child')\n"
                          "async def main():\n    asyncio.create_task(boom())\n    await asyncio.sleep(0)\n"
                          "    raise KeyError('main')\n", {}),
    "module_raises": ("import asyncio\nraise RuntimeError('at import')\n", {}),
    "no_main": ("import asyncio\n", {}),
    "deadlock": ("import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\n", {}),
}


def test_fault_18(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        healthy = c.ok("session/start", {"path": os.path.join(SCENARIOS, "debug_uncancel.py"), "python": "3.13",
                                         "clock": "real", "speed": 2, "subscribe": True})["session"]
        ids = {}
        for name, (src, extra) in FAULT_18.items():
            params = {"source": src, "name": name + ".py", "python": "3.13"}
            params.update(extra)
            ids[name] = c.ok("session/start", params)["session"]
        for name, sid in ids.items():
            ex = c.wait_note("session/exited", lambda p, sid=sid: p["session"] == sid, timeout=30)
            # Python-level failures end main with its exception, as CPython would;
            # the rest end the run with an error naming the limit or the reason.
            want_exc = {"raises_everywhere": "KeyError", "recurses": "RecursionError"}.get(name)
            if want_exc:
                if ex["status"] != "exception" or ex["exc"] != want_exc:
                    raise Fail("%s: %s" % (name, json.dumps(ex)))
            elif ex["status"] != "error" or not ex["error"]:
                raise Fail("%s: expected an error exit, got %s" % (name, json.dumps(ex)))
            if VERBOSE:
                print("    %s: %s" % (name, ex["error"] or ex["exc"]))
        # The daemon and the healthy session went on.
        other = open_client(d, "unix")
        other.ok("session/list")
        ex = c.wait_note("session/exited", lambda p: p["session"] == healthy, timeout=30)
        if ex["status"] != "finished":
            raise Fail("the healthy session: %s" % json.dumps(ex))
        # Real clock: the same events in the same order (times are wall-clock times).
        with open(os.path.join(SCENARIOS, "debug_uncancel.3.13.jsonl")) as f:
            want = [json.loads(x)["event"] for x in f if x.strip()]
        got = [e["event"] for e in contract_events(c.events[healthy])]
        if got != want:
            raise Fail("the healthy session's events: %s" % got)
    finally:
        d.stop()
        d.cleanup()


def test_wait_for_subscribers_loses_nothing(binary):
    """waitForSubscribers: a subscriber that stops reading for a while holds the run
    instead of losing events; it then gets every event, in order, with no gap notice.
    Without the flag the same client loses events (the default never waits)."""
    src = ("import asyncio\nasync def main():\n    for i in range(60000):\n"
           "        print('x' * 100)\n        if i % 100 == 99:\n            await asyncio.sleep(0)\n")
    d = Daemon(binary)
    try:
        for lossless in (True, False):
            c = open_client(d, "unix")
            sid = c.ok("session/start", {"source": src, "name": "chatty.py", "subscribe": True,
                                         "diagnostics": False, "waitForSubscribers": lossless})["session"]
            time.sleep(1.0)  # not reading: 60000 events of ~130 bytes are far past the soft bound
            c.wait_note("session/exited", lambda p: p["session"] == sid, timeout=60)
            seqs = [e["seq"] for e in c.events.get(sid, [])]
            gaps = [n for n in c.notes if n["method"] == "session/eventsDropped"]
            if lossless:
                if gaps or seqs != list(range(1, 60004)):
                    raise Fail("waitForSubscribers: %d events, %d gap notices" % (len(seqs), len(gaps)))
            elif len(seqs) >= 60003:
                raise Fail("without waitForSubscribers the stalled client lost nothing: the test cannot tell")
    finally:
        d.stop()
        d.cleanup()


def test_stalled_client_does_not_slow_session(binary):
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        stalled = d.connect("unix")
        stalled.initialize()
        src = ("import asyncio\nasync def main():\n    for i in range(200000):\n"
               "        print('x' * 100)\n")
        # The stalled client subscribes to everything and then never reads.
        stalled.send(request(2, "session/subscribe", {"session": "*"}))
        time.sleep(0.2)
        t0 = time.time()
        sid = c.ok("session/start", {"source": src, "name": "chatty.py"})["session"]
        ex = c.wait_note("session/exited", lambda p: p["session"] == sid, timeout=60)
        took = time.time() - t0
        if ex["status"] != "finished":
            raise Fail("chatty session: %s" % json.dumps(ex))
        if took > 20:
            raise Fail("200k events took %.1f s with a stalled subscriber" % took)
        if d.rss_kb() > 1_500_000:
            raise Fail("daemon RSS %d kB" % d.rss_kb())
        if VERBOSE:
            print("    200k events with a stalled subscriber: %.2f s" % took)
    finally:
        d.stop()
        d.cleanup()


def read_until_exited(c, sid, timeout=60):
    """Reads every message until session/exited for `sid` (kept in c.notes), then what
    follows it for a moment: a test can check that nothing about the session came after."""
    deadline = time.time() + timeout
    while not any(n["method"] == "session/exited" and n["params"].get("session") == sid for n in c.notes):
        if time.time() > deadline:
            raise Fail("no session/exited within %ss" % timeout)
        msg = c.conn.read_message(max(0.01, deadline - time.time()))
        if msg is None:
            raise Fail("EOF waiting for session/exited")
        c._take(msg)
    while True:
        try:
            msg = c.conn.read_message(0.3)
        except Fail:  # nothing more within 0.3 s
            break
        if msg is None:
            break
        c._take(msg)


CANCEL_STORM = ("import asyncio\n"
                "async def sleeper():\n"
                "    await asyncio.sleep(100)\n"
                "async def main():\n"
                "    tasks = [asyncio.create_task(sleeper()) for _ in range(20000)]\n"
                "    await asyncio.sleep(0)\n"
                "    for t in tasks:\n"
                "        t.cancel('storm')\n"
                "    await asyncio.gather(*tasks, return_exceptions=True)\n")


def test_wait_for_subscribers_one_callback_past_the_bound(binary):
    """waitForSubscribers is lossless even when one loop callback publishes far more than
    the soft bound: main creates 20,000 tasks in one step and cancels them all in
    another (~4 MB of events each, the bound is 2 MB) while its only subscriber does not
    read. The subscriber then gets every seq from 1 to `exit`, in order, and no gap
    notice. Without the flag the same client loses events, so the test can tell."""
    d = Daemon(binary)
    try:
        for lossless in (True, False):
            c = open_client(d, "unix")
            sid = c.ok("session/start", {"source": CANCEL_STORM, "name": "storm.py", "subscribe": True,
                                         "diagnostics": False, "waitForSubscribers": lossless})["session"]
            time.sleep(1.5)  # a slow client: nothing read while both bursts are published
            read_until_exited(c, sid)
            seqs = [e["seq"] for e in c.events.get(sid, [])]
            kinds = [e["event"] for e in c.events.get(sid, [])]
            gaps = [n for n in c.notes if n["method"] == "session/eventsDropped"]
            if lossless:
                if gaps:
                    raise Fail("waitForSubscribers: %d gap notices: %s" % (len(gaps), json.dumps(gaps[0])[:200]))
                if not seqs or seqs != list(range(1, len(seqs) + 1)) or kinds[-1] != "exit":
                    raise Fail("waitForSubscribers: %d events, not every seq from 1 to exit" % len(seqs))
                if kinds.count("cancel") != 20000 or kinds.count("task_created") != 20001:
                    raise Fail("waitForSubscribers: %d cancel, %d task_created events" % (
                        kinds.count("cancel"), kinds.count("task_created")))
            elif not gaps:
                raise Fail("without waitForSubscribers the slow client lost nothing: the test cannot tell")
            c.conn.close()
    finally:
        d.stop()
        d.cleanup()


def test_gap_notice_precedes_exited(binary):
    """A client still backlogged when its session ends gets the gap notice before
    `session/exited`, and nothing about the session after it (the notice used to come
    when the queue drained, after the exit notice)."""
    src = ("import asyncio\nasync def main():\n    for i in range(60000):\n"
           "        print('x' * 100)\n        if i % 100 == 99:\n            await asyncio.sleep(0)\n")
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        sid = c.ok("session/start", {"source": src, "name": "chatty.py", "subscribe": True,
                                     "diagnostics": False})["session"]
        time.sleep(1.0)  # backlogged: 60000 events of ~130 bytes, the session ends meanwhile
        read_until_exited(c, sid)
        about = [n["method"] for n in c.notes if n["params"].get("session") == sid]
        if "session/eventsDropped" not in about:
            raise Fail("the backlogged client lost nothing: the test cannot tell")
        exited_at = about.index("session/exited")
        if about.index("session/eventsDropped") > exited_at or exited_at != len(about) - 1:
            raise Fail("messages after session/exited: %s" % about[exited_at:][:5])
        gap = [n["params"] for n in c.notes if n["method"] == "session/eventsDropped"]
        seqs = [e["seq"] for e in c.events.get(sid, [])]
        if len(seqs) + sum(g["count"] for g in gap) != 60003:
            raise Fail("%d events + %d dropped != 60003" % (len(seqs), sum(g["count"] for g in gap)))
    finally:
        d.stop()
        d.cleanup()


ASYNCGEN = os.path.join(HERE, "..", "scenarios", "asyncgen")
PYTHONS = {"3.11": "/root/.pyenv/versions/3.11.7/bin/python3", "3.12": "/root/.pyenv/versions/3.12.1/bin/python3",
           "3.13": "/root/.pyenv/versions/3.13.0/bin/python3"}
TRACER = os.path.join(HERE, "..", "conformance", "tracer.py")
CLOSE_ERROR = "an error occurred during closing of asynchronous generator"


def cpython_trace(path, version):
    """The reference tracer's events and stderr for a scenario under CPython `version`."""
    import subprocess
    p = subprocess.run([PYTHONS[version], TRACER, path], capture_output=True, text=True, timeout=120)
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()], p.stderr


def test_asyncgen_sessions_end_as_asyncio_run(binary):
    """A session ends as asyncio.run does: after `exit`, loop.shutdown_asyncgens() closes
    the async generators still alive (muted, as the tracer mutes after `exit`). Every
    tests/scenarios/asyncgen/ scenario's trace equals CPython's; a generator whose finally
    raises at shutdown is reported as CPython reports it (stderr, here session/output);
    one whose finally never ends is given up on and the session still exits."""
    import tempfile
    d = Daemon(binary)
    try:
        c = open_client(d, "unix")
        names = sorted(n for n in os.listdir(ASYNCGEN) if n.endswith(".py"))
        if len(names) < 5:
            raise Fail("only %d asyncgen scenarios" % len(names))
        for name in names:
            path = os.path.join(ASYNCGEN, name)
            for v in VERSIONS:
                expected, err = cpython_trace(path, v)
                sid = c.ok("session/start", {"path": path, "python": v, "subscribe": True})["session"]
                c.wait_note("session/exited", lambda p: p["session"] == sid, timeout=60)
                c.ok("session/list", {})  # the last batch is in
                with tempfile.NamedTemporaryFile("w", suffix=".jsonl", prefix=name[:-3] + ".", delete=False) as f:
                    f.write("\n".join(json.dumps(e) for e in expected) + "\n")
                try:
                    compare_with(f.name, c.events.get(sid, []))
                finally:
                    os.unlink(f.name)
                output = "".join(n["params"]["text"] for n in c.notes
                                 if n["method"] == "session/output" and n["params"]["session"] == sid)
                if (CLOSE_ERROR in err) != (CLOSE_ERROR in output):
                    raise Fail("%s %s: CPython %s the generator's close error at shutdown, the session %s" % (
                        name, v, "reports" if CLOSE_ERROR in err else "does not report",
                        "does" if CLOSE_ERROR in output else "does not"))
                if name == "finally_raises_at_shutdown.py" and CLOSE_ERROR not in output:
                    raise Fail("%s %s: no close error reported: the test cannot tell" % (name, v))
    finally:
        d.stop()
        d.cleanup()


# ---- main --------------------------------------------------------------------------------


def main():
    global VERBOSE
    args = sys.argv[1:]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    binary = os.path.abspath(args[0])
    pattern = None
    if "-k" in args:
        pattern = args[args.index("-k") + 1]
    VERBOSE = "-v" in args
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_") and callable(f)]
    passed = failed = 0
    for name, fn in tests:
        if pattern and pattern not in name:
            continue
        t0 = time.time()
        try:
            fn(binary)
            passed += 1
            print("ok   %s (%.2fs)" % (name, time.time() - t0))
        except Exception as exc:  # noqa: BLE001 - report and go on
            failed += 1
            print("FAIL %s: %s" % (name, exc))
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
