#!/usr/bin/env bash
# Builds and runs lockwarden's fuzz targets (bench/fuzz/fuzz-*.c) with libFuzzer, clang 19,
# AddressSanitizer and UndefinedBehaviorSanitizer. Not part of the build or of the tests.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   # default: LW_FUZZ_SECONDS or 600 each; sidecar facts
#   scripts/fuzz.sh 60 facts                # one minute of the facts reader
#
# TARGET is sidecar (the sidecar reader), facts (the facts reader), or facts-analyze (the
# facts reader, then the analysis of what it read). Each runs for SECONDS on one core;
# LW_FUZZ_JOBS=N runs N at once. Everything goes under build/fuzz/ (never into the
# repository): the binaries, a corpus per target (kept between runs, so a rerun continues),
# crashes and a log. The corpus starts from the hand-written seeds in bench/fuzz/seeds/ and,
# for the facts targets, from facts files the plugin writes for a few test sources (when
# build/llvm-19 is built). Each run ends with a line per target: executions per second,
# corpus size, and any crash, then a non-zero status if a target found one.
#
# LW_FUZZ_CFLAGS adds compiler flags (say -fno-sanitize=nonnull-attribute to look past a
# known finding). Needs clang-19 and its libFuzzer runtime (Debian: libclang-rt-19-dev;
# scripts/deps.sh fuzz).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

secs=${1:-${LW_FUZZ_SECONDS:-600}}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sidecar facts)
case "$secs" in ''|*[!0-9]*) echo "fuzz.sh: error: '$secs' is not a number of seconds" >&2; exit 2 ;; esac

clang=/usr/lib/llvm-19/bin/clang
if [ ! -x "$clang" ] || ! ls /usr/lib/llvm-19/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz.sh: error: needs clang 19 with libFuzzer; run: scripts/deps.sh fuzz" >&2
  exit 2
fi

out=build/fuzz
mkdir -p "$out"
pkgs="glib-2.0 jansson msgpack yaml-0.1 libxxhash"
# shellcheck disable=SC2046
cflags=(-g -O1 -std=c11 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
        -Ichecker/core $(pkg-config --cflags $pkgs) ${LW_FUZZ_CFLAGS:-})
# shellcheck disable=SC2046
libs=($(pkg-config --libs $pkgs))

# The core once per set of flags, instrumented for the fuzzer.
objdir=$out/obj-$(echo "${cflags[*]}" | md5sum | cut -c1-8)
mkdir -p "$objdir"
objs=()
for c in checker/core/*.c; do
  o="$objdir/$(basename "${c%.c}").o"
  if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$0" -nt "$o" ] || [ -n "$(find checker/core -name '*.h' -newer "$o" -o -name '*.def' -newer "$o" | head -n 1)" ]; then
    "$clang" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$c" -o "$o"
  fi
  objs+=("$o")
done

build_target() { # name source extra-flags...
  local name=$1 src=$2
  shift 2
  "$clang" "${cflags[@]}" -fsanitize=fuzzer "$@" "$src" "${objs[@]}" "${libs[@]}" -o "$out/fuzz-$name"
}

# Facts seeds: what the plugin writes for a few small sources of the tests.
facts_seeds() {
  local seeds=$out/facts-seeds plugin=build/llvm-19/lib/lockwarden.so
  mkdir -p "$seeds"
  [ -f "$plugin" ] || { echo "fuzz.sh: note: no $plugin: the facts corpus starts empty" >&2; return; }
  local n=0
  for src in examples/driver/*.c testcases/sleep-under-lock/direct.c testcases/sidecar/sidecar.c; do
    [ -f "$src" ] || continue
    n=$((n + 1))
    "$clang" -fsyntax-only -w -fplugin="$plugin" -fplugin-arg-lockwarden-facts="$PWD/$seeds/seed-$n.facts" \
      -Iannotations -Itestcases/Inputs -Iexamples/driver "$src" 2>/dev/null || true
    rm -f "$seeds/seed-$n.facts.deps"
  done
}

declare -A source=([sidecar]=bench/fuzz/fuzz-sidecar.c [facts]=bench/fuzz/fuzz-facts.c
                   [facts-analyze]=bench/fuzz/fuzz-facts.c)
for t in "${targets[@]}"; do
  [ -n "${source[$t]:-}" ] || { echo "fuzz.sh: error: unknown target '$t' (sidecar, facts, facts-analyze)" >&2; exit 2; }
  extra=()
  [ "$t" = facts-analyze ] && extra=(-DLW_FUZZ_ANALYZE)
  build_target "$t" "${source[$t]}" "${extra[@]}"
done
case " ${targets[*]} " in *" facts"*) facts_seeds ;; esac

run() { # target
  local t=$1 corpus=$out/corpus-$1 seeds
  mkdir -p "$corpus" "$out/crashes-$t"
  case "$t" in sidecar) seeds=(bench/fuzz/seeds/sidecar) ;; *) seeds=("$out/facts-seeds") ;; esac
  # A sidecar or facts file of 64 KiB is already large; longer inputs only slow the search.
  "$out/fuzz-$t" "$corpus" "${seeds[@]}" -max_total_time="$secs" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/crashes-$t/" > "$out/$t.log" 2>&1 || true
}

jobs=${LW_FUZZ_JOBS:-1}
for t in "${targets[@]}"; do
  run "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
done
wait

status=0
for t in "${targets[@]}"; do
  log=$out/$t.log
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log" | tail -n 1)
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$done_line")
  files=$(find "$out/corpus-$t" -type f | wc -l)
  bytes=$(du -sb "$out/corpus-$t" | cut -f1)
  crashes=$(find "$out/crashes-$t" -type f | wc -l)
  echo "fuzz.sh: $t: ${secs} s, ${execs:-?} executions, ${rate:-?} exec/s, corpus ${files} files (${bytes} bytes; libFuzzer: ${corp:-?}), ${crashes} crash files$([ "$crashes" -eq 0 ] || echo " in $out/crashes-$t")"
  [ "$crashes" -eq 0 ] || status=1
  grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log" && { echo "fuzz.sh: $t: see $log" >&2; status=1; }
done
exit $status
