#!/usr/bin/env bash
# The client suite of `make test`: build/tasklens against real daemons (spawned, Unix
# socket, TCP), pretty-view goldens, replay, and `tasklens top` driven in tmux
# (tests/client/run.py). Ends with `N passed, M failed`.
set -u
cd "$(dirname "$0")/../.."
exec python3 tests/client/run.py "${BUILD:-build}"
