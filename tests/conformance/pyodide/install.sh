#!/usr/bin/env bash
# Installs the pinned pyodide (CPython 3.14 compiled for Node.js) beside run_tracer.mjs, so
# the reference tracer can run under 3.14.  Idempotent and quiet: does nothing when the
# pinned version is already in node_modules; prints only on failure (exit non-zero).
set -euo pipefail
cd "$(dirname "$0")"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install.sh: $tool not found; 3.14 (pyodide) cannot be installed" >&2
    exit 1
  fi
done

want=$(node -p 'require("./package.json").dependencies.pyodide')
have=$(node -p 'try { require("./node_modules/pyodide/package.json").version } catch (e) { "" }')
[ "$have" = "$want" ] && exit 0

# package-lock.json pins the transitive packages too: `npm ci` installs exactly those.
if ! log=$(npm ci --no-audit --no-fund --loglevel=error 2>&1); then
  echo "install.sh: npm ci failed (pyodide $want):" >&2
  echo "$log" >&2
  exit 1
fi
