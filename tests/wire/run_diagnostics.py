#!/usr/bin/env python3
"""`tasklensd run --diagnostics` against the daemon's own diagnostics (issue 5: diagnostics
are pushed as events so every inspector and every recording has them).

The same scenario run as a daemon session (session/start, diagnostics on) and as
`tasklensd run --diagnostics --format jsonl` must give the same events, diagnostic events
included, in the same place with the same seq; without the flag the run's trace is the
flagged one minus its diagnostic events (so the conformance comparison with CPython is
untouched). The codes pinned below are what the daemon reports over the wire for these
scenarios, and the facts behind them are checked against CPython where CPython shows
them (its "Task exception was never retrieved" log; 3.13's uncancel rescinding a
pending cancel).
Usage: python3 tests/wire/run_diagnostics.py build/tasklensd   (ends `N passed, M failed`)
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("wire_run", os.path.join(HERE, "run.py"))
wire = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wire)
_spec2 = importlib.util.spec_from_file_location("wire_sessions", os.path.join(HERE, "sessions.py"))
sessions = importlib.util.module_from_spec(_spec2)
_spec2.loader.exec_module(sessions)

VERSIONS = ("3.11", "3.12", "3.13")
PYTHONS = {"3.11": "/root/.pyenv/versions/3.11.7/bin/python3", "3.12": "/root/.pyenv/versions/3.12.1/bin/python3",
           "3.13": "/root/.pyenv/versions/3.13.0/bin/python3"}
SESSION_DIR = os.path.join(ROOT, "tests", "scenarios", "runtime", "session")
ASYNCGEN_DIR = os.path.join(ROOT, "tests", "scenarios", "asyncgen")
SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "examples", "*.py")) + glob.glob(os.path.join(SESSION_DIR, "*.py")) +
                   glob.glob(os.path.join(ASYNCGEN_DIR, "*.py")))

# scenario -> version -> diagnostic codes in order (what the daemon's sessions report)
PINNED = {
    "never_retrieved.py": {v: ["exception-never-retrieved"] for v in VERSIONS},
    "rescind.py": {"3.11": [], "3.12": [], "3.13": ["cancel-rescinded"]},
}

passed = failed = 0


def result(ok, name, why=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + why if why else ""))


def run(binary, *args):
    p = subprocess.run([binary, "run"] + list(args), capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def lines_of(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def session_events(daemon, path, version):
    c = sessions.open_client(daemon, "unix")
    try:
        r = c.ok("session/start", {"path": path, "python": version, "subscribe": True, "diagnostics": True})
        sid = r["session"]
        c.wait_note("session/exited", lambda p: p.get("session") == sid)
        # Events of the last batch may trail the exit notice: read until the exit event.
        deadline = 50
        while not any(e.get("event") == "exit" for e in c.events.get(sid, [])) and deadline:
            msg = c.conn.read_message(0.2)
            if msg is not None:
                c._take(msg)
            deadline -= 1
        return c.events.get(sid, [])
    finally:
        c.conn.close()


def without_diagnostics(events):
    out = []
    for e in events:
        if e.get("event") == "diagnostic":
            continue
        e = dict(e)
        e["seq"] = len(out) + 1
        out.append(e)
    return out


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/tasklensd")
    daemon = wire.Daemon(binary)
    codes_seen = set()
    try:
        for path in SCENARIOS:
            name = os.path.basename(path)
            for v in VERSIONS:
                tag = "%s %s" % (name, v)
                rc, flagged, err = run(binary, "--python", v, "--format", "jsonl", "--diagnostics", path)
                rc0, plain, err0 = run(binary, "--python", v, "--format", "jsonl", path)
                flagged_events = lines_of(flagged)
                wire_events = session_events(daemon, path, v)
                result(flagged_events == wire_events, tag + ": run --diagnostics == the daemon session's events",
                       "run %d events, session %d; first difference: %s" % (
                           len(flagged_events), len(wire_events),
                           next((json.dumps([a, b]) for a, b in zip(flagged_events, wire_events) if a != b), "length")))
                result(rc == rc0 and without_diagnostics(flagged_events) == lines_of(plain),
                       tag + ": without the flag, the same trace minus the diagnostics")
                # Both end as asyncio.run does (shutdown_asyncgens after `exit`): what the
                # generators' close reports on stderr is the same.
                result(err == err0, tag + ": run --diagnostics writes the stderr of run", "%r vs %r" % (
                    err[-200:], err0[-200:]))
                codes = [e["code"] for e in flagged_events if e.get("event") == "diagnostic"]
                codes_seen.update(codes)
                if name in PINNED:
                    result(codes == PINNED[name][v], tag + ": codes %s" % PINNED[name][v], "got %s" % codes)
        # The facts behind the pinned codes, from CPython itself (the reference tracer).
        tracer = os.path.join(ROOT, "tests", "conformance", "tracer.py")
        nr = os.path.join(SESSION_DIR, "never_retrieved.py")
        for v in VERSIONS:
            p = subprocess.run([PYTHONS[v], tracer, nr], capture_output=True, text=True, timeout=60)
            result("exception was never retrieved" in p.stderr,
                   "CPython %s logs the never-retrieved exception of never_retrieved.py" % v, p.stderr[-200:])
        rs = os.path.join(SESSION_DIR, "rescind.py")
        for v in VERSIONS:
            p = subprocess.run([PYTHONS[v], tracer, rs], capture_output=True, text=True, timeout=60)
            rescinded = '"text": "not cancelled"' in p.stdout
            result(rescinded == (v == "3.13"), "CPython %s: uncancel() %s the pending cancel in rescind.py" % (
                v, "rescinds" if v == "3.13" else "does not rescind"), p.stdout[-200:])
        result(len(codes_seen) >= 3, "the scenarios exercise several codes: %s" % sorted(codes_seen))
        # text format: one readable line per finding; none: nothing at all.
        rc, text, _ = run(binary, "--python", "3.13", "--format", "text", "--diagnostics", nr)
        result(rc == 0 and "diagnostic  exception-never-retrieved task=Task-2" in text,
               "text: a readable diagnostic line", text[-300:])
        rc, text0, _ = run(binary, "--python", "3.13", "--format", "text", nr)
        result([ln for ln in text.splitlines() if "  diagnostic  " not in ln] == text0.splitlines(),
               "text: without the flag, the same lines minus the diagnostics")
        rc, none, _ = run(binary, "--format", "none", "--diagnostics", nr)
        result(rc == 0 and none == "", "none: --diagnostics writes nothing")
        rc, out, err = run(binary, "--help")
        result("--diagnostics" in out, "--help documents --diagnostics")
    finally:
        daemon.stop()
        daemon.cleanup()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
