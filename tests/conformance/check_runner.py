#!/usr/bin/env python3
"""Tests of the conformance instrument itself (run.py, diff.py), so that a runner that
could never fail is caught: a stand-in `tasklensd` that answers `run` with CPython's own
trace must pass, the same stand-in with one event altered must fail at that event, and a
missing or broken tasklensd must be reported as "tasklensd run unavailable".  Uses CPython
3.13 (or the newest native version found) on two tracer self-test scenarios.
One line per check, then `N passed, M failed`.  Usage: check_runner.py
"""

import os
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pythons  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
SCENARIOS = [os.path.join(ROOT, "tests", "scenarios", "tracer_selftest", name)
             for name in ("cancel_chain.py", "timeout_reschedule.py")]

# The stand-in: `tasklensd run --clock virtual --python V --format jsonl FILE` answered by
# tracer.py under PYTHON; TL_FAKE_MUTATE=N changes the `t` of event N; TL_FAKE_FAIL makes
# it fail the way an unfinished `run` would.
FAKE = r'''import json, os, subprocess, sys
args = sys.argv[1:]
if os.environ.get("TL_FAKE_FAIL"):
    sys.stderr.write("tasklensd: unknown command 'run'\n")
    sys.exit(2)
proc = subprocess.run([PYTHON, TRACER, args[-1]], capture_output=True, text=True)
lines = proc.stdout.splitlines()
mutate = int(os.environ.get("TL_FAKE_MUTATE", "0"))
if 0 < mutate <= len(lines):
    event = json.loads(lines[mutate - 1])
    event["t"] = 99.0
    lines[mutate - 1] = json.dumps(event)
sys.stdout.write("".join(line + "\n" for line in lines))
sys.exit(proc.returncode)
'''


def make_fake(directory, python):
    script = os.path.join(directory, "fake_tasklensd.py")
    with open(script, "w") as f:
        f.write(f"PYTHON = {python!r}\nTRACER = {os.path.join(HERE, 'tracer.py')!r}\n")
        f.write(FAKE)
    exe = os.path.join(directory, "tasklensd")
    with open(exe, "w") as f:
        f.write(f"#!/bin/sh\nexec {sys.executable} {script} \"$@\"\n")
    os.chmod(exe, os.stat(exe).st_mode | stat.S_IXUSR)


def run(tool, build, version, env_extra, *extra):
    env = dict(os.environ, **env_extra)
    argv = [sys.executable, os.path.join(HERE, tool), "--build", build, "--python", version]
    proc = subprocess.run(argv + list(extra), capture_output=True, text=True, env=env,
                          timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def main():
    version = next((v for v in ("3.13", "3.12", "3.11") if pythons.find_native(v)), None)
    if version is None:
        print("no native CPython 3.11-3.13: runner checks skipped")
        print("0 passed, 1 failed")
        return 1
    python = pythons.find_native(version)
    passed = failed = 0

    def check(name, ok, output):
        nonlocal passed, failed
        print(f"{'PASS' if ok else 'FAIL'} {name}", flush=True)
        if ok:
            passed += 1
        else:
            failed += 1
            print("     " + output[-2500:].replace("\n", "\n     "))

    with tempfile.TemporaryDirectory(prefix="tasklens-runner-check-") as tmp:
        build = os.path.join(tmp, "build")
        os.makedirs(build)
        make_fake(build, python)
        code, out = run("run.py", build, version, {}, *SCENARIOS)
        check(f"run.py {version}: tasklens = CPython passes every cell",
              code == 0 and out.rstrip().endswith("\n2 passed, 0 failed"), out)

        code, out = run("run.py", build, version, {"TL_FAKE_MUTATE": "3"}, *SCENARIOS)
        check(f"run.py {version}: one altered event fails both cells at event #3",
              code == 1 and out.rstrip().endswith("\n0 passed, 2 failed")
              and out.count("traces differ at event #3: field 't'") == 2
              and "actual:" in out, out)

        known = os.path.join(tmp, "known.txt")
        with open(known, "w") as f:
            f.write("# test\ntracer_selftest/cancel_chain * a documented limitation\n")
        code, out = run("run.py", build, version, {"TL_FAKE_MUTATE": "3"}, "--known", known,
                        *SCENARIOS)
        check(f"run.py {version}: a listed difference is 'known', not a failure",
              code == 1 and out.rstrip().endswith("\n0 passed, 1 failed")
              and "known  " in out and "a documented limitation" in out, out)

        code, out = run("run.py", build, version, {"TL_FAKE_FAIL": "1"}, *SCENARIOS)
        check(f"run.py {version}: a tasklensd without `run` makes every cell fail with its error",
              code == 1 and "tasklensd run unavailable: exit 2: tasklensd: unknown command 'run'"
              in out and out.rstrip().endswith("\n0 passed, 2 failed"), out)

        code, out = run("run.py", os.path.join(tmp, "nowhere"), version, {}, *SCENARIOS)
        check(f"run.py {version}: no tasklensd at all is reported, not skipped",
              code == 1 and "tasklensd run unavailable:" in out and "not found" in out, out)

        code, out = run("diff.py", build, version, {}, SCENARIOS[1])
        check(f"diff.py {version}: agreement exits 0", code == 0 and "agrees" in out, out)
        code, out = run("diff.py", build, version, {"TL_FAKE_MUTATE": "2"}, SCENARIOS[1])
        check(f"diff.py {version}: a divergence exits 1 and shows event 2",
              code == 1 and "differs from CPython at event 2" in out and ">    2" in out, out)
        code, out = run("diff.py", build, version, {}, os.path.join(tmp, "missing.py"))
        check("diff.py: a missing file is a usage error (exit 2)", code == 2, out)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
