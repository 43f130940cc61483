#!/usr/bin/env bash
# Pictures of a run (issue 7): scenarios traced by $BUILD/tasklensd are exported to Perfetto JSON
# (checked by tests/visual/check_perfetto.py) and to the HTML timeline (opened in headless
# Chromium by tests/visual/check_html.py: no errors, a lane per task, an arrow per cancel, the
# 100k-event timings). Also: the template/.inc sync, hostile input, and the README screenshot
# (written to $BUILD/visual/timeline.png; copied to docs/timeline.png when UPDATE_DOCS=1 or absent).
set -u
cd "$(dirname "$0")/../.."
B="${BUILD:-build}"
OUT="$B/visual"
mkdir -p "$OUT"
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# The .inc compiled into html.cpp must be timeline.html as it is now.
client/render/gen_timeline_inc.sh "$OUT/timeline_html.inc"
if cmp -s "$OUT/timeline_html.inc" client/render/timeline_html.inc; then ok "template in sync"
else bad "template in sync (run client/render/gen_timeline_inc.sh)"; fi

# A stand-alone `tasklens export` (the renderers + the command body), rebuilt when a source changed.
EXPORT="$OUT/export"
SRCS="client/render/perfetto.cpp client/render/html.cpp client/commands/export.cpp tests/visual/export_main.cpp"
newer=$(find $SRCS client/render/*.h client/render/timeline_html.inc -newer "$EXPORT" 2>/dev/null | head -1)
if [ ! -x "$EXPORT" ] || [ -n "$newer" ]; then
  if ! g++ -std=c++20 -O2 -Wall -Wextra -Werror -I. $(pkg-config --cflags nlohmann_json) $SRCS -o "$EXPORT"; then
    bad "build the export driver"; finish
  fi
fi
ok "build the export driver"

# Chrome DevTools' trace engine (npm, pinned in tests/visual/trace_engine/), installed into the
# build dir once: the Perfetto exports are loaded with it. (No Perfetto trace processor is on the
# registries this project can use: npm has no @perfetto/trace-processor, perfetto or
# trace_processor package, Debian none named perfetto.)
ENGINE_DIR="$OUT/trace_engine"
ENGINE="$ENGINE_DIR/node_modules/@paulirish/trace_engine"
want_engine=$(sed -n 's/.*"@paulirish\/trace_engine": "\(.*\)".*/\1/p' tests/visual/trace_engine/package.json)
have_engine=$(sed -n 's/^  "version": "\(.*\)".*/\1/p' "$ENGINE/package.json" 2>/dev/null)
if [ "$have_engine" != "$want_engine" ]; then
  mkdir -p "$ENGINE_DIR"
  cp tests/visual/trace_engine/package.json tests/visual/trace_engine/package-lock.json "$ENGINE_DIR/"
  (cd "$ENGINE_DIR" && npm ci --no-audit --no-fund --loglevel=error > npm.log 2>&1) || true
fi
if [ -f "$ENGINE/models/trace/trace.js" ] && command -v node > /dev/null; then ok "DevTools' trace engine $want_engine installed"
else bad "DevTools' trace engine $want_engine installed (see $ENGINE_DIR/npm.log)"; ENGINE=""; fi

CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ]; then
  apt-get install -y chromium > "$OUT/apt.log" 2>&1 || true
  CHROMIUM=$(command -v chromium || true)
fi
[ -z "$CHROMIUM" ] && echo "note: no chromium; the HTML checks fail"
export CHROMIUM

# render NAME JSONL [check_html options...]: Perfetto + HTML of one trace, both checked, the
# Perfetto file also loaded with DevTools' trace engine. WHOLE=1: every task of the trace has
# its task_created, so one track/lane per task_created (no lane split on renames).
render() {
  local name=$1 jsonl=$2; shift 2
  local whole=()
  [ "${WHOLE:-0}" = 1 ] && whole=(--all-created)
  if ! "$EXPORT" --perfetto "$OUT/$name.perfetto.json" --html "$OUT/$name.html" "$jsonl" 2> "$OUT/$name.err"; then
    bad "$name: export"; sed 's/^/    /' "$OUT/$name.err"; return
  fi
  if python3 tests/visual/check_perfetto.py "$OUT/$name.perfetto.json" "$jsonl" "${whole[@]}" > "$OUT/$name.perfetto.log"; then
    ok "$name: perfetto ($(tail -1 "$OUT/$name.perfetto.log"))"
  else bad "$name: perfetto"; sed 's/^/  /' "$OUT/$name.perfetto.log" | head -20; fi
  if [ -n "$ENGINE" ]; then
    if node tests/visual/trace_engine/check_trace_engine.mjs "$ENGINE" "$OUT/$name.perfetto.json" > "$OUT/$name.engine.log" 2>&1; then
      ok "$name: trace engine ($(tail -1 "$OUT/$name.engine.log"))"
    else bad "$name: trace engine"; sed 's/^/  /' "$OUT/$name.engine.log" | head -20; fi
  fi
  if [ -n "$CHROMIUM" ] && python3 tests/visual/check_html.py "$OUT/$name.html" "$jsonl" "${whole[@]}" "$@" > "$OUT/$name.html.log" 2>&1; then
    ok "$name: html"; grep -v '^PASS' "$OUT/$name.html.log"
  else bad "$name: html"; sed 's/^/  /' "$OUT/$name.html.log" | head -20; fi
}

trace() {  # trace NAME VERSION FILE.py -> $OUT/NAME.jsonl from tasklensd
  "$B/tasklensd" run --python "$2" --format jsonl "$3" > "$OUT/$1.jsonl" 2> "$OUT/$1.run.err"
}

# Scenarios (whole traces): the README picture (ours and CPython 3.13's own trace of it), a
# TaskGroup abort, nested timeouts, shield under a group abort, 3.11 renames of TaskGroup
# children, scopes cancelling their own task (arrows from the expiry/abort to the same track),
# tasks named at creation (renamed after it under 3.11/3.12, first mentioned out of creation
# order), and the shared trace examples.
export WHOLE=1
trace picture 3.13 tests/visual/scenarios/picture.py
render picture "$OUT/picture.jsonl" --screenshot "$OUT/timeline.png" --size 1400,460
CPY=/root/.pyenv/versions/3.13.0/bin/python3
if [ -x "$CPY" ]; then
  "$CPY" tests/conformance/tracer.py tests/visual/scenarios/picture.py > "$OUT/picture.cpython313.jsonl" 2>/dev/null
  render picture.cpython313 "$OUT/picture.cpython313.jsonl"
  "$CPY" tests/conformance/tracer.py tests/visual/scenarios/own_scope_cancels.py > "$OUT/own_scope_cancels.cpython313.jsonl" 2>/dev/null
  render own_scope_cancels.cpython313 "$OUT/own_scope_cancels.cpython313.jsonl"
fi
for spec in 3.13:tests/scenarios/taskgroup/tg_13_outer_child_fails.py \
            3.13:tests/scenarios/timeouts/nested_inner_expires_then_outer.py \
            3.12:tests/scenarios/shield/shield_in_taskgroup_abort.py \
            3.11:tests/scenarios/taskgroup/tg_task_name.py \
            3.11:tests/scenarios/taskgroup/tg_25_hydra.py \
            3.13:tests/visual/scenarios/own_scope_cancels.py \
            3.11:tests/visual/scenarios/own_scope_cancels.py \
            3.11:tests/visual/scenarios/renamed_tasks.py \
            3.12:tests/visual/scenarios/renamed_tasks.py \
            3.12:tests/client/scenarios/live_waiters_cancel_uncancel.py; do
  ver=${spec%%:*}; py=${spec#*:}; name="$(basename "$py" .py).$ver"
  trace "$name" "$ver" "$py" && render "$name" "$OUT/$name.jsonl"
done
for py in ../shared/trace-examples/*.py /work/shared/trace-examples/*.py; do
  [ -f "$py" ] || continue
  name="example.$(basename "$py" .py)"
  [ -f "$OUT/$name.done" ] && continue
  trace "$name" 3.13 "$py" && render "$name" "$OUT/$name.jsonl" && touch "$OUT/$name.done"
done
rm -f "$OUT"/*.done

# Flows per cancel, counted: a Timeout expiring in its own task and a TaskGroup aborting
# cancel their own task; each such cancel has one arrow, from the expiry/abort instant.
python3 - "$OUT/own_scope_cancels.3.13.perfetto.json" > "$OUT/own_scope.flows" <<'PYEOF'
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
at = {(e["pid"], e["tid"], e["ts"]): e["name"] for e in ev if e["ph"] == "i"}
starts = {e["id"]: at.get((e["pid"], e["tid"], e["ts"])) for e in ev if e["ph"] == "s"}
ends = {e["id"]: (e["tid"], at.get((e["pid"], e["tid"], e["ts"]))) for e in ev if e["ph"] == "f"}
for i in sorted(starts):
    print(starts[i], "->", "tid", ends[i][0], ends[i][1])
PYEOF
if [ "$(cat "$OUT/own_scope.flows")" = "timeout_expire Timeout-1 -> tid 1 cancel
taskgroup_abort TaskGroup-1 -> tid 3 cancel
taskgroup_abort TaskGroup-1 -> tid 1 cancel" ]; then ok "own-scope cancels: 3 arrows, from the expiry/abort, two onto the scope's own task"
else bad "own-scope cancels: 3 arrows, from the expiry/abort, two onto the scope's own task"; sed 's/^/  /' "$OUT/own_scope.flows"; fi
unset WHOLE

# Hostile input: wrong field types, exits without enters, unknown events, a diagnostic, text
# that tries to close the script element; and a file that is not JSON lines (must be refused).
cat > "$OUT/hostile.jsonl" <<'JSONL'
{"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null}
{"seq": 2, "t": "soon", "event": "timeout_exit", "scope": "Timeout-9", "task": "Task-1", "expired": true, "raised": null}
{"seq": 3, "t": 0.5, "event": "print", "text": "</script><script>console.error('injected')</script>"}
{"seq": 4, "t": 0.25, "event": "cancel", "task": "Task-7", "by": 12, "msg": null, "result": true, "cancelling": 1, "must_cancel": false}
{"seq": 5, "t": 1e308, "event": "diagnostic", "code": "uncancel-without-cancel", "task": "Task-1", "message": "\u2028 odd \ud83d\ude00 text"}
{"seq": 6, "t": 1.0, "event": "taskgroup_enter", "scope": "TaskGroup-1", "task": "Task-1"}
{"seq": 7, "t": 1.0, "event": "something_new", "task": ["x"]}
[1, 2, 3]
{"seq": 9, "t": 2.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null}
JSONL
render hostile "$OUT/hostile.jsonl"
: > "$OUT/empty.jsonl"
render empty "$OUT/empty.jsonl"
printf '{"seq": 1, "event": "print"}\nnot json\n' > "$OUT/broken.jsonl"
"$EXPORT" --html "$OUT/broken.html" "$OUT/broken.jsonl" 2> "$OUT/broken.err"
if [ $? -eq 2 ] && grep -q "line 2 is not JSON" "$OUT/broken.err"; then ok "non-JSON input refused with its line (status 2)"
else bad "non-JSON input refused with its line (status 2)"; fi

# The checkers can fail: a Perfetto trace with one slice stretched past its parent, one with a
# flow's start moved off its event (the engine cannot bind it), a page checked against a run
# with one more cancel than it shows, and a trace where a task shows up under a name no task can
# have been renamed to (a lane split the whole-trace checks must see).
python3 - "$OUT/picture.perfetto.json" "$OUT/broken.perfetto.json" "$OUT/unbound.perfetto.json" <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1]))
inner = [e for e in doc["traceEvents"] if e["ph"] == "X" and e["cat"] in ("timeout", "taskgroup")][0]
inner["dur"] = inner["dur"] + 10_000_000  # now ends after the task's lifetime slice
json.dump(doc, open(sys.argv[2], "w"))
doc = json.load(open(sys.argv[1]))
next(e for e in doc["traceEvents"] if e["ph"] == "s")["ts"] += 0.0005
json.dump(doc, open(sys.argv[3], "w"))
PYEOF
if python3 tests/visual/check_perfetto.py "$OUT/broken.perfetto.json" "$OUT/picture.jsonl" > "$OUT/broken.perfetto.log"; then
  bad "check_perfetto refuses slices that overlap without nesting"; else ok "check_perfetto refuses slices that overlap without nesting"; fi
if [ -n "$ENGINE" ]; then
  if node tests/visual/trace_engine/check_trace_engine.mjs "$ENGINE" "$OUT/unbound.perfetto.json" > "$OUT/unbound.log" 2>&1; then
    bad "the trace engine check refuses a flow that binds to nothing"; else ok "the trace engine check refuses a flow that binds to nothing"; fi
fi
"$B/tasklensd" run --python 3.13 --format jsonl tests/visual/scenarios/renamed_tasks.py > "$OUT/renamed_tasks.3.13.jsonl"
python3 - "$OUT/renamed_tasks.3.13.jsonl" "$OUT/split.jsonl" <<'PYEOF'
import json, sys
# 3.13 names tasks at creation; here parse's last event speaks of "parse-2", a name no task was
# created with and none can have been renamed to: its own track, which a whole-trace check refuses.
out = open(sys.argv[2], "w")
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("task") == "parse" and e.get("event") == "done":
        e["task"] = "parse-2"
    out.write(json.dumps(e) + "\n")
PYEOF
"$EXPORT" --perfetto "$OUT/split.perfetto.json" --html "$OUT/split.html" "$OUT/split.jsonl" 2> /dev/null
if python3 tests/visual/check_perfetto.py "$OUT/split.perfetto.json" "$OUT/split.jsonl" --all-created > "$OUT/split.log"; then
  bad "check_perfetto --all-created refuses a lane split"; else ok "check_perfetto --all-created refuses a lane split"; fi
if [ -n "$CHROMIUM" ] && python3 tests/visual/check_html.py "$OUT/split.html" "$OUT/split.jsonl" --all-created > "$OUT/split.html.log" 2>&1; then
  bad "check_html --all-created refuses a lane split"; else ok "check_html --all-created refuses a lane split"; fi
{ cat "$OUT/picture.jsonl"; echo '{"seq": 99, "t": 9.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": false, "cancelling": 1, "must_cancel": false}'; } > "$OUT/picture.more.jsonl"
if [ -n "$CHROMIUM" ] && python3 tests/visual/check_html.py "$OUT/picture.html" "$OUT/picture.more.jsonl" > "$OUT/more.log" 2>&1; then
  bad "check_html refuses a page missing a cancel"; else ok "check_html refuses a page missing a cancel"; fi

# The real client, once its command table registers export: same bytes as the driver's.
if "$B/tasklens" export --help > /dev/null 2>&1; then
  if "$B/tasklens" export --html "$OUT/client.html" --perfetto "$OUT/client.json" "$OUT/picture.jsonl" &&
     cmp -s "$OUT/client.html" "$OUT/picture.html" && cmp -s "$OUT/client.json" "$OUT/picture.perfetto.json"; then
    ok "tasklens export writes what the renderers write"
  else bad "tasklens export writes what the renderers write"; fi
else
  echo "note: $B/tasklens has no export command yet; the driver stands in"
fi

# The load case: ~100,000 events, 3,000 lanes. Bounds are "not frozen", generous for a shared
# 2-core machine; the measured numbers are printed.
trace many_cancels 3.13 tests/visual/scenarios/many_cancels.py
if [ "$(wc -l < "$OUT/many_cancels.jsonl")" -ge 100000 ]; then ok "load scenario has >= 100,000 events"
else bad "load scenario has >= 100,000 events"; fi
render many_cancels "$OUT/many_cancels.jsonl" --max-first-render-ms 8000 --max-median-frame-ms 50

if [ -f "$OUT/timeline.png" ] && { [ "${UPDATE_DOCS:-0}" = 1 ] || [ ! -f docs/timeline.png ]; }; then
  cp "$OUT/timeline.png" docs/timeline.png && echo "docs/timeline.png updated"
fi
finish
