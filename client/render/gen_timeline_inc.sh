#!/usr/bin/env bash
# Regenerates client/render/timeline_html.inc (timeline.html as one C++ raw string literal,
# included by html.cpp). Run after editing timeline.html; tests/suites.d/visual.sh fails when
# the two differ. Usage: client/render/gen_timeline_inc.sh [OUT] (default: the .inc itself).
set -eu
dir="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$dir/timeline_html.inc}"
if grep -q ')TLHTML"' "$dir/timeline.html"; then
  echo "timeline.html contains the raw-string delimiter )TLHTML\"" >&2
  exit 1
fi
{ printf '// Generated from timeline.html by gen_timeline_inc.sh: do not edit.\nR"TLHTML('; cat "$dir/timeline.html"; printf ')TLHTML"\n'; } > "$out"
