#!/usr/bin/env python3
"""The test that the reference tracer reproduces CPython's traces: every scenario of
../shared/trace-examples (beside the repo, as CI places it) and tests/scenarios/tracer_selftest
against its NAME.VERSION.jsonl, byte for byte, under each interpreter of pythons.py.

A scenario without a trace file for a version (3.14 has none for trace-examples) is checked
for running cleanly: exit 0, every contract field present, last event `exit`.  One line per
check, then `N passed, M failed`; exit status 1 when anything failed or nothing ran.
Usage: check_examples.py [VERSION ...]
"""

import concurrent.futures
import glob
import io
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402
import pythons  # noqa: E402
import trace_contract  # noqa: E402

TRACER = os.path.join(HERE, "tracer.py")
SKIP_MARK = "3.14: skipped ("  # what run_tracer.mjs prints when pyodide is unusable


def repo_root():
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=HERE,
                             capture_output=True, text=True, timeout=30)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    return os.path.dirname(os.path.dirname(HERE))


class Checks:
    """Counts and prints results: ("PASS"|"FAIL"|"SKIP", text, detail)."""

    def __init__(self):
        self.passed = self.failed = 0

    def record(self, result):
        kind, text, detail = result
        if kind == "PASS":
            self.passed += 1
        elif kind == "FAIL":
            self.failed += 1
        print(f"{kind} {text}", flush=True)
        if detail:
            print("     " + detail.rstrip("\n").replace("\n", "\n     "), flush=True)


def run_tracer(interpreter, scenario):
    proc = subprocess.run(interpreter.tracer_command(TRACER, scenario),
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def sanity_problem(stdout):
    """Why a trace without a reference file is not a clean trace, or None."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    if not lines:
        return "empty trace"
    for number, line in enumerate(lines, 1):
        try:
            event = json.loads(line)
        except ValueError:
            return f"line {number} is not JSON: {line[:80]}"
        fields = trace_contract.compared_fields(event.get("event"))
        if fields is None:
            return f"line {number}: unknown event {event.get('event')!r}"
        optional = trace_contract.ABSENT_WHEN_NULL.get(event["event"], ())
        missing = [f for f in fields if f not in event and f not in optional]
        if missing or event.get("seq") != number:
            return f"line {number}: missing {missing} or seq is not {number}: {line[:80]}"
    if json.loads(lines[-1])["event"] != "exit":
        return f"last event is not exit: {lines[-1][:80]}"
    return None


def check_scenario(interpreter, scenario, label):
    """The result of tracing one scenario; SKIP when pyodide turned out to be unusable."""
    name = f"{interpreter.version} {label}"
    try:
        code, stdout, stderr = run_tracer(interpreter, scenario)
    except subprocess.TimeoutExpired:
        return "FAIL", name, "tracer timed out"
    if stdout.startswith(SKIP_MARK):
        return "SKIP", stdout.strip(), ""
    if code != 0:
        return "FAIL", name, f"tracer exit status {code}\n{stderr[-1500:]}"
    expected = f"{scenario[:-3]}.{interpreter.version}.jsonl"
    if not os.path.exists(expected):
        problem = sanity_problem(stdout)
        if problem:
            return "FAIL", f"{name}: no reference trace; not a clean trace", problem
        return "PASS", (f"{name}: no reference trace for {interpreter.version}; "
                        f"runs and ends in exit ({len(stdout.splitlines())} events)"), ""
    with open(expected, encoding="utf-8") as f:
        want = f.read()
    if stdout == want:
        return "PASS", f"{name}: byte-identical to {os.path.basename(expected)}", ""
    detail = io.StringIO()
    try:
        want_trace = compare.parse_trace(want, expected)
        got_trace = compare.parse_trace(stdout, "tracer output")
    except compare.TraceError as exc:
        detail.write(str(exc))
    else:
        found = compare.first_difference(want_trace, got_trace)
        if found:
            compare.describe(want_trace, got_trace, *found, detail)
        else:
            detail.write("equal on the contract, but not byte for byte (format/extra fields)")
    return "FAIL", f"{name}: differs from {os.path.basename(expected)}", detail.getvalue()


def check_load_failure(interpreter):
    """A scenario that does not compile: message on stderr, exit 2, no trace."""
    with tempfile.TemporaryDirectory() as tmp:
        broken = os.path.join(tmp, "broken.py")
        with open(broken, "w") as f:
            f.write("async def main(:\n")
        code, stdout, stderr = run_tracer(interpreter, broken)
    label = f"{interpreter.version} broken scenario"
    if code == 2 and not stdout and "SyntaxError" in stderr:
        return "PASS", f"{label}: exit 2, SyntaxError on stderr, no trace", ""
    return "FAIL", label, f"exit {code}, stdout {stdout[:80]!r}, stderr {stderr[-300:]!r}"


def ensure_pyodide():
    """Install the pinned pyodide when it is missing (quiet, idempotent)."""
    argv, _ = pythons.pyodide_status()
    if argv is None and os.path.exists(os.path.join(pythons.PYODIDE_DIR, "install.sh")):
        subprocess.run(["bash", os.path.join(pythons.PYODIDE_DIR, "install.sh")],
                       stdout=subprocess.DEVNULL)


def main(argv=None):
    wanted = set(sys.argv[1:] if argv is None else argv) or set(pythons.VERSIONS)
    checks = Checks()
    examples_dir = os.path.normpath(os.path.join(repo_root(), "..", "shared", "trace-examples"))
    selftest_dir = os.path.join(repo_root(), "tests", "scenarios", "tracer_selftest")

    scenarios = []
    if os.path.isdir(examples_dir):
        scenarios += [(p, "trace-examples/" + os.path.basename(p)[:-3])
                      for p in sorted(glob.glob(os.path.join(examples_dir, "*.py")))]
    else:
        checks.record(("FAIL", f"trace examples not found at {examples_dir} "
                       "(shared/ must sit beside the repository, as CI places it)", ""))
    scenarios += [(p, "tracer_selftest/" + os.path.basename(p)[:-3])
                  for p in sorted(glob.glob(os.path.join(selftest_dir, "*.py")))]

    if "3.14" in wanted and pythons.find_native("3.14") is None:
        ensure_pyodide()
    jobs = max(1, int(os.environ.get("TRACER_JOBS", "2")))  # the machine is shared
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for interpreter in pythons.find_interpreters():
            if interpreter.version not in wanted:
                continue
            if not interpreter.available:
                checks.record(("SKIP", f"{interpreter.version}: {interpreter.reason}", ""))
                continue
            # The first run alone: an unusable pyodide is reported once, with its reason.
            first = check_scenario(interpreter, *scenarios[0]) if scenarios else None
            if first:
                checks.record(first)
                if first[0] == "SKIP":
                    continue
            rest = pool.map(lambda s: check_scenario(interpreter, *s), scenarios[1:])
            for result in rest:
                checks.record(result)
            checks.record(check_load_failure(interpreter))

    if checks.passed == 0 and checks.failed == 0:
        print("no check ran")
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or not checks.passed else 0


if __name__ == "__main__":
    sys.exit(main())
