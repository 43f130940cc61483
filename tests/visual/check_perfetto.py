#!/usr/bin/env python3
"""Checks a Chrome trace-event JSON file (tasklens export --perfetto) against the rules of the
Trace Event Format document (required keys per phase, B/E nesting per thread, flow s/f pairs,
numeric ts, metadata) and against the run it came from (one named track per task, a slice per
task and scope, an instant per cancel/uncancel/throw, an arrow per attributable cancel).

usage: check_perfetto.py TRACE.json EVENTS.jsonl   -> prints problems, exit 1 if any
"""
import json
import sys
from collections import defaultdict

PHASES_WITH_NAME = {"B", "X", "i", "I", "C", "M", "s", "t", "f", "b", "e", "n"}


def check(trace, events):
    problems = []
    say = problems.append
    if not isinstance(trace, dict) or not isinstance(trace.get("traceEvents"), list):
        return ["top level must be an object with a traceEvents array"]
    tes = trace["traceEvents"]
    thread_names = {}
    process_names = {}
    stacks = defaultdict(list)
    last_ts = defaultdict(lambda: float("-inf"))
    flows = defaultdict(dict)
    slices = defaultdict(list)  # (pid, tid) -> [name]
    instants = []
    counters = defaultdict(list)
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
        # Within a thread, the B/E stream must be in time order for a stack to make sense.
        if ph in ("B", "E"):
            if ts < last_ts[key]:
                say(f"{where}: {ph} at ts {ts} goes back in time on thread {key}")
            last_ts[key] = ts
        if ph == "B":
            stacks[key].append((ev["name"], ts))
            slices[key].append(ev["name"])
        elif ph == "E":
            if not stacks[key]:
                say(f"{where}: E with no open B on thread {key}")
            else:
                name, begin = stacks[key].pop()
                if "name" in ev and ev["name"] != name:
                    say(f"{where}: E named {ev['name']} closes {name}")
                if ts < begin:
                    say(f"{where}: slice {name} ends before it begins")
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
            flows[fid][ph] = (key, ts, ev.get("cat"), stacks[key][-1][0] if stacks[key] else None)
        else:
            say(f"{where}: phase {ph} is not one this exporter writes")
    for key, stack in stacks.items():
        if stack:
            say(f"thread {key}: slices left open: {[s[0] for s in stack]}")
    for fid, ends in flows.items():
        if set(ends) != {"s", "f"}:
            say(f"flow {fid}: has {sorted(ends)}, needs s and f")
            continue
        (skey, sts, scat, sslice), (fkey, fts, fcat, fslice) = ends["s"], ends["f"]
        if fts < sts:
            say(f"flow {fid}: ends before it starts")
        if scat != fcat:
            say(f"flow {fid}: s and f categories differ")
        if sslice is None or fslice is None:
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
    # Every cancel made by another task, a scope of another task, or a plain loop callback
    # has an arrow ending on the cancelled task's track.
    arrows = sorted(((ends["f"][0], ends["f"][1]) for ends in flows.values() if "f" in ends), key=lambda a: a[1])
    owners = {e["scope"]: e.get("task") for e in events if e.get("event") in ("timeout_enter", "taskgroup_enter")}
    want = []
    for e in events:
        if e.get("event") != "cancel":
            continue
        by = e.get("by") if isinstance(e.get("by"), str) else None
        source = by or (owners.get(e["cause_scope"]) if e.get("cause_scope") else "loop (callbacks, print, exit)")
        if source != e["task"]:
            want.append(e["task"])
    got = [thread_names.get(key) for key, _ in arrows]
    if sorted(want) != sorted(got):
        say(f"arrows end on {got}, cancels of other tasks hit {want}")
    return problems


def main():
    trace = json.load(open(sys.argv[1]))
    # Lines that are JSON but not objects are the exporter's to skip; the checks ignore them too.
    events = [e for e in (json.loads(line) for line in open(sys.argv[2]) if line.strip()) if isinstance(e, dict)]
    problems = check(trace, events)
    for p in problems[:40]:
        print("  " + p)
    n = len(trace.get("traceEvents", []))
    print(f"{'ok' if not problems else 'FAIL'}: {n} trace events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
