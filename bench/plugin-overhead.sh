#!/usr/bin/env bash
# Plugin overhead: the time of `clang -fsyntax-only` with the lockwarden plugin over
# the same command without it, on the same files, in one run (a ratio, so the
# machine's speed and load cancel out as far as possible).
#   bench/plugin-overhead.sh [BUILD_DIR] [FILE...]
# Defaults: build/llvm-19 and the bundled example plus the test cases.
# REPEAT (default 10) runs of each command; the minimum of each is compared.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/llvm-19}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(examples/driver/driver.c testcases/*/*.c)
fi
clang=$(cat "$build/lw-clang")
plugin="$build/lib/lockwarden.so"
repeat=${REPEAT:-10}
flags=(-fsyntax-only -w -I annotations -I examples/driver -I testcases/Inputs -I testcases/annotations/Inputs)

run() { # prints the minimum wall time in ns of `clang "$@"` over $repeat runs
  local best=
  for _ in $(seq "$repeat"); do
    local t0 t1
    t0=$(date +%s%N)
    "$clang" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    local d=$((t1 - t0))
    if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  echo "$best"
}

plain=0 with=0
for f in "${files[@]}"; do
  p=$(run "${flags[@]}" "$f")
  w=$(run "${flags[@]}" -fplugin="$plugin" "$f")
  plain=$((plain + p)); with=$((with + w))
  printf '%-50s plain %6.1f ms  plugin %6.1f ms  ratio %.3f\n' "$f" \
    "$(echo "$p/1000000" | bc -l)" "$(echo "$w/1000000" | bc -l)" "$(echo "$w/$p" | bc -l)"
done
printf 'total: plain %.1f ms, with plugin %.1f ms, ratio %.3f (%s, %d files, min of %d runs)\n' \
  "$(echo "$plain/1000000" | bc -l)" "$(echo "$with/1000000" | bc -l)" "$(echo "$with/$plain" | bc -l)" \
  "$("$clang" --version | head -1)" "${#files[@]}" "$repeat"
