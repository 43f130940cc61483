#!/usr/bin/env bash
# `make demo`: run one annotated example scenario under two Python versions and show how
# asyncio's cancellation bookkeeping differs between them.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
scenario=examples/uncancel_rescind.py
[ -f "$scenario" ] || scenario=../shared/trace-examples/timeout_vs_cancel.py
for v in 3.12 3.13; do
  echo "=== $scenario under Python $v semantics"
  "$BUILD/tasklensd" run --python "$v" --format text "$scenario"
  echo
done
