#!/usr/bin/env bash
# Runs every test suite against the binaries in $BUILD and sums their counts into one
# closing line `N passed, M failed`; exits non-zero if any suite failed or could not run.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
total_pass=0
total_fail=0
failed_suites=()

# run_suite NAME COMMAND...: runs a suite that ends with a `N passed, M failed` line.
run_suite() {
  local name=$1; shift
  local log
  log=$(mktemp)
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  rm -f "$log"
  if [ -z "$line" ]; then
    echo "== $name: no summary line (exit $rc): counted as 1 failure"
    total_fail=$((total_fail + 1)); failed_suites+=("$name"); return
  fi
  local p f
  p=$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
  f=$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/' <<<"$line")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$f" -gt 0 ] && failed_suites+=("$name")
}

# doctest prints "[doctest] test cases: 65 | 64 passed | 1 failed | 0 skipped".
run_unit() {
  local log
  log=$(mktemp)
  echo "== unit: $BUILD/unit_tests"
  "$BUILD/unit_tests" --no-intro 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line p f
  line=$(grep -E '^\[doctest\] test cases:' "$log" | tail -n 1)
  rm -f "$log"
  p=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")
  [[ "$p" =~ ^[0-9]+$ ]] || p=0
  [[ "$f" =~ ^[0-9]+$ ]] || f=1
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$f" -gt 0 ] && failed_suites+=("unit")
}

run_unit
for suite in tests/suites.d/*.sh; do
  [ -e "$suite" ] || continue
  run_suite "$(basename "$suite" .sh)" bash "$suite"
done

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "failed suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
