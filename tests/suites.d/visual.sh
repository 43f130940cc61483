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

CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ]; then
  apt-get install -y chromium > "$OUT/apt.log" 2>&1 || true
  CHROMIUM=$(command -v chromium || true)
fi
[ -z "$CHROMIUM" ] && echo "note: no chromium; the HTML checks fail"
export CHROMIUM

# render NAME JSONL [check_html options...]: Perfetto + HTML of one trace, both checked.
render() {
  local name=$1 jsonl=$2; shift 2
  if ! "$EXPORT" --perfetto "$OUT/$name.perfetto.json" --html "$OUT/$name.html" "$jsonl" 2> "$OUT/$name.err"; then
    bad "$name: export"; sed 's/^/    /' "$OUT/$name.err"; return
  fi
  if python3 tests/visual/check_perfetto.py "$OUT/$name.perfetto.json" "$jsonl" > "$OUT/$name.perfetto.log"; then
    ok "$name: perfetto ($(tail -1 "$OUT/$name.perfetto.log"))"
  else bad "$name: perfetto"; sed 's/^/  /' "$OUT/$name.perfetto.log" | head -20; fi
  if [ -n "$CHROMIUM" ] && python3 tests/visual/check_html.py "$OUT/$name.html" "$jsonl" "$@" > "$OUT/$name.html.log" 2>&1; then
    ok "$name: html"; grep -v '^PASS' "$OUT/$name.html.log"
  else bad "$name: html"; sed 's/^/  /' "$OUT/$name.html.log" | head -20; fi
}

trace() {  # trace NAME VERSION FILE.py -> $OUT/NAME.jsonl from tasklensd
  "$B/tasklensd" run --python "$2" --format jsonl "$3" > "$OUT/$1.jsonl" 2> "$OUT/$1.run.err"
}

# Scenarios: the README picture (ours and CPython 3.13's own trace of it), a TaskGroup abort,
# nested timeouts, shield under a group abort, a 3.11 rename of a TaskGroup child, and the
# shared trace examples.
trace picture 3.13 tests/visual/scenarios/picture.py
render picture "$OUT/picture.jsonl" --screenshot "$OUT/timeline.png" --size 1400,460
CPY=/root/.pyenv/versions/3.13.0/bin/python3
if [ -x "$CPY" ]; then
  "$CPY" tests/conformance/tracer.py tests/visual/scenarios/picture.py > "$OUT/picture.cpython313.jsonl" 2>/dev/null
  render picture.cpython313 "$OUT/picture.cpython313.jsonl"
fi
for spec in 3.13:tests/scenarios/taskgroup/tg_13_outer_child_fails.py \
            3.13:tests/scenarios/timeouts/nested_inner_expires_then_outer.py \
            3.12:tests/scenarios/shield/shield_in_taskgroup_abort.py \
            3.11:tests/scenarios/taskgroup/tg_task_name.py \
            3.11:tests/scenarios/taskgroup/tg_25_hydra.py; do
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

# The checkers can fail: a Perfetto trace with one slice end removed, and a page checked
# against a run with one more cancel than it shows, must both be refused.
python3 - "$OUT/picture.perfetto.json" "$OUT/broken.perfetto.json" <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1]))
ends = [i for i, e in enumerate(doc["traceEvents"]) if e["ph"] == "E"]
del doc["traceEvents"][ends[len(ends) // 2]]
json.dump(doc, open(sys.argv[2], "w"))
PYEOF
if python3 tests/visual/check_perfetto.py "$OUT/broken.perfetto.json" "$OUT/picture.jsonl" > "$OUT/broken.perfetto.log"; then
  bad "check_perfetto refuses an unclosed slice"; else ok "check_perfetto refuses an unclosed slice"; fi
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
echo "trace processor: none installable offline here (PyPI's perfetto is unreachable, npm has no perfetto package); check_perfetto.py is the check"
finish
