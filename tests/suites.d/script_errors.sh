#!/usr/bin/env bash
# Bad input to `tasklensd run`: every tests/scenarios/errors/NAME.py that has NAME.rc runs
# with the flags in NAME.args; its exit status must be NAME.rc, its stderr exactly
# NAME.stderr, and (when NAME.event exists) its last stdout line must contain that text.
# Tracebacks in *.stderr come from CPython 3.13 (cpython_traceback.py: the scenario's own
# frames, no carets); "repeated N more times" counts are compared as N (CPython's count
# includes asyncio's Python frames). Plus a missing file and a directory. Last line:
# `N passed, M failed`.
set -u
cd "$(dirname "$0")/../.."
BIN="${BUILD:-build}/tasklensd"
DIR=tests/scenarios/errors
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
norm() { sed -E 's/repeated [0-9]+ more time(s?)/repeated N more times/' "$1"; }
check() {  # name rc expected_stderr_file event_text
  local name=$1 want_rc=$2 want_err=$3 want_event=$4 rc=$5
  local ok=1
  [ "$rc" = "$want_rc" ] || { ok=0; echo "    exit $rc, expected $want_rc"; }
  if ! diff <(norm "$want_err") <(norm "$tmp/err") > "$tmp/diff"; then
    ok=0; head -10 "$tmp/diff" | sed 's/^/    /'
  fi
  if [ -n "$want_event" ] && ! tail -1 "$tmp/out" | grep -qF -- "$want_event"; then
    ok=0; echo "    last event: $(tail -1 "$tmp/out")"
  fi
  if [ $ok = 1 ]; then echo "PASS $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}
for rcfile in "$DIR"/*.rc; do
  name=$(basename "$rcfile" .rc)
  args=""
  [ -f "$DIR/$name.args" ] && args=$(cat "$DIR/$name.args")
  # shellcheck disable=SC2086
  timeout 30 "$BIN" run $args "$DIR/$name.py" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  event=""
  [ -f "$DIR/$name.event" ] && event=$(cat "$DIR/$name.event")
  check "$name" "$(cat "$rcfile")" "$DIR/$name.stderr" "$event" "$rc"
done
# A missing file and a directory: exit 2 and a one-line reason.
timeout 10 "$BIN" run "$DIR/no_such_file.py" > "$tmp/out" 2> "$tmp/err"; rc=$?
echo "tasklensd run: cannot read $DIR/no_such_file.py: No such file or directory" > "$tmp/want"
check missing_file 2 "$tmp/want" "" "$rc"
timeout 10 "$BIN" run "$DIR" > "$tmp/out" 2> "$tmp/err"; rc=$?
echo "tasklensd run: $DIR is a directory, not a scenario file" > "$tmp/want"
check directory 2 "$tmp/want" "" "$rc"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
