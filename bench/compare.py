#!/usr/bin/env python3
"""Side-by-side benchmark of the scenario workloads in bench/ (issues 3 and 8): each runs,
in this one invocation and alternating between configurations, under
  cpython        CPython 3.13, stock C-accelerated asyncio, virtual clock, no tracing
                 (bench/vclock_runner.py)
  cpython-traced CPython 3.13 under the conformance reference tracer (JSONL to a file)
  tasklens       `tasklensd run --format none` (no trace, no print output)
  tasklens-jsonl `tasklensd run --format jsonl` with the trace written to a file
and prints the medians (CPU time = user+sys of the child, from wait4; wall time beside it),
the ratios CPython / tasklens, each configuration's peak RSS, and the target check:
tasklens-jsonl faster than untraced CPython on every workload and >= 20x faster than the
traced CPython. Every run's result line is checked against CPython's.
Usage: python3 bench/compare.py --build DIR [--runs N] [--python PATH] [WORKLOAD...]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKLOADS = ["cpu_bound", "cancel_storm", "taskgroup_abort", "nested_timeouts", "pingpong"]
DEFAULT_PYTHON = "/root/.pyenv/versions/3.13.0/bin/python3"
CONFIGS = ["cpython", "cpython-traced", "tasklens", "tasklens-jsonl"]
TRACED_TARGET = 20.0


def command(config, workload, python, build):
    path = os.path.join(ROOT, "bench", workload + ".py")
    if config == "cpython":
        return [python, os.path.join(ROOT, "bench", "vclock_runner.py"), path]
    if config == "cpython-traced":
        return [python, os.path.join(ROOT, "tests", "conformance", "tracer.py"),
                "--max-events", "1000000000", "--max-passes", "1000000000", path]
    tasklensd = os.path.join(build, "tasklensd")
    fmt = "none" if config == "tasklens" else "jsonl"
    return [tasklensd, "run", "--python", "3.13", "--format", fmt, path]


def run_once(cmd, out_path):
    """Runs cmd with stdout to out_path; answers (cpu seconds, wall seconds, peak RSS KiB, rc,
    stderr). Peak RSS comes from /usr/bin/time when present: wait4's ru_maxrss of a child
    spawned from this process can carry this process's own high-water mark across exec."""
    rss_path = out_path + ".rss"
    timed = os.access("/usr/bin/time", os.X_OK)
    full = ["/usr/bin/time", "-f", "%M", "-o", rss_path] + cmd if timed else cmd
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=subprocess.PIPE)
        err = proc.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.stderr.close()
    rc = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss
    if timed:
        try:
            with open(rss_path) as f:
                lines = [l for l in f.read().split() if l.isdigit()]
            rss = int(lines[-1]) if lines else rss
        except OSError:
            pass
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, wall, rss, rc, err


def result_line(config, out_path):
    """The scenario's printed result: the last stdout line, or the last `print` event
    (read line by line, so this process stays small next to a 100 MB trace)."""
    last = None
    with open(out_path, "rb") as f:
        for raw in f:
            line = raw.decode(errors="replace").rstrip("\n")
            if config in ("cpython-traced", "tasklens-jsonl"):
                if '"event": "print"' in line:
                    last = json.loads(line).get("text")
            elif line.strip():
                last = line
    if config == "tasklens":
        return None  # --format none prints nothing
    return last


def fmt_s(x):
    return f"{x * 1000:8.1f}ms" if x < 10 else f"{x:8.2f}s "


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--python", default=DEFAULT_PYTHON)
    ap.add_argument("--configs", default=",".join(CONFIGS), help="comma-separated subset of " + ",".join(CONFIGS))
    ap.add_argument("workloads", nargs="*", default=WORKLOADS)
    args = ap.parse_args(argv)
    build = os.path.abspath(args.build)
    configs = [c for c in args.configs.split(",") if c]
    if not os.access(os.path.join(build, "tasklensd"), os.X_OK):
        print(f"compare.py: no {build}/tasklensd (build it first)", file=sys.stderr)
        return 2
    if not os.access(args.python, os.X_OK):
        print(f"compare.py: no CPython at {args.python}", file=sys.stderr)
        return 2

    results = {}  # (workload, config) -> list of (cpu, wall, rss)
    problems = []
    with tempfile.TemporaryDirectory(prefix="tl-bench-") as tmp:
        for w in args.workloads:
            expected = None
            for r in range(args.runs):
                # Alternate: every configuration once per round, the order rotated each round.
                order = configs[r % len(configs):] + configs[:r % len(configs)]
                for c in order:
                    out = os.path.join(tmp, f"{w}.{c}.out")
                    cpu, wall, rss, rc, err = run_once(command(c, w, args.python, build), out)
                    if rc != 0:
                        problems.append(f"{w}/{c}: exit status {rc}: {err.strip()[-300:]}")
                    line = result_line(c, out)
                    if c == "cpython" and expected is None:
                        expected = line
                    if line is not None and expected is not None and line != expected:
                        problems.append(f"{w}/{c}: printed {line!r}, CPython printed {expected!r}")
                    results.setdefault((w, c), []).append((cpu, wall, rss))

    med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v), max(x[2] for x in v))
           for k, v in results.items()}
    print(f"\nscenario workloads: median of {args.runs} runs, CPU = user+sys of the child "
          f"(wall beside it), peak RSS; CPython = {args.python}")
    header = f"{'workload':<17}" + "".join(f"{c:>30}" for c in configs)
    print(header)
    for w in args.workloads:
        row = f"{w:<17}"
        for c in configs:
            cpu, wall, rss = med[(w, c)]
            row += f"{fmt_s(cpu)} ({fmt_s(wall).strip():>8}) {rss / 1024:6.1f}MB"
        print(row)

    ok = True
    if "tasklens-jsonl" in configs:
        print("\nratios (CPython CPU time / tasklens CPU time) and the targets")
        print(f"{'workload':<17}{'cpy/tl':>10}{'cpy/tl-jsonl':>14}{'traced/tl-jsonl':>17}  target")
        for w in args.workloads:
            tl = med[(w, "tasklens-jsonl")][0]
            tl_none = med[(w, "tasklens")][0] if (w, "tasklens") in med else None
            cpy = med[(w, "cpython")][0] if (w, "cpython") in med else None
            traced = med[(w, "cpython-traced")][0] if (w, "cpython-traced") in med else None
            r1 = f"{cpy / tl_none:9.2f}x" if cpy and tl_none else f"{'-':>10}"
            r2 = f"{cpy / tl:13.2f}x" if cpy else f"{'-':>14}"
            r3 = f"{traced / tl:16.1f}x" if traced else f"{'-':>17}"
            verdict = []
            if cpy is not None:
                verdict.append("faster than CPython" if tl < cpy else "SLOWER than CPython")
                ok &= tl < cpy
            if traced is not None:
                hit = traced / tl >= TRACED_TARGET
                verdict.append(f">= {TRACED_TARGET:.0f}x traced" if hit else f"< {TRACED_TARGET:.0f}x traced (MISSED)")
                ok &= hit
            print(f"{w:<17}{r1}{r2}{r3}  {', '.join(verdict)}")
        print("\ntarget check:", "MET on every workload" if ok else "MISSED (see above)")
    for p in problems:
        print("problem:", p)
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
