#!/usr/bin/env python3
"""Opens a tasklens HTML timeline in headless Chromium and checks it against the run it shows:
no console or script errors, a lane for every task, an arrow for every cancel (from the page's
own model, window.tasklensTimeline, which the page prints into #selftest when opened with
#selftest; `chromium --dump-dom` returns it), and, for the load case, the render timings.

usage: check_html.py PAGE.html EVENTS.jsonl [--all-created] [--max-first-render-ms N --max-median-frame-ms N]
                     [--screenshot OUT.png --size WxH]
Prints one line per problem and a summary; exit 1 on any problem.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0"]


def chromium(binary, args, timeout=180):
    profile = tempfile.mkdtemp(prefix="tasklens-chromium-")
    try:
        return subprocess.run([binary] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + args,
                              capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def percentile(values, p):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("events")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    ap.add_argument("--max-first-render-ms", type=float)
    ap.add_argument("--max-median-frame-ms", type=float)
    ap.add_argument("--all-created", action="store_true",
                    help="every task of the run has its task_created (a whole trace): one lane per task_created")
    ap.add_argument("--screenshot")
    ap.add_argument("--size", default="1400,800")
    opts = ap.parse_args()

    all_events = [json.loads(line) for line in open(opts.events) if line.strip()]
    events = [e for e in all_events if isinstance(e, dict)]  # the page shows the others as "?"
    url = "file://" + os.path.abspath(opts.page)
    run = chromium(opts.chromium, [f"--window-size={opts.size}", "--dump-dom", url + "#selftest"])
    problems = []
    m = re.search(r'<pre id="selftest"[^>]*>([^<]*)</pre>', run.stdout)
    if not m or not m.group(1).strip():
        print(f"  no #selftest output (chromium exit {run.returncode}); stderr tail:")
        print("\n".join("    " + line for line in run.stderr.splitlines()[-8:]))
        print("FAIL " + opts.page)
        return 1
    report = json.loads(html.unescape(m.group(1)))
    for err in report.get("errors", []):
        problems.append(f"page error: {err}")
    # Chromium's own log of console messages catches anything the page's hooks could miss.
    for line in run.stderr.splitlines():
        if ":CONSOLE" in line and ("Uncaught" in line or "Error" in line):
            problems.append(f"console: {line.strip()[:200]}")
    if report.get("failed"):
        problems.append("the page's script did not finish")
    else:
        lane_names = set()
        for lane in report["lanes"]:
            lane_names.add(lane["name"])
            if lane.get("alias"):
                lane_names.add(lane["alias"])
        tasks = {e["task"] for e in events if isinstance(e.get("task"), str)}
        missing = sorted(tasks - lane_names)
        if missing:
            problems.append(f"tasks without a lane: {missing[:10]}")
        # One lane per task: a task renamed after its creation (3.11/3.12) keeps its lane.
        created = [e for e in events if e.get("event") == "task_created" and isinstance(e.get("task"), str)]
        task_lanes = [lane for lane in report["lanes"] if not lane.get("loop")]
        if opts.all_created and len(task_lanes) != len(created):
            problems.append(f"{len(task_lanes)} task lanes for {len(created)} created tasks (a lane split?): "
                            f"{[(l['name'], l.get('alias')) for l in task_lanes][:12]}")
        if report["events"] != len(all_events):
            problems.append(f"page shows {report['events']} events, the run has {len(all_events)}")
        cancels = [e for e in events if e.get("event") == "cancel"]
        arrows = {a["seq"]: a for a in report["arrows"]}
        if len(arrows) != len(cancels):
            problems.append(f"{len(report['arrows'])} arrows for {len(cancels)} cancels")
        alias_of = {lane["alias"]: lane["name"] for lane in report["lanes"] if lane.get("alias")}
        cause_seq = {}  # scope -> seq of its latest expiry/abort before each cancel (events are in order)
        for e in events:
            if e.get("event") in ("timeout_expire", "taskgroup_abort") and isinstance(e.get("scope"), str):
                cause_seq[e["scope"]] = e.get("seq")
        for e in cancels:
            a = arrows.get(e["seq"])
            if a is None:
                problems.append(f"cancel #{e['seq']} of {e['task']} has no arrow")
            elif a["to"] != alias_of.get(e["task"], e["task"]):
                problems.append(f"cancel #{e['seq']}: arrow ends on {a['to']}, not {e['task']}")
            elif isinstance(e.get("by"), str) and a["from"] != alias_of.get(e["by"], e["by"]):
                problems.append(f"cancel #{e['seq']}: arrow starts on {a['from']}, not {e['by']}")
            elif e.get("by") is None and e.get("cause_scope") in cause_seq and a.get("fromSeq") != cause_seq[e["cause_scope"]]:
                problems.append(f"cancel #{e['seq']} by {e['cause_scope']}: arrow starts at event #{a.get('fromSeq')}, "
                                f"not at its expiry/abort #{cause_seq[e['cause_scope']]}")
        click = report.get("click")
        if all_events and not click or click and not (click["selected"] == click["wanted"] and click["rowHighlighted"] and click["onScreen"]):
            problems.append(f"clicking an event in the list did not select it on the timeline: {click}")
        frames = report["frames"]["pan"] + report["frames"]["fitPan"] + report["frames"]["zoom"]
        med, p95 = percentile(frames, 50), percentile(frames, 95)
        zoom = report["frames"]["zoom"]
        mt = report["metrics"]
        print(f"  {report['events']} events, {len(report['lanes']) - 1} task lanes, {len(report['arrows'])} arrows; "
              f"first render {mt['firstRenderMs']:.0f} ms in the script ({mt['sinceNavigationMs']:.0f} ms since "
              f"navigation; parse {mt['parseMs']:.0f}, model {mt['buildMs']:.0f}); pan/zoom frames ({len(frames)}): "
              f"median {med:.1f} ms, p95 {p95:.1f} ms, max {max(frames):.1f} ms; zoom frames ({len(zoom)}): median "
              f"{percentile(zoom, 50):.1f} ms, max {max(zoom or [0]):.1f} ms")
        if opts.max_first_render_ms is not None and mt["sinceNavigationMs"] > opts.max_first_render_ms:
            problems.append(f"first render took {mt['sinceNavigationMs']:.0f} ms > {opts.max_first_render_ms:.0f}")
        if opts.max_median_frame_ms is not None and med > opts.max_median_frame_ms:
            problems.append(f"median frame {med:.1f} ms > {opts.max_median_frame_ms:.1f}")
    if opts.screenshot:
        shot = chromium(opts.chromium, [f"--window-size={opts.size}", "--hide-scrollbars",
                                        f"--screenshot={os.path.abspath(opts.screenshot)}", url])
        if not os.path.exists(opts.screenshot) or os.path.getsize(opts.screenshot) < 10000:
            problems.append(f"no screenshot (chromium exit {shot.returncode})")
    for p in problems[:30]:
        print("  " + p)
    print(("PASS " if not problems else "FAIL ") + opts.page)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
