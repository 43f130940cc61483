#!/usr/bin/env python3
"""`tasklens diff`: would CPython do the same?  Runs one scenario under the real CPython
versions available (reference.py: tracer, cached) and under tasklens
(`$BUILD/tasklensd run`), and shows the first divergence side by side, or says they agree.
Without --python every version is compared, and the CPython versions are also compared
with each other ("3.12 and 3.13 differ at event 14: ...").

Usage: diff.py [--python V]... [--build DIR] [--reference-only] [--no-cache] FILE
Exit 0 tasklens agrees with CPython on every version compared, 1 it differs (or could not
run), 2 usage error.  Importable: `diff(path, versions=None, build="build", out=stdout)`
returns the same status.
"""

import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402
import pythons  # noqa: E402
import reference  # noqa: E402
import tasklensd  # noqa: E402
import trace_contract  # noqa: E402

CONTEXT = 3  # events shown before and after the divergence


def summarize(event):
    """One event as its contract fields, `kind field=value ...` (what is compared)."""
    kind = event.get("event")
    fields = trace_contract.EVENT_FIELDS.get(kind, ())
    parts = [f"t={event.get('t')}", str(kind)]
    for name in fields:
        value = event.get(name)
        if name == "text":
            parts.append(repr(value))
        elif value is not None or name not in trace_contract.ABSENT_WHEN_NULL.get(kind, ()):
            parts.append(f"{name}={value}")
    return " ".join(parts)


def side_by_side(left_title, left, right_title, right, index, out, width=None):
    """Events around `index` of two traces in two columns; '>' marks the divergence."""
    if width is None:
        width = max(40, (shutil.get_terminal_size((200, 24)).columns - 10) // 2)
    start, stop = max(0, index - CONTEXT), index + CONTEXT + 1

    def cell(trace, i):
        text = summarize(trace[i][1]) if i < len(trace) else "(no event)"
        return text if len(text) <= width else text[:width - 1] + "~"

    out.write(f"     {'#':>4}  {left_title:<{width}}  {right_title}\n")
    for i in range(start, min(stop, max(len(left), len(right)))):
        mark = ">" if i == index else " "
        out.write(f"   {mark} {i + 1:>4}  {cell(left, i):<{width}}  {cell(right, i)}\n")


def _load(text, source):
    try:
        return compare.parse_trace(text, source), None
    except compare.TraceError as exc:
        return None, str(exc)


def diff(path, versions=None, build="build", out=sys.stdout, reference_only=False,
         use_cache=True):
    """Compare `path` under `versions` (default: all); returns 0 agree, 1 differ."""
    compare_all = not versions
    versions = [v for v in pythons.VERSIONS if compare_all or v in versions]
    interpreters = [i for i in pythons.find_interpreters() if i.version in versions]
    refs = reference.reference_traces(interpreters, [path], use_cache=use_cache)
    traces = {}
    status = 0
    for interpreter in interpreters:
        ref = refs[(interpreter.version, path)]
        problem = ref.problem()
        if problem:
            out.write(f"{interpreter.version}: CPython: {problem}\n")
            if not ref.skipped:
                status = 1
            continue
        traces[interpreter.version], error = _load(ref.trace, f"CPython {interpreter.version}")
        if error:
            out.write(f"{interpreter.version}: {error}\n")
            status = 1

    if not reference_only:
        for version in versions:
            want = traces.get(version)
            if want is None:
                continue
            why = tasklensd.probe(build, version)
            run = None if why else tasklensd.run(build, version, path)
            if run is not None and run.error:
                why = f"tasklensd {run.error}"
            if why:
                out.write(f"{version}: {why}\n")
                status = 1
                continue
            got, error = _load(run.trace, "tasklensd")
            if error:
                out.write(f"{version}: {error}\n")
                status = 1
                continue
            found = compare.first_difference(want, got)
            if found is None:
                out.write(f"{version}: tasklens agrees with CPython ({len(want)} events)\n")
                continue
            status = 1
            index, reason = found
            reason = reason.replace("expected", "CPython").replace("actual", "tasklens")
            out.write(f"{version}: tasklens differs from CPython at event {index + 1}: "
                      f"{reason}\n")
            side_by_side(f"CPython {version}", want, "tasklens", got, index, out)

    if compare_all:
        available = [v for v in versions if v in traces]
        for older, newer in zip(available, available[1:]):
            found = compare.first_difference(traces[older], traces[newer])
            if found is None:
                out.write(f"CPython {older} and {newer} agree "
                          f"({len(traces[older])} events)\n")
                continue
            index, reason = found
            reason = reason.replace("expected", older).replace("actual", newer)
            out.write(f"CPython {older} and {newer} differ at event {index + 1}: {reason}\n")
            side_by_side(f"CPython {older}", traces[older], f"CPython {newer}",
                         traces[newer], index, out)
    return status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--python", action="append", choices=pythons.VERSIONS,
                        help="compare only this version (repeatable)")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"),
                        help="directory holding tasklensd (default $BUILD or build)")
    parser.add_argument("--reference-only", action="store_true",
                        help="only compare the CPython versions with each other")
    parser.add_argument("--no-cache", action="store_true")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if not os.path.isfile(args.file):
        sys.stderr.write(f"diff.py: no such file: {args.file}\n")
        return 2
    return diff(os.path.abspath(args.file), args.python, args.build,
                reference_only=args.reference_only, use_cache=not args.no_cache)


if __name__ == "__main__":
    sys.exit(main())
