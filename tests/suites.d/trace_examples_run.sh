#!/usr/bin/env bash
# `tasklensd run --python 3.1x` on each ../shared/trace-examples/*.py must give the
# contract fields of the matching CPython trace (compared by tests/conformance/compare.py).
# One line per case, then `N passed, M failed`.
set -u
cd "$(dirname "$0")/../.."
BIN="${BUILD:-build}/tasklensd"
EXAMPLES=${TRACE_EXAMPLES:-/work/shared/trace-examples}
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for py in "$EXAMPLES"/*.py; do
  name=$(basename "$py" .py)
  for v in 3.11 3.12 3.13; do
    expected="$EXAMPLES/$name.$v.jsonl"
    [ -f "$expected" ] || continue
    if "$BIN" run --python "$v" --format jsonl "$py" > "$tmp/out" 2> "$tmp/err" &&
       python3 tests/conformance/compare.py "$expected" "$tmp/out" > "$tmp/cmp" 2>&1; then
      echo "PASS $name --python $v"
      pass=$((pass + 1))
    else
      echo "FAIL $name --python $v"
      sed 's/^/    /' "$tmp/cmp" "$tmp/err" | head -20
      fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
