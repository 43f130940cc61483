#!/usr/bin/env bash
# The conformance suite of `make test`: every scenario under tests/scenarios/ traced by real
# CPython 3.11-3.14 and by $BUILD/tasklensd must agree (tests/conformance/run.py).
set -u
cd "$(dirname "$0")/../.."
exec tests/conformance/run.sh
