#!/usr/bin/env bash
# The reference tracer reproduces CPython's traces of ../shared/trace-examples byte for
# byte under 3.11-3.13, and runs under 3.14 (pyodide); see tests/conformance/.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/conformance/check_examples.py
