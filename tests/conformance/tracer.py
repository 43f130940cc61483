#!/usr/bin/env python3
"""Reference tracer: runs a tasklens scenario under this interpreter's own asyncio (pure-Python
Task, virtual clock) and writes CPython's trace as JSON lines on stdout (contract: TRACE.md,
fields in trace_contract.py).
Usage: python3.1x tracer.py [--max-events N] [--max-passes N] SCENARIO.py
       python3.1x tracer.py [--max-events N] [--max-passes N] --batch OUTDIR SCENARIO.py...

Exit status: 0 trace written (whatever way the scenario ended), 2 the scenario cannot be
loaded, 3 the run cannot finish (deadlock, or more events/loop passes than the limit).
Batch mode runs every scenario in this one interpreter, each as if it were the only one
(counters, numbering, loop and asyncio's module state reset, the scenario imported as a
fresh module), and writes OUTDIR/<name>.jsonl (name = file name without .py, unique within
a batch) plus one JSON line per scenario in OUTDIR/batch.results (not .jsonl, so no
scenario's trace can overwrite it): {"name", "path", "status", "stderr"}, status being the
single-file exit status.  Batch exit status: 0 when every
scenario was processed, 2 usage error.

The tracer changes asyncio only where the trace is observed or where the contract asks for
determinism; every cancellation decision stays CPython's own code:
  * tasks are `asyncio.tasks._PyTask` (subclassed), so cancel/uncancel/steps are visible;
  * the "current task" bookkeeping is the pure-Python one on every version (3.12+ export a C
    `current_task()` that cannot see pure-Python tasks under 3.14);
  * Timeout/TaskGroup methods are wrapped in place, TaskGroup children are kept in creation
    order (CPython uses a set);
  * the loop is a BaseEventLoop whose clock only moves when the loop would block.
"""

import argparse
import asyncio
import builtins
import contextvars
import functools
import gc
import importlib.util
import io
import itertools
import json
import os
import signal
import sys
import threading
import traceback
import types
import weakref
from asyncio import base_events, events, exceptions, taskgroups, tasks, timeouts

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trace_contract  # noqa: E402  (needs the path above)


# --------------------------------------------------------------------------- output

class _Trace:
    """Numbers events and keeps them as JSON lines, fields in the contract's order.  They
    are written when the run is over, so a scenario that fails to load leaves no trace."""

    def __init__(self):
        self.max_events = 100000
        self.reset()

    def reset(self):
        """Back to the state of a fresh process (batch mode: before each scenario)."""
        self.lines = []
        self.loop = None
        self.seq = 0
        self.muted = False
        self.out_of_time = False  # batch mode's wall-clock limit fired

    def emit(self, event, **fields):
        if self.muted:
            return
        self.seq += 1
        record = {"seq": self.seq, "t": self.loop.time(), "event": event}
        # KeyError here means the tracer forgot a contract field: fail loudly.
        omit_null = trace_contract.ABSENT_WHEN_NULL.get(event, ())
        for name in trace_contract.EVENT_FIELDS[event]:
            value = fields.pop(name)
            if value is None and name in omit_null:
                continue
            record[name] = value
        assert not fields, f"fields outside the contract for {event}: {sorted(fields)}"
        self.lines.append(json.dumps(record) + "\n")

    @property
    def overflowed(self):
        return self.seq > self.max_events


TRACE = _Trace()


def _name(task):
    return None if task is None else task.get_name()


def _current_name(loop):
    # The pure-Python bookkeeping installed by _install_python_task_bookkeeping(); a plain
    # loop callback (timer, done-callback) and code outside the loop see None.
    return _name(tasks._current_tasks.get(loop))


def _text_or_none(value):
    # TRACE.md: throw's msg is args[0] when it is a string, else null; cancel's msg (any
    # object in CPython) follows the same rule so both events agree.
    return value if isinstance(value, str) else None


def _exc_msg(exc):
    args = getattr(exc, "args", ())
    return _text_or_none(args[0]) if args else None


def _float_or_none(value):
    # loop.time() is a float in CPython; timeout_at(5) keeps the int 5 as its deadline,
    # but the contract compares deadlines as doubles, so write them as such.
    return None if value is None else float(value)


def _coro_name(coro):
    name = getattr(coro, "__qualname__", None)
    return name if isinstance(name, str) else type(coro).__qualname__


# --------------------------------------------------------------------------- tasks

_creation_order = itertools.count()


class TracedTask(tasks._PyTask):
    """CPython's pure-Python Task with its transitions reported.

    The overrides call the original code unchanged; they only look before or after it.
    Name-mangled hooks (_Task__step, _Future__schedule_callbacks, _Task__eager_start) are
    what `self.__step` etc. resolve to inside CPython's classes, so overriding them here
    intercepts every internal call too."""

    def __init__(self, coro, *args, **kwargs):
        self._tl_order = next(_creation_order)  # creation order, for shutdown
        self._tl_announced = False
        super().__init__(coro, *args, **kwargs)
        self._tl_announce()

    def _tl_announce(self):
        # Emitted once the name is known; an eager task (3.12+) announces itself before
        # its first step runs inside __init__.
        if self._tl_announced:
            return
        self._tl_announced = True
        TRACE.emit("task_created", task=self.get_name(), coro=_coro_name(self._coro),
                   parent=_current_name(self._loop))

    def _Task__eager_start(self):
        self._tl_announce()
        return super()._Task__eager_start()

    def cancel(self, msg=None):
        by = _current_name(self._loop)
        result = super().cancel(msg=msg)
        TRACE.emit("cancel", task=self.get_name(), by=by, msg=_text_or_none(msg),
                   result=result, cancelling=self._num_cancels_requested,
                   must_cancel=self._must_cancel)
        return result

    def uncancel(self):
        by = _current_name(self._loop)
        pending_before = self._must_cancel
        result = super().uncancel()
        TRACE.emit("uncancel", task=self.get_name(), by=by,
                   cancelling=self._num_cancels_requested, must_cancel=self._must_cancel,
                   rescinded=pending_before and not self._must_cancel)
        return result

    def _Task__step(self, exc=None):
        if not self.done():
            if self._must_cancel and not isinstance(exc, exceptions.CancelledError):
                # The step would build this very error itself (same call, same object):
                # building it here lets the event name what is really thrown.  The step
                # still clears _must_cancel, as it sees a CancelledError.
                exc = self._make_cancelled_error()
            if exc is not None:
                TRACE.emit("throw", task=self.get_name(), exc=type(exc).__name__,
                           msg=_exc_msg(exc))
        return super()._Task__step(exc)

    def _Future__schedule_callbacks(self):
        # Future.cancel/set_result/set_exception call this right after the state changed,
        # and only then: it is the moment the task becomes done.
        if self.cancelled():
            state, exc = "cancelled", None
        elif self._exception is not None:  # not .exception(): that would mark it retrieved
            state, exc = "exception", type(self._exception).__name__
        else:
            state, exc = "finished", None
        TRACE.emit("done", task=self.get_name(), state=state, exc=exc)
        return super()._Future__schedule_callbacks()


def _install_python_task_bookkeeping():
    """Make every version use the pure-Python current-task/registry functions.

    3.11: current_task/all_tasks are Python; enter/leave/register come from C.
    3.12/3.13: current_task is C too (a `_py_current_task` twin exists); _PyTask calls the
      module-level names, so rebinding them reroutes it.
    3.14: _PyTask calls the `_py_*` functions directly and the C current_task() reads the
      thread state, so it never sees a pure-Python task: rebinding is mandatory there.
    A fresh dict replaces `_current_tasks` (imported from C in 3.11-3.13) so nothing C-side
    can disagree with it."""
    for name in ("current_task", "all_tasks", "_register_task", "_unregister_task",
                 "_register_eager_task", "_unregister_eager_task", "_enter_task",
                 "_leave_task", "_swap_current_task"):
        current = getattr(tasks, name, None)
        if current is None:
            continue  # not in this version (eager tasks arrived in 3.12)
        python_version = getattr(tasks, "_py_" + name.lstrip("_"), None)
        if python_version is None:
            if not isinstance(current, types.FunctionType):
                raise RuntimeError(f"asyncio.tasks.{name} is C code without a Python twin")
            python_version = current
        setattr(tasks, name, python_version)
        if getattr(asyncio, name, None) is current:
            setattr(asyncio, name, python_version)
    tasks._current_tasks = {}


def _install_task_class():
    # base_events.create_task builds `tasks.Task(...)` when no factory is set.  A task
    # factory would not do: with one, create_task names the task *after* creating it, so a
    # `name=` task would use up a Task-N number that CPython's default path does not use.
    tasks.Task = TracedTask
    asyncio.Task = TracedTask
    if hasattr(tasks, "create_eager_task_factory"):  # 3.12+: keep eager tasks traced too
        factory = tasks.create_eager_task_factory(TracedTask)
        tasks.eager_task_factory = factory
        asyncio.eager_task_factory = factory


# --------------------------------------------------------------------------- scopes

_scope_numbers = {"Timeout": itertools.count(1), "TaskGroup": itertools.count(1)}


async def _traced_aexit(self, original, exc_type, exc_val, exc_tb, report):
    """Run an __aexit__ and report which exception leaves the `async with` block."""
    try:
        suppressed = await original(self, exc_type, exc_val, exc_tb)
    except BaseException as leaving:
        report(type(leaving).__name__)
        raise
    # A false return lets the body's own exception pass through.
    report(None if suppressed or exc_type is None else exc_type.__name__)
    return suppressed


def _install_timeout_hooks(cls=timeouts.Timeout):
    init, aenter, aexit = cls.__init__, cls.__aenter__, cls.__aexit__
    reschedule, on_timeout = cls.reschedule, cls._on_timeout

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._tl_scope = f"Timeout-{next(_scope_numbers['Timeout'])}"
        self._tl_entering = False

    @functools.wraps(aenter)
    async def __aenter__(self):
        # __aenter__ arms the deadline through reschedule(): that call is part of entering,
        # not a timeout_reschedule event.
        self._tl_entering = True
        try:
            result = await aenter(self)
        finally:
            self._tl_entering = False
        TRACE.emit("timeout_enter", scope=self._tl_scope, task=_name(self._task),
                   when=_float_or_none(self._when))
        return result

    @functools.wraps(reschedule)
    def reschedule_(self, when):
        reschedule(self, when)  # raises (and so reports nothing) when not active
        if not getattr(self, "_tl_entering", False):
            TRACE.emit("timeout_reschedule", scope=self._tl_scope,
                       when=_float_or_none(self._when))

    @functools.wraps(on_timeout)
    def _on_timeout(self):
        TRACE.emit("timeout_expire", scope=self._tl_scope, task=_name(self._task))
        on_timeout(self)

    @functools.wraps(aexit)
    async def __aexit__(self, exc_type, exc_val, exc_tb):
        def report(raised):
            TRACE.emit("timeout_exit", scope=self._tl_scope, task=_name(self._task),
                       expired=self.expired(), raised=raised)
        return await _traced_aexit(self, aexit, exc_type, exc_val, exc_tb, report)

    cls.__init__, cls.__aenter__, cls.__aexit__ = __init__, __aenter__, __aexit__
    cls.reschedule, cls._on_timeout = reschedule_, _on_timeout


class _CreationOrderedSet:
    """The set operations TaskGroup uses on its children, iterating in insertion order
    (= creation order), so an abort cancels children in a reproducible order."""

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def remove(self, item):
        del self._items[item]

    def __contains__(self, item):
        return item in self._items

    def __iter__(self):
        return iter(list(self._items))  # a snapshot: cancel() must not disturb the loop

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f"{{{', '.join(map(repr, self._items))}}}"


def _install_taskgroup_hooks(cls=taskgroups.TaskGroup):
    init, aenter, aexit, abort = cls.__init__, cls.__aenter__, cls.__aexit__, cls._abort

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._tasks = _CreationOrderedSet()
        self._tl_scope = f"TaskGroup-{next(_scope_numbers['TaskGroup'])}"

    @functools.wraps(aenter)
    async def __aenter__(self):
        result = await aenter(self)
        TRACE.emit("taskgroup_enter", scope=self._tl_scope, task=_name(self._parent_task))
        return result

    @functools.wraps(abort)
    def _abort(self):
        # Every caller checks `not self._aborting` first: this is the start of the abort.
        TRACE.emit("taskgroup_abort", scope=self._tl_scope)
        abort(self)

    @functools.wraps(aexit)
    async def __aexit__(self, exc_type, exc_val, exc_tb):
        parent = self._parent_task  # 3.14's __aexit__ drops the reference on its way out

        def report(raised):
            TRACE.emit("taskgroup_exit", scope=self._tl_scope, task=_name(parent),
                       raised=raised)
        return await _traced_aexit(self, aexit, exc_type, exc_val, exc_tb, report)

    cls.__init__, cls.__aenter__, cls.__aexit__, cls._abort = (
        __init__, __aenter__, __aexit__, _abort)


# --------------------------------------------------------------------------- loop

class ScenarioStuck(Exception):
    """The run cannot finish: nothing can ever become ready, or it runs past the limits."""


class _VirtualSelector:
    """Stands in for the selector: the only thing _run_once waits on is time."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        loop = self._loop
        if timeout is None:
            # Nothing ready, no timer.  Only another thread (run_in_executor) could still
            # wake the loop, through call_soon_threadsafe -> _write_to_self.
            if threading.active_count() > 1 and loop._tl_wakeup.wait(60):
                loop._tl_wakeup.clear()
                return []
            raise ScenarioStuck(f"deadlock at t={loop.time()!r}: no task can make progress")
        if timeout > 0:
            # _run_once computed timeout from the earliest deadline: land exactly on it
            # (clock = when, not clock += timeout, so the sums are CPython's own doubles).
            when = loop._scheduled[0]._when
            if when > loop._tl_now:
                loop._tl_now = float(when)
        return []

    def close(self):
        pass


class VirtualClockLoop(base_events.BaseEventLoop):
    """A BaseEventLoop whose time() is a counter that starts at 0.0."""

    max_passes = 200000  # far beyond any scenario; a runaway one stops in about a second

    def __init__(self):
        super().__init__()
        self._tl_now = 0.0
        self._tl_passes = 0
        self._tl_wakeup = threading.Event()
        # monotonic's resolution on Linux; fixed so that "timers due before now+resolution
        # run now" does not depend on the host (pyodide reports another value).
        self._clock_resolution = 1e-09
        self._selector = _VirtualSelector(self)

    def time(self):
        return self._tl_now

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        self._tl_wakeup.set()

    def _run_once(self):
        super()._run_once()
        self._tl_passes += 1
        if TRACE.out_of_time:
            # The alarm's exception may have been swallowed by a task step; this is not.
            raise ScenarioStuck("over the batch's wall-clock limit per scenario")
        if TRACE.overflowed or self._tl_passes > self.max_passes:
            raise ScenarioStuck(
                f"runaway scenario at t={self.time()!r}: over {TRACE.max_events} events "
                f"or {self.max_passes} loop passes (CPython would run on forever)")


# --------------------------------------------------------------------------- printing

class _StdoutCapture(io.TextIOBase):
    """sys.stdout while the scenario runs: writes become print events, never real output."""

    def writable(self):
        return True

    def write(self, s):
        _emit_print(s)
        return len(s)


def _emit_print(text):
    # One event per output call (a print() or a direct sys.stdout.write): the text as
    # printed minus one final newline.  A print with embedded newlines stays one event
    # with "\n" inside, and print(x, end="") is an event of its own, because the event
    # records *when* the scenario printed; splitting or joining lines would move text
    # to other moments and tasks.
    if text.endswith("\n"):
        text = text[:-1]
    elif not text:
        return
    TRACE.emit("print", text=text)


class _CapturedOutput:
    def __enter__(self):
        self._print, self._stdout = builtins.print, sys.stdout
        capture = _StdoutCapture()
        real_print = self._print

        def print(*args, sep=" ", end="\n", file=None, flush=False):
            if file is None or file is capture:
                sep = " " if sep is None else sep
                end = "\n" if end is None else end
                _emit_print(sep.join(map(str, args)) + end)
            else:
                real_print(*args, sep=sep, end=end, file=file, flush=flush)

        builtins.print, sys.stdout = print, capture
        return self

    def __exit__(self, *exc_info):
        builtins.print, sys.stdout = self._print, self._stdout


# --------------------------------------------------------------------------- run

def _load_scenario(path):
    """Import the scenario under a name other than __main__, so its
    `if __name__ == "__main__": asyncio.run(main())` does not fire."""
    spec = importlib.util.spec_from_file_location("tasklens_scenario", path)
    if spec is None:
        raise ImportError(f"not a Python file: {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # as `python3 FILE` does
    spec.loader.exec_module(module)
    main = getattr(module, "main", None)
    if main is None or not callable(main):
        raise ImportError(f"{path} defines no main()")
    return main


class _NoAsyncioRun:
    """An unguarded module-level asyncio.run(main()) would run the scenario a first time on
    a loop of its own; refuse it instead."""

    def __enter__(self):
        self._run = asyncio.run

        def refuse(*args, **kwargs):
            if args and asyncio.iscoroutine(args[0]):
                args[0].close()  # no "never awaited" warning on top of the error
            raise RuntimeError("the scenario calls asyncio.run() while being imported; "
                               "put it under `if __name__ == \"__main__\":`")
        asyncio.run = refuse

    def __exit__(self, *exc_info):
        asyncio.run = self._run


def _cancel_all_tasks(loop):
    """asyncio.runners._cancel_all_tasks, but cancelling in creation order (all_tasks() is
    a set: its order is an accident of hashing)."""
    to_cancel = sorted(tasks.all_tasks(loop),
                       key=lambda t: getattr(t, "_tl_order", float("inf")))
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


def _exit_fields(main_task):
    if main_task.cancelled():
        return {"status": "cancelled", "exc": None}
    if main_task._exception is not None:
        return {"status": "exception", "exc": type(main_task._exception).__name__}
    return {"status": "finished", "exc": None}


def run(path):
    """asyncio.run(main()) on the virtual loop, as runners.Runner does it in 3.11-3.14:
    main task with a copied context, run until complete, cancel the leftovers and await
    them; then `exit`.  shutdown_asyncgens/shutdown_default_executor still run, untraced:
    they come after the run the trace describes (their helper tasks would otherwise show
    up as extra task_created events)."""
    loop = VirtualClockLoop()
    TRACE.loop = loop
    events.set_event_loop(loop)  # Runner does this for the loop it creates
    # pyodide keeps its browser-style WebLoop registered as the running loop for good;
    # asyncio.run() refuses to start there, so step out of it for the run.
    host_loop = events._get_running_loop()
    events._set_running_loop(None)
    try:
        with _CapturedOutput():
            try:
                with _NoAsyncioRun():
                    main = _load_scenario(path)
                coro = main()
                if not asyncio.iscoroutine(coro):
                    raise TypeError(f"main() returned {type(coro).__name__}, not a coroutine")
            except BaseException:
                TRACE.muted = True
                TRACE.lines.clear()
                print(f"tracer: cannot load scenario {path}:", file=sys.stderr)
                traceback.print_exc()
                return 2
            main_task = loop.create_task(coro, context=contextvars.copy_context())
            try:
                try:
                    loop.run_until_complete(main_task)
                except ScenarioStuck:
                    raise
                except BaseException as exc:
                    # How main ended is read off the task.  KeyboardInterrupt/SystemExit
                    # escape the loop from any task (main may still be pending: the
                    # shutdown cancels it, as asyncio.run would); anything else with main
                    # not done is the tracer's own failure.
                    if not main_task.done() and not isinstance(
                            exc, (KeyboardInterrupt, SystemExit)):
                        raise
                _cancel_all_tasks(loop)
            except ScenarioStuck as stuck:
                TRACE.muted = True
                print(f"tracer: {stuck}", file=sys.stderr)
                return 3
            TRACE.emit("exit", **_exit_fields(main_task))
            TRACE.muted = True
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            except ScenarioStuck as stuck:
                print(f"tracer: after exit: {stuck}", file=sys.stderr)
        return 0
    finally:
        events.set_event_loop(None)
        if not loop.is_running():
            loop.close()
        events._set_running_loop(host_loop)


def _install():
    _install_python_task_bookkeeping()
    _install_task_class()
    _install_timeout_hooks()
    _install_taskgroup_hooks()


# --------------------------------------------------------------------------- batch mode

# asyncio's modules whose globals a scenario run may touch (or a scenario may monkeypatch);
# batch mode puts their dicts back after each scenario.
_RESTORED_MODULES = ("asyncio", "asyncio.tasks", "asyncio.futures", "asyncio.events",
                     "asyncio.base_events", "asyncio.timeouts", "asyncio.taskgroups",
                     "asyncio.runners", "asyncio.locks", "asyncio.queues", "builtins")


class _ModuleSnapshot:
    """The globals of asyncio's modules as they are once the hooks are installed."""

    def __init__(self):
        self._saved = {name: dict(vars(sys.modules[name]))
                       for name in _RESTORED_MODULES if name in sys.modules}
        self._path = list(sys.path)
        self._modules = set(sys.modules)

    def restore(self):
        for name, saved in self._saved.items():
            namespace = vars(sys.modules[name])
            namespace.clear()
            namespace.update(saved)
        sys.path[:] = self._path
        # The scenario module (and whatever it alone imported from its own directory) goes;
        # stdlib modules it imported (random, time) may stay: they hold no run state.
        for name in set(sys.modules) - self._modules:
            module = sys.modules[name]
            origin = getattr(module, "__file__", None) or ""
            if name == "tasklens_scenario" or not origin.startswith(sys.prefix):
                del sys.modules[name]


def _reset_run_state():
    """What a fresh interpreter would start the next scenario with: task numbering
    (tasks._task_name_counter), creation order, Timeout-N/TaskGroup-N numbering, the
    current-task and all-tasks registries, the trace."""
    global _creation_order
    TRACE.reset()
    _creation_order = itertools.count()
    for kind in _scope_numbers:
        _scope_numbers[kind] = itertools.count(1)
    tasks._task_name_counter = itertools.count(1).__next__
    tasks._current_tasks = {}
    for name in ("_all_tasks", "_scheduled_tasks"):  # 3.11 / 3.12+
        if hasattr(tasks, name):
            setattr(tasks, name, weakref.WeakSet())
    if hasattr(tasks, "_eager_tasks"):
        tasks._eager_tasks = set()


def _batch_names(paths):
    """{path: name} with name = file name without .py, or an error text."""
    names = {}
    for path in paths:
        name = os.path.basename(path)
        name = name[:-3] if name.endswith(".py") else name
        if name in names.values():
            return None, f"two scenarios named {name!r} in one batch"
        names[path] = name
    return names, None


class _WallClockLimit:
    """Batch mode only: a scenario stuck in plain Python code (a loop without await, which
    the pass limit cannot see) must not hold up the whole batch.  SIGALRM after `seconds`
    raises ScenarioStuck where the code is; the loop re-raises it at its next pass even if
    a task step swallowed it.  No-op where there are no signals (pyodide)."""

    def __init__(self, seconds):
        self.seconds = seconds if hasattr(signal, "setitimer") else 0

    def _fire(self, signum, frame):
        TRACE.out_of_time = True
        raise ScenarioStuck(f"over the wall-clock limit of {self.seconds} s per scenario")

    def __enter__(self):
        if self.seconds:
            self._previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc_info):
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)


def run_batch(outdir, paths, seconds_per_scenario=60):
    names, problem = _batch_names(paths)
    if problem:
        print(f"tracer: --batch: {problem}", file=sys.stderr)
        return 2
    os.makedirs(outdir, exist_ok=True)
    snapshot = _ModuleSnapshot()
    results_path = os.path.join(outdir, "batch.results")
    open(results_path, "w").close()
    real_stderr = sys.stderr
    for path in paths:
        _reset_run_state()
        errors = io.StringIO()
        sys.stderr = errors
        try:
            if not os.path.isfile(path):
                print(f"tracer: no such scenario file: {path}", file=sys.stderr)
                status = 2
            else:
                try:
                    with _WallClockLimit(seconds_per_scenario):
                        status = run(path)
                except ScenarioStuck as stuck:  # fired outside the loop's own handling
                    print(f"tracer: {stuck}", file=sys.stderr)
                    status = 3
                if TRACE.out_of_time:
                    status = 3
                    TRACE.lines.clear()  # no partial trace, as for any stuck scenario
            lines = TRACE.lines
            # The finished run's coroutines and tasks die here, muted and captured, so
            # their finalizers cannot print into the next scenario's trace.
            TRACE.muted = True
            with _CapturedOutput():
                snapshot.restore()
                gc.collect()
        finally:
            sys.stderr = real_stderr
        with open(os.path.join(outdir, names[path] + ".jsonl"), "w") as out:
            out.write("".join(lines))
        with open(results_path, "a") as results:
            results.write(json.dumps({"name": names[path], "path": path, "status": status,
                                      "stderr": errors.getvalue()}) + "\n")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="+")
    parser.add_argument("--batch", metavar="OUTDIR",
                        help="run every SCENARIO, writing OUTDIR/<name>.jsonl each")
    parser.add_argument("--max-events", type=int, default=TRACE.max_events)
    parser.add_argument("--max-passes", type=int, default=VirtualClockLoop.max_passes)
    parser.add_argument("--max-seconds", type=float, default=60,
                        help="batch mode: wall-clock limit per scenario (exit status 3)")
    args = parser.parse_args(argv)
    TRACE.max_events = args.max_events
    VirtualClockLoop.max_passes = args.max_passes
    if args.batch is not None:
        _install()
        return run_batch(args.batch, args.scenario, args.max_seconds)
    if len(args.scenario) != 1:
        parser.error("one SCENARIO (or --batch OUTDIR SCENARIO...)")
    args.scenario = args.scenario[0]
    if not os.path.isfile(args.scenario):
        print(f"tracer: no such scenario file: {args.scenario}", file=sys.stderr)
        return 2
    out = sys.stdout  # the scenario's own prints never reach it: they become events
    _install()
    try:
        return run(args.scenario)
    finally:
        out.write("".join(TRACE.lines))
        out.flush()


if __name__ == "__main__":
    sys.exit(main())
