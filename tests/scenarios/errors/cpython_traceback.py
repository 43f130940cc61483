#!/usr/bin/env python3
"""Reference stderr for tests/scenarios/errors/*.py: runs FILE's main() under CPython as
the tracer does (imported, then asyncio.run(main())) and prints the uncaught exception
as CPython's traceback module does, keeping only FILE's own frames (tasklens's asyncio
is native, so the runners.py/base_events.py/tasks.py frames have no counterpart) and
dropping the `^^^^` caret lines, which tasklens does not print.
Usage: python3.13 cpython_traceback.py FILE.py > FILE.stderr"""
import asyncio
import re
import sys
import traceback
import types


def keep_scenario_frames(exc, path, seen):
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            frames.append(tb)
        tb = tb.tb_next
    new = None
    for t in reversed(frames):
        new = types.TracebackType(new, t.tb_frame, t.tb_lasti, t.tb_lineno)
    exc.__traceback__ = new
    keep_scenario_frames(exc.__cause__, path, seen)
    keep_scenario_frames(exc.__context__, path, seen)
    for sub in getattr(exc, "exceptions", ()):
        keep_scenario_frames(sub, path, seen)


def main():
    path = sys.argv[1]
    # compile() with the path as given, so frames name the file as tasklensd does.
    mod = types.ModuleType("tasklens_scenario")
    try:
        with open(path, "rb") as f:
            exec(compile(f.read(), path, "exec"), mod.__dict__)
        asyncio.run(mod.main())
    except BaseException as e:  # noqa: B036 - the point is to print any of them
        keep_scenario_frames(e, path, set())
        text = "".join(traceback.format_exception(e))
        text = re.sub(r"(?m)^[ |+]*[\^~]+[ \^~]*\n", "", text)
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
