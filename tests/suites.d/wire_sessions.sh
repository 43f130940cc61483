#!/usr/bin/env bash
# The session wire suite: scenario sessions inside a real daemon (protocol/PROTOCOL.md
# "Sessions"): the whole debugging session over unix, tcp and stdio, runs equal to
# CPython's traces, replay and filters, fault 18, a stalled subscriber.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/wire/sessions.py "${BUILD:-build}/tasklensd"
