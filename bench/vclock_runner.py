#!/usr/bin/env python3
"""Runs a tasklens scenario under this CPython's stock asyncio (C-accelerated Task and
Future) on a virtual clock, with no tracing: the untraced CPython baseline of
bench/compare.py. Usage: python3.1x bench/vclock_runner.py SCENARIO.py

The loop is a BaseEventLoop whose "selector" never waits: when the loop would block until
the next timer, select() moves the clock forward by exactly that timeout, so sleeps take
no wall time and timer order is asyncio's own (heapq by deadline). The scenario module is
imported under a name other than __main__ (its `asyncio.run(main())` guard stays off) and
its `main()` runs through asyncio.Runner, as asyncio.run would.
"""

import asyncio
import importlib.util
import sys


class JumpingSelector:
    """Stands in for the selector: no file descriptors, and a wait is a clock jump."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        if timeout is not None and timeout > 0:
            self._loop._virtual_now += timeout
        return []

    def get_map(self):
        return {}

    def close(self):
        pass


class VirtualClockLoop(asyncio.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._virtual_now = 0.0
        self._selector = JumpingSelector(self)

    def time(self):
        return self._virtual_now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def close(self):
        super().close()
        self._selector = None


def load(path):
    spec = importlib.util.spec_from_file_location("__scenario__", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv):
    if len(argv) != 2:
        print("usage: vclock_runner.py SCENARIO.py", file=sys.stderr)
        return 2
    module = load(argv[1])
    with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
        runner.run(module.main())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
