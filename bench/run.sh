#!/usr/bin/env bash
# `make bench`: every benchmark binary in $BUILD/bench/, then the scenario workloads against
# CPython when bench/compare.py exists. Figures go to stdout; README.md keeps the latest.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
for b in "$BUILD"/bench/*; do
  [ -x "$b" ] || continue
  # stream_client is a helper that stream_bench.py drives below, not a benchmark of its own.
  [ "$(basename "$b")" = stream_client ] && continue
  "$b"
done
if [ -f bench/compare.py ]; then
  python3 bench/compare.py --build "$BUILD"
fi
python3 bench/stream_bench.py "$BUILD/tasklensd"
