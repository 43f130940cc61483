#!/usr/bin/env bash
# `make conformance`: the differential runner (run.py) against the tasklensd in $BUILD.
# Every scenario x every version 3.11-3.14, CPython's traces cached in build/conformance-cache/.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/conformance/run.py --build "${BUILD:-build}" "$@"
