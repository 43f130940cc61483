#!/usr/bin/env bash
# `tasklensd run --diagnostics`: the run's diagnostic events equal a daemon session's for
# the same scenario (examples/ and tests/scenarios/runtime/session/, 3.11-3.13), and the
# trace without the flag is unchanged.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/wire/run_diagnostics.py "${BUILD:-build}/tasklensd"
