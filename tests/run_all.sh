#!/usr/bin/env bash
# Runs every test suite against the binaries in $BUILD and sums their counts into one
# closing line `N passed, M failed`; exits non-zero if any suite failed or could not run.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
total_pass=0
total_fail=0
failed_suites=()

# Sanitized binaries (make test SAN=1): every process writes its ASan/UBSan/LSan report to
# a file under $BUILD/san-logs instead of stderr, so a report is counted even where a suite
# only compares stdout, and stderr-exact suites are not disturbed by it.
TASKLENS_SAN=${TASKLENS_SAN:-0}
export TASKLENS_SAN
if [ "$TASKLENS_SAN" = 1 ]; then
  SAN_LOGS="$(pwd)/$BUILD/san-logs"
  rm -rf "$SAN_LOGS"
  mkdir -p "$SAN_LOGS"
  export ASAN_OPTIONS="detect_leaks=1:log_path=$SAN_LOGS/asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export UBSAN_OPTIONS="print_stacktrace=1:log_path=$SAN_LOGS/ubsan${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  export LSAN_OPTIONS="${LSAN_OPTIONS:-}"
  echo "== sanitizers: reports go to $SAN_LOGS"
fi

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

# One failure per sanitizer report, whichever suite's process wrote it.
if [ "$TASKLENS_SAN" = 1 ]; then
  reports=("$SAN_LOGS"/*)
  [ -e "${reports[0]}" ] || reports=()
  echo "== sanitizers: ${#reports[@]} report(s)"
  for r in "${reports[@]}"; do
    echo "--- $r"
    grep -m1 -E 'ERROR: |runtime error: ' "$r"
    grep -m8 -E '^ +#[0-9]+ .* (daemon|client|protocol|tests)/' "$r"
  done
  total_fail=$((total_fail + ${#reports[@]}))
  [ ${#reports[@]} -gt 0 ] && failed_suites+=("sanitizers")
fi

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "failed suites: ${failed_suites[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
