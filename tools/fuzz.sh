#!/usr/bin/env bash
# `make fuzz`: builds every libFuzzer target in tests/fuzz/ with clang (ASan+UBSan) and runs
# each for FUZZ_SECONDS (default 60) on a scratch corpus seeded from tests/fuzz/seeds/<target>
# (if present) and, for the script_* targets, from the scenario corpus tests/scenarios/ itself,
# so the seeds are the real scenarios and never copies of them.
# The library sources are compiled once into build-fuzz/obj (FUZZ_JOBS in parallel, default 2;
# an object is rebuilt when its source or any header is newer) and linked into each target.
# Targets go to build-fuzz/bin/; crashes are left in build-fuzz/<target>/ and make the run fail. FUZZ_TARGETS="a b" runs
# only those targets.
set -u
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
out=build-fuzz
mkdir -p "$out/obj" "$out/bin"
command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
# -fno-sanitize=function: clang 14's function sanitizer (part of `undefined`) cannot place
# its prologue data in front of functions that land in another section ("Cannot represent
# a difference across sections" from the assembler).
flags="-std=c++20 -g -O1 -fsanitize=address,undefined -fno-sanitize=function -I. $(pkg-config --cflags libuv nlohmann_json spdlog fmt 2>/dev/null)"
lib_src=$(find daemon protocol -name '*.cpp' ! -name main.cpp | sort)
newest_header=$(find daemon protocol -name '*.h' -printf '%T@\n' | sort -n | tail -1)
# Objects built with other flags are not reused.
if [ "$(cat "$out/obj/FLAGS" 2>/dev/null)" != "$flags" ]; then
  rm -f "$out"/obj/*.o
  echo "$flags" > "$out/obj/FLAGS"
fi
export flags out newest_header
compile_one() {
  src=$1
  obj="$out/obj/${src//\//_}.o"
  if [ -f "$obj" ] && [ "$obj" -nt "$src" ] && awk -v a="$(stat -c %Y "$obj")" -v b="${newest_header%.*}" 'BEGIN{exit !(a >= b)}'; then
    return 0
  fi
  # shellcheck disable=SC2086
  clang++ $flags -fsanitize=fuzzer-no-link -c "$src" -o "$obj.tmp" 2>"$obj.log" && mv "$obj.tmp" "$obj" || { echo "fuzz: cannot compile $src (see $obj.log)"; return 1; }
}
export -f compile_one
echo "== compiling the library for fuzzing ($jobs jobs)"
if ! printf '%s\n' $lib_src | xargs -P "$jobs" -I{} bash -c 'compile_one {}'; then
  echo "== library build failed"; exit 1
fi
objs=$(for s in $lib_src; do echo "$out/obj/${s//\//_}.o"; done)
# An archive, so each target links only the objects it reaches.
rm -f "$out/libfuzz.a"
# shellcheck disable=SC2086
ar rcs "$out/libfuzz.a" $objs
status=0
for target in tests/fuzz/*_fuzz.cpp; do
  [ -e "$target" ] || continue
  name=$(basename "$target" .cpp)
  if [ -n "${FUZZ_TARGETS:-}" ] && ! [[ " $FUZZ_TARGETS " == *" $name "* ]]; then continue; fi
  echo "== $name: building"
  # shellcheck disable=SC2086
  if ! clang++ $flags -fsanitize=fuzzer "$target" "$out/libfuzz.a" -o "$out/bin/$name" $(pkg-config --libs libuv spdlog fmt) 2>"$out/$name.build.log"; then
    echo "== $name: build failed (see $out/$name.build.log)"; status=1; continue
  fi
  mkdir -p "$out/$name/corpus"
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds+=("../../tests/fuzz/seeds/$name")
  [[ $name == script_* ]] && seeds+=("../../tests/scenarios")
  echo "== $name: running ${secs}s"
  if ! (cd "$out/$name" && "../bin/$name" -max_total_time="$secs" -print_final_stats=1 corpus "${seeds[@]}" > run.log 2>&1); then
    echo "== $name: FOUND A CRASH (see $out/$name/run.log)"; status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$name/run.log" | sed "s/^/   /"
  fi
done
exit $status
