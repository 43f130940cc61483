#!/usr/bin/env bash
# The language corpus: every tests/scenarios/lang/*.py runs under `tasklensd run` and the
# texts of its `print` events must equal the lines CPython 3.13 prints running the file
# directly (expected output generated live). One line per file, then `N passed, M failed`.
set -u
cd "$(dirname "$0")/../.."
BIN="${BUILD:-build}/tasklensd"
PY=${CPYTHON:-/root/.pyenv/versions/3.13.0/bin/python3}
pass=0
fail=0
skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for py in tests/scenarios/lang/*.py; do
  name=$(basename "$py" .py)
  if [ ! -x "$PY" ]; then
    echo "SKIP $name (no CPython at $PY)"
    skip=$((skip + 1))
    continue
  fi
  "$PY" "$py" > "$tmp/expected" 2>/dev/null
  "$BIN" run --python 3.13 --format jsonl "$py" > "$tmp/trace" 2> "$tmp/err"
  rc=$?
  python3 - "$tmp/trace" > "$tmp/actual" <<'PYEOF'
import json, sys
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    ev = json.loads(line)
    if ev.get("event") == "print":
        print(ev["text"])
PYEOF
  if [ "$rc" -eq 0 ] && cmp -s "$tmp/expected" "$tmp/actual"; then
    echo "PASS $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name (exit $rc)"
    diff "$tmp/expected" "$tmp/actual" | head -10 | sed 's/^/    /'
    head -5 "$tmp/err" | sed 's/^/    /'
    fail=$((fail + 1))
  fi
done
[ "$skip" -gt 0 ] && echo "skipped: $skip"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
