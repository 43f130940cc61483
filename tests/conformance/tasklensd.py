"""The tasklens side of a comparison, for run.py and diff.py: runs
`$BUILD/tasklensd run --clock virtual --python V --format jsonl FILE` and reports what it
wrote, or why it could not run.  `probe()` first checks, once per version, that
`tasklensd run` works at all, so a missing or unfinished command is one clear reason
("tasklensd run unavailable: …") instead of hundreds of time-outs.
"""

import json
import os
import subprocess
import tempfile

RUN_TIMEOUT = 60    # seconds for one scenario (the daemon's own limits stop runaways sooner)
PROBE_TIMEOUT = 20  # a `tasklensd` that does not know `run` may start serving instead

# Small and certainly inside the scenario subset: if this does not run, nothing will.
PROBE_SCENARIO = '''import asyncio


async def main():
    await asyncio.sleep(0.5)
    print("probe")


if __name__ == "__main__":
    asyncio.run(main())
'''


class Run:
    """One tasklensd run: `trace` (JSON lines) when `error` is None."""

    def __init__(self, trace="", stderr="", status=None, error=None):
        self.trace, self.stderr, self.status, self.error = trace, stderr, status, error


def binary(build):
    return os.path.join(build, "tasklensd")


def command(build, version, path):
    return [binary(build), "run", "--clock", "virtual", "--python", version,
            "--format", "jsonl", path]


def _first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def run(build, version, path, timeout=RUN_TIMEOUT):
    exe = binary(build)
    if not os.access(exe, os.X_OK):
        return Run(error=f"{exe} not found (not built: make all first)")
    try:
        proc = subprocess.run(command(build, version, path), capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Run(error=f"timed out after {timeout} s")
    except OSError as exc:
        return Run(error=f"cannot start {exe}: {exc}")
    if proc.returncode != 0:
        detail = _first_line(proc.stderr) or _first_line(proc.stdout) or "no output"
        return Run(proc.stdout, proc.stderr, proc.returncode,
                   error=f"exit {proc.returncode}: {detail}")
    return Run(proc.stdout, proc.stderr, 0)


def probe(build, version):
    """None when `tasklensd run` runs a trivial scenario under `version` and writes a
    JSON-lines trace ending in `exit`; otherwise "tasklensd run unavailable: <why>"."""
    with tempfile.TemporaryDirectory(prefix="tasklens-probe-") as tmp:
        path = os.path.join(tmp, "probe.py")
        with open(path, "w") as f:
            f.write(PROBE_SCENARIO)
        result = run(build, version, path, timeout=PROBE_TIMEOUT)
    why = result.error
    if why is None:
        try:
            events = [json.loads(line) for line in result.trace.splitlines() if line.strip()]
            if not events or not isinstance(events[-1], dict) or events[-1].get("event") != "exit":
                why = "its trace of a trivial scenario does not end with an `exit` event"
        except ValueError:
            why = f"its output is not JSON lines: {_first_line(result.trace)!r}"
    return None if why is None else f"tasklensd run unavailable: {why}"
