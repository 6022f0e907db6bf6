#!/usr/bin/env bash
# The whole suite: for each LLVM major version in LW_LLVM_VERSIONS (default "14 19"),
# configure build/llvm-N, build it, and run ctest (unit tests, lit, core-boundary).
# Ends with one line "N passed, M failed" counting the ctest tests of all versions; a
# version whose configure or build fails counts as one failed test. Exits non-zero if
# anything failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

versions=${LW_LLVM_VERSIONS:-14 19}

# shellcheck disable=SC2046,SC2086
bash scripts/deps.sh $(printf '%s\n' 14 19 $versions | sort -un) || { echo "test.sh: error: scripts/deps.sh failed" >&2; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
report=()

for n in $versions; do
  dir="build/llvm-$n"
  log="$dir/ctest.log"
  echo "==== LLVM $n: $dir ===="
  # Reuse the folder, unless it was configured for another checkout (a copied tree).
  cache="$dir/CMakeCache.txt"
  if [ -f "$cache" ] && ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$(pwd -P)" "$cache"; then
    echo "test.sh: $dir belongs to another source tree; starting it afresh"
    rm -rf "$dir"
  fi
  if ! cmake -S . -B "$dir" -DLLVM_VERSION="$n" -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
    report+=("llvm-$n: configure FAILED")
    failed=$((failed + 1))
    continue
  fi
  if ! cmake --build "$dir" -j2; then
    report+=("llvm-$n: build FAILED")
    failed=$((failed + 1))
    continue
  fi
  ctest --test-dir "$dir" --output-on-failure --no-tests=error 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  # ctest's summary: "83% tests passed, 1 tests failed out of 6"
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    t=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    p=$((t - f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
      f=1   # ctest failed for a reason its summary does not count
    fi
  else
    p=0
    f=1     # no tests ran (or ctest itself failed)
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  report+=("llvm-$n: $p passed, $f failed")
done

echo "==== summary ===="
for r in "${report[@]}"; do
  echo "$r"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
