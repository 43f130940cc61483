#!/usr/bin/env python3
"""Records CPython's trace of runtime scenarios: for each SCENARIO.py, runs the reference
tracer (tests/conformance/tracer.py) under every interpreter pythons.py finds (3.11-3.14,
3.14 through pyodide) and writes SCENARIO.<version>.jsonl beside it, byte for byte what the
tracer printed.  The unit tests load these files as their expected traces.
Usage: record_traces.py SCENARIO.py...   Exit 1 if any run failed (its file is not written).
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.path.join(HERE, "..", "..", "conformance")
sys.path.insert(0, CONFORMANCE)
import pythons  # noqa: E402

TRACER = os.path.join(CONFORMANCE, "tracer.py")


def main(paths):
    interpreters = pythons.find_interpreters()
    failed = 0
    for interp in interpreters:
        if not interp.available:
            print(f"{interp.version} skipped: {interp.reason}", file=sys.stderr)
    for path in paths:
        stem = path[:-3] if path.endswith(".py") else path
        for interp in interpreters:
            if not interp.available:
                continue
            run = subprocess.run(interp.tracer_command(TRACER, os.path.abspath(path)),
                                 capture_output=True, text=True, timeout=300)
            if run.returncode != 0:
                print(f"{path} under {interp.version}: exit {run.returncode}\n{run.stderr}",
                      file=sys.stderr)
                failed += 1
                continue
            with open(f"{stem}.{interp.version}.jsonl", "w", encoding="utf-8") as out:
                out.write(run.stdout)
            print(f"{stem}.{interp.version}.jsonl")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
