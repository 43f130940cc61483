#!/usr/bin/env bash
# Checks that the Debian packages tasklens builds against are installed, and installs the
# missing ones with apt-get when run as root. Otherwise prints the exact command and stops.
# Writes nothing else; the Makefile calls it before the first compile.
set -u

# package name -> a file it installs that we can test for (doctest ships no pkg-config file).
declare -A probe=(
  [g++]=/usr/bin/g++
  [make]=/usr/bin/make
  [pkg-config]=/usr/bin/pkg-config
  [libuv1-dev]=/usr/include/uv.h
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [libspdlog-dev]=/usr/include/spdlog/spdlog.h
  [libfmt-dev]=/usr/include/fmt/format.h
  [doctest-dev]=/usr/include/doctest/doctest.h
  [libcli11-dev]=/usr/include/CLI/CLI.hpp
  [libncurses-dev]=/usr/include/ncurses.h
)
order=(g++ make pkg-config libuv1-dev nlohmann-json3-dev libspdlog-dev libfmt-dev doctest-dev libcli11-dev libncurses-dev)

missing=()
for p in "${order[@]}"; do
  [ -e "${probe[$p]}" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "tasklens: missing build dependencies: ${missing[*]}" >&2
  echo "tasklens: install them as root with:  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi
echo "tasklens: installing build dependencies: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1 || true
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    echo "tasklens: '$cmd' failed; install those packages and run make again" >&2
    exit 1
  fi
fi
for p in "${missing[@]}"; do
  if [ ! -e "${probe[$p]}" ]; then
    echo "tasklens: $p installed but ${probe[$p]} is still missing" >&2
    exit 1
  fi
done
