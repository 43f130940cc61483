#!/usr/bin/env bash
# The wire suite: framed transcripts and fault scenarios (shared/PROTOCOL.md faults
# 1-17 and 19) against the real daemon over a Unix socket, TCP loopback and stdio.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/wire/run.py "${BUILD:-build}/tasklensd"
