#!/usr/bin/env python3
"""Checks a Chrome trace-event JSON file (tasklens export --perfetto) against the rules of the
Trace Event Format document (required keys per phase, X slices nesting per thread, flow s/f pairs,
numeric ts, metadata) and against the run it came from (one named track per task, a slice per
task and scope, an instant per cancel/uncancel/throw, an arrow per cancel but a task's own, from the
scope's expiry/abort when a scope cancelled; each flow end on an event it binds to).

usage: check_perfetto.py TRACE.json EVENTS.jsonl [--all-created]   -> prints problems, exit 1 if any
(--all-created: the trace is whole, every task has its task_created: one track per task_created)
"""
import json
import sys
from collections import defaultdict

PHASES_WITH_NAME = {"X", "i", "I", "C", "M", "s", "t", "f", "b", "e", "n"}


def check(trace, events, all_created=False):
    problems = []
    say = problems.append
    if not isinstance(trace, dict) or not isinstance(trace.get("traceEvents"), list):
        return ["top level must be an object with a traceEvents array"]
    tes = trace["traceEvents"]
    thread_names = {}
    process_names = {}
    complete = defaultdict(list)  # (pid, tid) -> [(begin, end, name, index)] of X slices
    flows = defaultdict(dict)
    slices = defaultdict(list)  # (pid, tid) -> [name]
    instants = []
    counters = defaultdict(list)
    bindable = set()  # (ts, pid, tid, cat) of every non-flow event: where a flow end can bind
    for n, ev in enumerate(tes):
        where = f"traceEvents[{n}]"
        if not isinstance(ev, dict):
            say(f"{where}: not an object")
            continue
        ph = ev.get("ph")
        if not isinstance(ph, str):
            say(f"{where}: no ph")
            continue
        for key in ("pid", "tid"):
            if ph != "C" or key == "pid":
                if not isinstance(ev.get(key), int):
                    say(f"{where}: {key} must be an integer")
        ts = ev.get("ts")
        if not isinstance(ts, (int, float)) or isinstance(ts, bool) or ts != ts:
            say(f"{where}: ts must be a number")
            continue
        if ph in PHASES_WITH_NAME and ph != "E" and not isinstance(ev.get("name"), str):
            say(f"{where}: phase {ph} needs a name")
        if "args" in ev and not isinstance(ev["args"], dict):
            say(f"{where}: args must be an object")
        key = (ev.get("pid"), ev.get("tid"))
        if ph not in ("s", "t", "f", "M"):
            bindable.add((ts, ev.get("pid"), ev.get("tid"), ev.get("cat")))
        if ph == "M":
            args = ev.get("args", {})
            if ev.get("name") == "thread_name":
                thread_names[key] = args.get("name")
            elif ev.get("name") == "process_name":
                process_names[ev.get("pid")] = args.get("name")
            elif ev.get("name") in ("thread_sort_index", "process_sort_index"):
                if not isinstance(args.get("sort_index"), int):
                    say(f"{where}: sort_index must be an integer")
            else:
                say(f"{where}: unknown metadata {ev.get('name')}")
            continue
        if ph == "X":
            dur = ev.get("dur")
            if not isinstance(dur, (int, float)) or isinstance(dur, bool) or not dur >= 0:
                say(f"{where}: X needs a dur >= 0")
                continue
            complete[key].append((ts, ts + dur, ev["name"], n))
            slices[key].append(ev["name"])
        elif ph in ("i", "I"):
            if ev.get("s", "t") not in ("g", "p", "t"):
                say(f"{where}: instant scope must be g, p or t")
            instants.append((key, ev))
        elif ph == "C":
            args = ev.get("args")
            if not isinstance(args, dict) or not args or not all(isinstance(v, (int, float)) for v in args.values()):
                say(f"{where}: counter args must be numbers")
            counters[(ev.get("pid"), ev.get("name"))].append(ts)
        elif ph in ("s", "t", "f"):
            fid = ev.get("id")
            if not isinstance(fid, (int, str)):
                say(f"{where}: flow event needs an id")
                continue
            if ph == "f" and ev.get("bp") not in (None, "e"):
                say(f"{where}: bp must be 'e'")
            if ph in flows[fid]:
                say(f"{where}: second flow {ph} for id {fid}")
            flows[fid][ph] = (key, ts, ev.get("cat"), ev.get("name"))
        else:
            say(f"{where}: phase {ph} is not one this exporter writes")
    # Complete slices on a thread must nest: each one inside the last still open, or after it.
    for key, spans in complete.items():
        stack = []
        for begin, end, name, n in sorted(spans, key=lambda x: (x[0], -x[1], x[3])):
            while stack and stack[-1][1] <= begin and not (stack[-1][1] == begin and end == begin):
                stack.pop()
            if stack and end > stack[-1][1]:
                say(f"traceEvents[{n}]: slice {name} [{begin}, {end}] overlaps {stack[-1][2]} "
                    f"[{stack[-1][0]}, {stack[-1][1]}] on thread {key} without nesting")
            stack.append((begin, end, name))

    def inside_a_slice(key, t):
        return any(b <= t <= e for b, e, _, _ in complete.get(key, ()))

    for fid, ends in flows.items():
        if set(ends) != {"s", "f"}:
            say(f"flow {fid}: has {sorted(ends)}, needs s and f")
            continue
        (skey, sts, scat, sname), (fkey, fts, fcat, fname) = ends["s"], ends["f"]
        # Chrome's trace model (DevTools) binds a flow end to the event with its ts, pid, tid and
        # cat; Perfetto to the slice open there. Both ends must have such an event.
        for end, (k, t, c) in (("start", (skey, sts, scat)), ("end", (fkey, fts, fcat))):
            if (t, k[0], k[1], c) not in bindable:
                say(f"flow {fid}: its {end} has no {c} event at ts {t} on thread {k} to bind to")
        if sname != fname:
            say(f"flow {fid}: s and f names differ")
        if fts < sts:
            say(f"flow {fid}: ends before it starts")
        if scat != fcat:
            say(f"flow {fid}: s and f categories differ")
        if not inside_a_slice(skey, sts) or not inside_a_slice(fkey, fts):
            say(f"flow {fid}: an end is not inside a slice, so viewers cannot bind it")
    for key in list(slices) + [k for k, _ in instants]:
        if key not in thread_names:
            say(f"thread {key} has no thread_name")
    for pid in {k[0] for k in thread_names}:
        if pid not in process_names:
            say(f"process {pid} has no process_name")

    # Against the run: tracks, slices and instants per task; arrows per cancel.
    # A task's track is the one holding its lifetime slice (the track's title may be a later name).
    by_name = {}
    for key, names in slices.items():
        for name in names:
            by_name.setdefault(name, key)
    created = [e for e in events if e.get("event") == "task_created"]
    for e in created:
        if e["task"] not in by_name:
            say(f"task {e['task']} has no track with its lifetime slice")
        parent = e.get("parent")
        if e["task"] in by_name and parent in by_name:
            pid = by_name[e["task"]][0]
            if process_names.get(pid) != f"children of {parent}":
                say(f"task {e['task']} is not grouped under its parent {parent}")
    all_slices = {name for names in slices.values() for name in names}
    for e in events:
        if e.get("event") in ("timeout_enter", "taskgroup_enter") and e["scope"] not in all_slices:
            say(f"scope {e['scope']} has no slice")
    for kind in ("cancel", "uncancel", "throw"):
        want = [e for e in events if e.get("event") == kind]
        got = [ev for _, ev in instants if ev.get("cat") in ("cancel", "throw") and ev["args"].get("event", None) is None
               and ev["name"].split(" ")[0] == kind]
        if len(want) != len(got):
            say(f"{len(want)} {kind} events but {len(got)} instants")
        for w, g in zip(want, got):
            for field in ("cancelling", "must_cancel", "by", "result", "exc"):
                if field in w and g["args"].get(field) != w[field]:
                    say(f"{kind} seq {w['seq']}: arg {field} is {g['args'].get(field)!r}, not {w[field]!r}")
    # Every cancel has exactly one arrow ending on the cancelled task's track — made by another
    # task, by a plain loop callback, or by a scope (also a scope of the cancelled task itself:
    # a Timeout expiring in its own task, a TaskGroup aborting cancels its parent) — except a
    # task cancelling itself. A scope's arrows start at its expiry/abort instant.
    cancel_instants = {}  # (pid, tid, ts) of each cancel instant -> its seq
    cause_ts = {}         # scope -> ts of its (last) expiry / abort instant
    for key, ev in instants:
        if ev.get("cat") == "cancel" and ev["name"] == "cancel":
            cancel_instants[(key[0], key[1], ev["ts"])] = ev["args"].get("seq")
        first = ev["name"].split(" ")[0]
        if first in ("timeout_expire", "taskgroup_abort") and isinstance(ev["args"].get("scope"), str):
            cause_ts[ev["args"]["scope"]] = ev["ts"]
    arrows_at = defaultdict(list)  # seq of the cancel an arrow ends on -> [(start ts, start thread)]
    for fid, ends in flows.items():
        if set(ends) == {"s", "f"}:
            fkey, fts = ends["f"][0], ends["f"][1]
            arrows_at[cancel_instants.get((fkey[0], fkey[1], fts))].append((ends["s"][1], ends["s"][0]))
    if None in arrows_at:
        say(f"{len(arrows_at[None])} arrows end on no cancel instant")
    wanted = 0
    for e in events:
        if e.get("event") != "cancel" or not isinstance(e.get("task"), str):
            continue
        got = arrows_at.get(e.get("seq"), [])
        by = e.get("by") if isinstance(e.get("by"), str) else None
        if by == e["task"]:
            if got:
                say(f"cancel seq {e['seq']}: {e['task']} cancelled itself, yet has an arrow")
            continue
        wanted += 1
        if len(got) != 1:
            say(f"cancel seq {e['seq']} of {e['task']}: {len(got)} arrows, wants 1")
            continue
        cs = e.get("cause_scope")
        if by is None and isinstance(cs, str) and cs in cause_ts and got[0][0] != cause_ts[cs]:
            say(f"cancel seq {e['seq']} by {cs}: the arrow starts at ts {got[0][0]}, not at its expiry/abort "
                f"{cause_ts[cs]}")
    got_total = sum(len(v) for v in arrows_at.values())
    if got_total != wanted:
        say(f"{got_total} arrows for {wanted} cancels that want one")
    # A whole trace (every task created in it): one track per task_created, whatever the
    # task's later names (3.11/3.12 name tasks after creating them).
    task_tracks = [key for key in thread_names if key[1] != 1000000000]
    if all_created and len(task_tracks) != len(created):
        say(f"{len(task_tracks)} task tracks for {len(created)} created tasks (a lane split?): "
            f"{sorted(thread_names[k] for k in task_tracks)[:12]}")
    return problems


def main():
    trace = json.load(open(sys.argv[1]))
    # Lines that are JSON but not objects are the exporter's to skip; the checks ignore them too.
    events = [e for e in (json.loads(line) for line in open(sys.argv[2]) if line.strip()) if isinstance(e, dict)]
    problems = check(trace, events, all_created="--all-created" in sys.argv[3:])
    for p in problems[:40]:
        print("  " + p)
    n = len(trace.get("traceEvents", []))
    print(f"{'ok' if not problems else 'FAIL'}: {n} trace events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
