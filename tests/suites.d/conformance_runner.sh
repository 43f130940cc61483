#!/usr/bin/env bash
# The conformance instrument's own tests: run.py and diff.py against a stand-in tasklensd
# (exact, altered, broken, missing) must pass, fail, and report as they should.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/conformance/check_runner.py
