#!/usr/bin/env bash
# `make fuzz`: builds every libFuzzer target in tests/fuzz/ with clang (ASan+UBSan) and runs
# each for FUZZ_SECONDS (default 60) on a scratch corpus seeded from tests/fuzz/seeds/<target>.
# Crashes are left in build-fuzz/<target>/ and make the run fail.
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
out=build-fuzz
mkdir -p "$out"
command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
flags="-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. $(pkg-config --cflags nlohmann_json 2>/dev/null)"
lib_src=$(find daemon protocol -name '*.cpp' ! -name main.cpp ! -path 'daemon/server/*' ! -path 'daemon/uv/*' | sort)
status=0
for target in tests/fuzz/*_fuzz.cpp; do
  [ -e "$target" ] || continue
  name=$(basename "$target" .cpp)
  echo "== $name: building"
  if ! clang++ $flags "$target" $lib_src -o "$out/$name" $(pkg-config --libs libuv spdlog fmt) 2>"$out/$name.build.log"; then
    echo "== $name: build failed (see $out/$name.build.log)"; status=1; continue
  fi
  mkdir -p "$out/$name/corpus"
  seeds=tests/fuzz/seeds/$name
  echo "== $name: running ${secs}s"
  if ! (cd "$out/$name" && "../$name" -max_total_time="$secs" -print_final_stats=1 corpus $( [ -d "../../$seeds" ] && echo "../../$seeds") > run.log 2>&1); then
    echo "== $name: FOUND A CRASH (see $out/$name/run.log)"; status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$name/run.log" | sed "s/^/   /"
  fi
done
exit $status
