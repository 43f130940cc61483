#!/usr/bin/env python3
"""The differential conformance runner (`make conformance`, part of `make test`): every
scenario under tests/scenarios/ (but lang/, the interpreter's output-only suite) and
examples/, under every version 3.11-3.14, traced by real CPython (reference.py: batch mode,
cached) and by `$BUILD/tasklensd run --clock virtual --python V --format jsonl`, compared
event by event on `event`, `t` and the contract fields (compare.py).

Prints each difference (scenario, version, first differing event on both sides, ten events
of context), then a table scenarios x versions (passed / FAILED / skipped / known) and a
last line `N passed, M failed`.  Cells listed in known_differences.txt are "known" and
count as neither.  Exit 0 when nothing failed, 1 otherwise, 2 usage.
Usage: run.py [--build DIR] [--python V]... [--jobs N] [--no-cache] [PATH...]
"""

import argparse
import concurrent.futures
import io
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402
import pythons  # noqa: E402
import reference  # noqa: E402
import tasklensd  # noqa: E402

ROOT = reference.repo_root()
SCENARIOS = os.path.join(ROOT, "tests", "scenarios")
EXAMPLES = os.path.join(ROOT, "examples")
EXCLUDED_DIRS = ("lang", "errors")  # lang: output-only; errors: bad input (script_errors.sh); each has its own suite
KNOWN_FILE = os.path.join(HERE, "known_differences.txt")


def is_scenario(path):
    """A scenario is a .py file that defines `async def main` (helper scripts beside the
    scenarios, such as runtime/record_traces.py, are not)."""
    try:
        with open(path, encoding="utf-8") as f:
            return "async def main(" in f.read()
    except (OSError, UnicodeDecodeError):
        return False


def discover(paths=None):
    """[(label, path)] sorted by label; label = path below tests/scenarios (or
    examples/...) without .py."""
    found = []

    def walk(top, prefix, excluded=()):
        for directory, subdirs, files in os.walk(top):
            rel = os.path.relpath(directory, top)
            if rel == ".":
                subdirs[:] = [d for d in subdirs if d not in excluded]
            subdirs[:] = [d for d in subdirs if d != "__pycache__"]
            for name in files:
                path = os.path.join(directory, name)
                if name.endswith(".py") and is_scenario(path):
                    label = os.path.relpath(path, top)[:-3]
                    found.append((prefix + label, path))

    if paths:
        for given in paths:
            given = os.path.abspath(given)
            if os.path.isdir(given):
                walk(given, os.path.relpath(given, SCENARIOS) + "/"
                     if given.startswith(SCENARIOS + os.sep) else "")
            elif os.path.isfile(given):
                if given.startswith(SCENARIOS + os.sep):
                    label = os.path.relpath(given, SCENARIOS)[:-3]
                else:
                    label = os.path.relpath(given, ROOT)[:-3]
                found.append((label, given))
            else:
                raise FileNotFoundError(given)
    else:
        walk(SCENARIOS, "", EXCLUDED_DIRS)
        if os.path.isdir(EXAMPLES):
            walk(EXAMPLES, "examples/")
    return sorted(set(found))


def load_known(path=KNOWN_FILE):
    """{(label, version): reason}; lines `scenario version reason`, version may be `*`."""
    known = {}
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return known
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            raise ValueError(f"{path}:{number}: expected `scenario version reason`")
        known[(parts[0], parts[1])] = parts[2]
    return known


def known_reason(known, label, version):
    return known.get((label, version)) or known.get((label, "*"))


class Cell:
    def __init__(self, state, reason="", detail=""):
        self.state, self.reason, self.detail = state, reason, detail


def judge(ref, run_result, unavailable):
    """The cell for one scenario and version."""
    if ref.skipped:
        return Cell("skipped", ref.skipped)
    problem = ref.problem()
    if problem and not (ref.status == 2 and run_result is not None
                        and run_result.status == 2):
        return Cell("FAILED", problem)  # the scenario itself is broken under CPython
    if unavailable:
        return Cell("FAILED", unavailable)
    if ref.status == 2:
        return Cell("passed", "both refuse to run it")
    if run_result.error:
        return Cell("FAILED", f"tasklensd {run_result.error}")
    try:
        want = compare.parse_trace(ref.trace, "CPython")
        got = compare.parse_trace(run_result.trace, "tasklensd")
    except compare.TraceError as exc:
        return Cell("FAILED", str(exc))
    found = compare.first_difference(want, got)
    if found is None:
        return Cell("passed")
    detail = io.StringIO()
    compare.describe(want, got, *found, detail)
    return Cell("FAILED", f"differs at event #{found[0] + 1}", detail.getvalue())


def print_table(labels, versions, cells, known, out):
    width = max([len("scenario")] + [len(label) for label in labels])
    out.write(f"{'scenario':<{width}}  " + "  ".join(f"{v:<7}" for v in versions) + "\n")
    out.write("-" * width + "  " + "  ".join("-" * 7 for _ in versions) + "\n")
    for label in labels:
        row = [cells[(label, v)].state for v in versions]
        out.write(f"{label:<{width}}  " + "  ".join(f"{s:<7}" for s in row) + "\n")
    listed = [(key, reason) for key, reason in sorted(known.items())]
    out.write("\nknown differences (tests/conformance/known_differences.txt):\n")
    if not listed:
        out.write("  (none)\n")
    for (label, version), reason in listed:
        out.write(f"  {label} {version}: {reason}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="scenario files or directories "
                        "(default: tests/scenarios minus lang/, and examples/)")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"),
                        help="directory holding tasklensd (default $BUILD or build)")
    parser.add_argument("--python", action="append", choices=pythons.VERSIONS,
                        help="only this version (repeatable; default all four)")
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("CONFORMANCE_JOBS", 2)))
    parser.add_argument("--no-cache", action="store_true",
                        help="trace with CPython again even when the cache has the trace")
    parser.add_argument("--known", default=KNOWN_FILE, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    build = args.build if os.path.isabs(args.build) else os.path.join(ROOT, args.build)
    versions = [v for v in pythons.VERSIONS if not args.python or v in args.python]
    try:
        scenarios = discover(args.paths)
        known = load_known(args.known)
    except (OSError, ValueError) as exc:
        print(f"run.py: {exc}", file=sys.stderr)
        return 2
    if not scenarios:
        print("run.py: no scenarios found", file=sys.stderr)
        return 2
    labels = [label for label, _ in scenarios]
    path_of = dict(scenarios)
    out = sys.stdout

    interpreters = [i for i in pythons.find_interpreters() if i.version in versions]
    if any(i.version == "3.14" and not i.available for i in interpreters):
        import check_examples  # installs the pinned pyodide when npm can
        check_examples.ensure_pyodide()
        interpreters = [i for i in pythons.find_interpreters() if i.version in versions]
    started = time.monotonic()
    refs = reference.reference_traces(interpreters, [p for _, p in scenarios],
                                      jobs=args.jobs, use_cache=not args.no_cache)
    cached = sum(1 for r in refs.values() if r.cached)
    traced = sum(1 for r in refs.values() if r.status is not None and not r.cached)
    ref_seconds = time.monotonic() - started
    out.write(f"reference traces: {traced} traced, {cached} from the cache, "
              f"{ref_seconds:.1f} s\n")
    for interpreter in interpreters:
        if not interpreter.available:
            out.write(f"{interpreter.version}: skipped: {interpreter.reason}\n")

    # tasklensd: one probe per version, then every cell, `jobs` at a time.
    started = time.monotonic()
    unavailable = {}
    for version in versions:
        if all(refs[(version, p)].skipped for _, p in scenarios):
            continue
        unavailable[version] = tasklensd.probe(build, version)
    runs = {}
    cells_to_run = [(label, v) for label in labels for v in versions
                    if not refs[(v, path_of[label])].skipped and not unavailable.get(v)]
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = {cell: pool.submit(tasklensd.run, build, cell[1], path_of[cell[0]])
                   for cell in cells_to_run}
        for cell, future in futures.items():
            runs[cell] = future.result()
    out.write(f"tasklensd runs: {len(runs)} in {time.monotonic() - started:.1f} s\n")
    for version, why in unavailable.items():
        if why:
            out.write(f"{version}: {why} (every {version} cell FAILED)\n")

    cells = {}
    for label in labels:
        for version in versions:
            cell = judge(refs[(version, path_of[label])], runs.get((label, version)),
                         unavailable.get(version))
            reason = known_reason(known, label, version)
            if cell.state == "FAILED" and reason:
                cell = Cell("known", reason, cell.detail)
            cells[(label, version)] = cell
            if cell.state == "FAILED" and cell.reason != unavailable.get(version):
                out.write(f"\nFAILED {label} {version}: {cell.reason}\n")
                out.write(f"  scenario: {os.path.relpath(path_of[label], ROOT)}\n")
                if cell.detail:
                    out.write("  " + cell.detail.rstrip("\n").replace("\n", "\n  ") + "\n")

    out.write("\n")
    print_table(labels, versions, cells, known, out)
    for (label, version) in sorted(known):
        listed = [cells[(label, v)] for v in versions
                  if (label, v) in cells and version in (v, "*")]
        if not listed and label not in path_of and not args.paths:
            out.write(f"note: known_differences.txt names {label}, which is not a scenario\n")
        elif listed and all(c.state == "passed" for c in listed):
            out.write(f"note: {label} {version} is listed as known but agrees now: "
                      "remove the entry\n")
    skipped = sorted({v for (_, v), c in cells.items() if c.state == "skipped"})
    for version in skipped:
        reason = next(c.reason for (_, v), c in cells.items() if v == version)
        out.write(f"skipped: {version} ({reason})\n")
    counts = {state: sum(1 for c in cells.values() if c.state == state)
              for state in ("passed", "FAILED", "skipped", "known")}
    out.write(f"{len(labels)} scenarios x {len(versions)} versions: "
              f"{counts['passed']} passed, {counts['FAILED']} FAILED, "
              f"{counts['skipped']} skipped, {counts['known']} known\n")
    out.write(f"{counts['passed']} passed, {counts['FAILED']} failed\n")
    return 1 if counts["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
